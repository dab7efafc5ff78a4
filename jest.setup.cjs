// cdktf's matchers (toHaveResourceWithProperties, toBeValidTerraform, ...) for every spec.
require('cdktf/lib/testing/adapters/jest').setupJest();

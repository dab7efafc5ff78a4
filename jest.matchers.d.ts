// Brings cdktf's Jest matcher types (toHaveResourceWithProperties, ...) into every project's type check.
import 'cdktf/lib/testing/adapters/jest';

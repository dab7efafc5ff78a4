// The floor the synth is measured against: a bare cdktf app, one stack with one resource, deep
// imports, run the same way as the project's apps. The resource is one no guardrail applies to,
// so the floor can also run through the synth host.
import { IamGroup } from '@cdktf/provider-aws/lib/iam-group';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { App, TerraformStack } from 'cdktf';

const app = new App();
const stack = new TerraformStack(app, 'floor');
new AwsProvider(stack, 'aws', { region: 'us-west-2' });
new IamGroup(stack, 'group', { name: 'floor' });
app.synth();

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deploymentTargets, parseConfig } from '@privatelink/config';
import { TerraformOutput, TerraformStack, Testing } from 'cdktf';
import { NETWORK_HANDOFF_OUTPUTS, publishNetworkHandoff, readNetworkHandoff, type NetworkHandoff } from './network-handoff';

const [target] = deploymentTargets(
  parseConfig(
    'test.yaml',
    `
environments:
  qa:
    accountId: "123456789012"
    onPremCidrs: [192.168.0.0/16]
    directConnectGatewayId: 5f2a8c1e-4b7d-4e9a-9c3f-1a2b3c4d5e6f
    dns: { privateZone: ml.qa.example.internal }
    regions:
      eu-west-1: { vpcCidr: 10.1.0.0/16, availabilityZones: [eu-west-1a, eu-west-1b] }
`,
  ),
);

describe('network handoff contract', () => {
  // Testing.app() without an outdir would leave a cdktf.outdir.* temp folder per call.
  let outdir: string;
  beforeAll(() => (outdir = mkdtempSync(join(tmpdir(), 'handoff-spec-'))));
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  it('names every output <thing>_<attribute> and documents it', () => {
    for (const spec of Object.values(NETWORK_HANDOFF_OUTPUTS)) {
      expect(spec.output).toMatch(/^[a-z0-9]+(_[a-z0-9]+)+$/);
      expect(spec.description.length).toBeGreaterThan(10);
    }
    expect(new Set(Object.values(NETWORK_HANDOFF_OUTPUTS).map((spec) => spec.output)).size).toBe(
      Object.keys(NETWORK_HANDOFF_OUTPUTS).length,
    );
  });

  it('publishes one output per field under its contract name', () => {
    const stack = new TerraformStack(Testing.app({ outdir }), 'network-qa-eu-west-1');
    const values = Object.fromEntries(
      Object.entries(NETWORK_HANDOFF_OUTPUTS).map(([key, spec]) => [key, spec.list ? [`${key}-a`, `${key}-b`] : key]),
    ) as unknown as NetworkHandoff;
    publishNetworkHandoff(stack, values);
    const outputs = JSON.parse(Testing.synth(stack)).output;
    expect(Object.keys(outputs).sort()).toEqual(Object.values(NETWORK_HANDOFF_OUTPUTS).map((spec) => spec.output).sort());
    expect(outputs.private_subnet_ids).toEqual({
      value: ['privateSubnetIds-a', 'privateSubnetIds-b'],
      description: NETWORK_HANDOFF_OUTPUTS.privateSubnetIds.description,
    });
  });

  it("reads the network stack's local state by a relative path, as typed references, and records the read", () => {
    const reads: string[] = [];
    const stack = Object.assign(new TerraformStack(Testing.app({ outdir }), 'sagemaker-qa-eu-west-1'), {
      recordStateRead: (id: string) => reads.push(id),
    });
    const handoff = readNetworkHandoff(stack, target);
    expect(reads).toEqual(['network-qa-eu-west-1']);
    new TerraformOutput(stack, 'vpc', { value: handoff.vpcId });
    new TerraformOutput(stack, 'subnets', { value: handoff.privateSubnetIds });
    const json = JSON.parse(Testing.synth(stack));
    expect(json.output.vpc.value).toBe('${data.terraform_remote_state.network.outputs.vpc_id}');
    expect(json.output.subnets.value).toBe('${data.terraform_remote_state.network.outputs.private_subnet_ids}');
    expect(json.data.terraform_remote_state.network).toEqual({
      backend: 'local',
      config: { path: '../../../terraform.network-qa-eu-west-1.tfstate' },
    });
  });
});

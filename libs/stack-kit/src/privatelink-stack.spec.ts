import { parseConfig, deploymentTargets } from '@privatelink/config';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { App, Testing } from 'cdktf';
import { synthAppToFiles } from './testing/synth-to-files';
import { testApp } from './testing/test-app';
import {
  declareStateReads,
  defaultTags,
  FORCE_DESTROY_CONTEXT,
  PrivatelinkStack,
  protectFromDestroy,
  type PrivatelinkStackProps,
  type ProviderSettings,
} from './privatelink-stack';
import { localStatePath, stackId } from '@privatelink/config';

const CONFIG = `
environments:
  qa:
    accountId: "123456789012"
    onPremCidrs: [192.168.0.0/16]
    directConnectGatewayId: 5f2a8c1e-4b7d-4e9a-9c3f-1a2b3c4d5e6f
    dns: { privateZone: ml.qa.example.internal }
    tags: { team: ml, project-code: p42 }
    regions:
      eu-west-1: { vpcCidr: 10.1.0.0/16, availabilityZones: [eu-west-1a, eu-west-1b] }
`;

class ProbeStack extends PrivatelinkStack {
  readonly vpc: Vpc;
  constructor(scope: App, props: PrivatelinkStackProps, app: 'network' | 'sagemaker' = 'network', provider: ProviderSettings = {}) {
    super(scope, { app, environment: props.target.environment.name, region: props.target.region.region }, props, provider);
    this.vpc = new Vpc(this, 'vpc', { cidrBlock: '10.1.0.0/16' });
  }
}

describe('protectFromDestroy', () => {
  const PROTECTED = `
environments:
  qa:
    accountId: "123456789012"
    protected: true
    onPremCidrs: [192.168.0.0/16]
    directConnectGatewayId: 5f2a8c1e-4b7d-4e9a-9c3f-1a2b3c4d5e6f
    dns: { privateZone: ml.qa.example.internal }
    regions:
      eu-west-1: { vpcCidr: 10.1.0.0/16, availabilityZones: [eu-west-1a, eu-west-1b] }
  qb:
    accountId: "210987654321"
    protected: true
    onPremCidrs: [192.168.0.0/16]
    directConnectGatewayId: 5f2a8c1e-4b7d-4e9a-9c3f-1a2b3c4d5e6f
    dns: { privateZone: ml.qb.example.internal }
    regions:
      eu-west-1: { vpcCidr: 10.2.0.0/16, availabilityZones: [eu-west-1a, eu-west-1b] }
`;
  const [qa, qb] = deploymentTargets(parseConfig('test.yaml', PROTECTED));
  /** The VPC's lifecycle in a stack of `target`, synthesized in an app whose force-destroy context is `forceDestroy`. */
  function lifecycle(target: typeof qa, forceDestroy?: string): unknown {
    const app = Testing.app({ outdir: testApp('privatelink-stack-kit-spec').outdir, ...(forceDestroy ? { context: { [FORCE_DESTROY_CONTEXT]: forceDestroy } } : {}) });
    const stack = new ProbeStack(app, { target });
    protectFromDestroy(target, stack.vpc);
    return Object.values(JSON.parse(Testing.synth(stack)).resource.aws_vpc as Record<string, { lifecycle?: unknown }>)[0].lifecycle;
  }

  it('sets prevent_destroy in a protected environment, and only there', () => {
    expect(lifecycle(qa)).toEqual({ prevent_destroy: true });
    const [unprotected] = deploymentTargets(parseConfig('test.yaml', CONFIG));
    expect(lifecycle(unprotected)).toBeUndefined();
  });

  it('leaves it out for the one environment the app is synthesized to destroy, and keeps it for every other', () => {
    expect(qb.environment.protected).toBe(true);
    expect(lifecycle(qa, 'qa')).toBeUndefined();
    expect(lifecycle(qb, 'qa')).toEqual({ prevent_destroy: true });
  });
});

describe('PrivatelinkStack', () => {
  const [target] = deploymentTargets(parseConfig('test.yaml', CONFIG));

  it('names the stack <app>-<env>-<region>', () => {
    expect(stackId('sagemaker', 'qa', 'eu-west-1')).toBe('sagemaker-qa-eu-west-1');
    expect(new ProbeStack(testApp('privatelink-stack-kit-spec'), { target }).node.id).toBe('network-qa-eu-west-1');
  });

  it('pins the provider to the region and account and tags from general to specific', () => {
    const json = JSON.parse(Testing.synth(new ProbeStack(testApp('privatelink-stack-kit-spec'), { target })));
    expect(json.provider.aws).toEqual([
      {
        region: 'eu-west-1',
        allowed_account_ids: ['123456789012'],
        default_tags: [
          { tags: { team: 'ml', 'project-code': 'p42', project: 'sagemaker-privatelink', environment: 'qa', 'managed-by': 'cdktf' } },
        ],
      },
    ]);
  });

  it('keeps local state at the repository root through a relative path', () => {
    const json = JSON.parse(Testing.synth(new ProbeStack(testApp('privatelink-stack-kit-spec'), { target })));
    expect(json.terraform.backend).toEqual({ local: { path: '../../../terraform.network-qa-eu-west-1.tfstate' } });
    expect(localStatePath('x')).not.toMatch(/^\//);
  });

  it('records what it is for in its JSON, where the synth-output reader finds it', () => {
    const { stackJson } = synthAppToFiles('privatelink-stack-kit-spec-', (app) => new ProbeStack(app, { target }, 'sagemaker').node.id);
    expect(JSON.parse(stackJson)['//'].privatelink).toEqual({ app: 'sagemaker', environment: 'qa', region: 'eu-west-1' });
  });

  it('works in another account where the stack asks for it (the organization stack: the management account)', () => {
    const stack = new ProbeStack(testApp('privatelink-stack-kit-spec'), { target }, 'network', {
      allowedAccountIds: ['999999999999'],
      assumeRole: [{ roleArn: 'arn:aws:iam::999999999999:role/OrganizationsPolicyAdmin' }],
    });
    const [provider] = JSON.parse(Testing.synth(stack)).provider.aws;
    expect(provider).toMatchObject({
      region: 'eu-west-1',
      allowed_account_ids: ['999999999999'],
      assume_role: [{ role_arn: 'arn:aws:iam::999999999999:role/OrganizationsPolicyAdmin' }],
    });
  });

  it('turns every recorded state read into a dependency, and refuses a read of a stack the app does not have', () => {
    const app = testApp('privatelink-stack-kit-spec');
    const network = new ProbeStack(app, { target });
    const sagemaker = new ProbeStack(app, { target }, 'sagemaker');
    sagemaker.recordStateRead(network.node.id);
    sagemaker.recordStateRead(network.node.id);
    declareStateReads([network, sagemaker]);
    expect(sagemaker.dependencies).toEqual([network]);
    expect(network.dependencies).toEqual([]);

    sagemaker.recordStateRead('network-qa-us-east-1');
    expect(() => declareStateReads([network, sagemaker])).toThrow(
      'sagemaker-qa-eu-west-1 reads the state of network-qa-us-east-1, which is not a stack of this app; known: network-qa-eu-west-1, sagemaker-qa-eu-west-1',
    );
  });

  it('lets the identity tags win over environment tags of the same name', () => {
    const tags = defaultTags({ ...target, environment: { ...target.environment, tags: { environment: 'spoofed' } } });
    expect(tags['environment']).toBe('qa');
  });
});

import {
  iamNoRiskyActionsOnAll,
  iamNoServiceWildcard,
  iamNoWildcardAction,
  iamScopedResources,
  kmsKeyEnabled,
  kmsKeyNoPublicPrincipal,
  kmsKeyPolicy,
  kmsKeyRotation,
} from '@privatelink/guardrails';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { SagemakerNotebookInstance } from '@cdktf/provider-aws/lib/sagemaker-notebook-instance';
import { SagemakerNotebookInstanceLifecycleConfiguration } from '@cdktf/provider-aws/lib/sagemaker-notebook-instance-lifecycle-configuration';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { NOTEBOOK_PLATFORMS } from '@privatelink/config';
import { idleStopScript } from './idle-stop-script';
import {
  DEV_ROLE_ARN,
  entriesOf,
  networkOutput,
  notebookTarget,
  onlyResource,
  parsePolicy,
  prodTargets,
  ref,
  resourceWhere,
  statement,
  synthSagemaker,
  testTarget,
  packFindings,
  type Synthesized,
  type SynthesizedStack,
} from './testing';

const dev = synthSagemaker(testTarget());
const [prodPrimaryTarget, prodSecondTarget] = prodTargets();
const prod = synthSagemaker(prodPrimaryTarget);
const prodEu = synthSagemaker(prodSecondTarget);
const defaults = synthSagemaker(notebookTarget({ name: 'defaults' }));

function executionRole(json: SynthesizedStack, prefix: string) {
  return resourceWhere(json, IamRole, 'name', `${prefix}-notebook-exec`);
}

/** The key an alias names; throws when the alias or its key is missing. */
function keyByAlias(json: SynthesizedStack, alias: string) {
  const target = String(resourceWhere(json, KmsAlias, 'name', alias).attributes['target_key_id']);
  const id = /^\$\{aws_kms_key\.([\w-]+)\.key_id\}$/.exec(target)?.[1];
  const attributes = id === undefined ? undefined : json.resource?.['aws_kms_key']?.[id];
  if (id === undefined || attributes === undefined) throw new Error(`alias ${alias} targets ${target}, no key of this stack`);
  return { id, attributes };
}

const volumeKey = (json: SynthesizedStack, prefix: string) => keyByAlias(json, `alias/${prefix}-notebooks`);
const logsKey = (json: SynthesizedStack, prefix: string) => keyByAlias(json, `alias/${prefix}-notebook-logs`);

const DEV = 'sagemaker-privatelink-dev-us-west-2';
const PROD = 'sagemaker-privatelink-prod-us-west-2';
const PROD_EU = 'sagemaker-privatelink-prod-eu-west-1';

function instance(json: SynthesizedStack, name: string) {
  return resourceWhere(json, SagemakerNotebookInstance, 'name', name).attributes;
}

function decodedOnStart(json: SynthesizedStack, name: string): string {
  const lifecycle = resourceWhere(json, SagemakerNotebookInstanceLifecycleConfiguration, 'name', name).attributes;
  return Buffer.from(String(lifecycle['on_start']), 'base64').toString('utf8');
}

function rolePolicy({ json }: Synthesized, name: string) {
  return parsePolicy(resourceWhere(json, IamRolePolicy, 'name', name).attributes['policy']);
}

describe('NotebookFleet: notebook instances', () => {
  test('the dev notebook is private, rootless, IMDSv2-only and encrypted with the stack key', () => {
    const key = volumeKey(dev.json, DEV);
    const group = onlyResource(dev.json, SecurityGroup);
    const role = executionRole(dev.json, DEV);
    expect(dev.text).toHaveResourceWithProperties(SagemakerNotebookInstance, {
      name: 'research-dev',
      direct_internet_access: 'Disabled',
      root_access: 'Disabled',
      instance_metadata_service_configuration: { minimum_instance_metadata_service_version: '2' },
      kms_key_id: ref(KmsKey, key.id, 'key_id'),
      subnet_id: '${element(data.terraform_remote_state.network.outputs.private_subnet_ids, 0)}',
      security_groups: [ref(SecurityGroup, group.id)],
      role_arn: ref(IamRole, role.id, 'arn'),
      platform_identifier: 'notebook-al2-v3',
      instance_type: 'ml.t3.medium',
      volume_size: 20,
    });
  });

  test.each([
    ['dev', dev, 'research-dev'],
    ['prod-like', prod, 'analytics-prod'],
    ['prod-like', prod, 'analytics-prod-gpu'],
    ['prod-like eu-west-1', prodEu, 'analytics-prod-gpu'],
  ])('%s %s: internet and root access are set to Disabled explicitly (AWS defaults them to Enabled)', (_env, { json }, name) => {
    const notebook = instance(json, name);
    expect(notebook).toHaveProperty('direct_internet_access', 'Disabled');
    expect(notebook).toHaveProperty('root_access', 'Disabled');
  });

  test('role_arn references the execution role of this stack, not a literal ARN', () => {
    for (const { json } of [dev, prod, prodEu, defaults]) {
      for (const [id, notebook] of entriesOf(json, SagemakerNotebookInstance)) {
        const match = /^\$\{aws_iam_role\.([\w-]+)\.arn\}$/.exec(String(notebook['role_arn']));
        expect([id, match?.[1] !== undefined && json.resource?.['aws_iam_role']?.[match[1]] !== undefined]).toEqual([id, true]);
        expect(String(notebook['role_arn'])).not.toContain('arn:aws:iam::');
      }
    }
  });

  test('every notebook sits in the first private subnet of the handoff, behind the notebook security group', () => {
    const group = ref(SecurityGroup, onlyResource(prod.json, SecurityGroup).id);
    for (const [, notebook] of entriesOf(prod.json, SagemakerNotebookInstance)) {
      expect(notebook['subnet_id']).toBe('${element(data.terraform_remote_state.network.outputs.private_subnet_ids, 0)}');
      expect(notebook['security_groups']).toEqual([group]);
    }
  });

  test('a notebook of defaults is ml.t3.medium, 20 GiB, notebook-al2-v3, never stopped', () => {
    const notebook = instance(defaults.json, 'defaults');
    expect(notebook).toMatchObject({ instance_type: 'ml.t3.medium', volume_size: 20, platform_identifier: 'notebook-al2-v3' });
    expect(notebook['lifecycle_config_name']).toBeUndefined();
  });

  test('one instance per configured notebook, each with its own settings', () => {
    expect(entriesOf(prod.json, SagemakerNotebookInstance).map(([, n]) => n['name']).sort()).toEqual(['analytics-prod', 'analytics-prod-gpu']);
    expect(instance(prod.json, 'analytics-prod')).toMatchObject({ instance_type: 'ml.m5.xlarge', volume_size: 100, platform_identifier: 'notebook-al2-v3' });
    expect(instance(prod.json, 'analytics-prod-gpu')).toMatchObject({ instance_type: 'ml.g5.xlarge', volume_size: 200, platform_identifier: 'notebook-al2-v3' });
  });

  test('the notebooks of an environment are created in each of its regions', () => {
    expect(entriesOf(prodEu.json, SagemakerNotebookInstance).map(([, n]) => n['name']).sort()).toEqual(['analytics-prod', 'analytics-prod-gpu']);
  });

  test.each(NOTEBOOK_PLATFORMS)('platformIdentifier %s is passed through', (platform) => {
    const { json } = synthSagemaker(notebookTarget({ name: 'gpu', instanceType: 'ml.p3.2xlarge', volumeSizeGb: 512, platformIdentifier: platform }));
    expect(instance(json, 'gpu')).toMatchObject({ instance_type: 'ml.p3.2xlarge', volume_size: 512, platform_identifier: platform });
  });

  test.each([5, 16384])('volumeSizeGb %i at the edge of the allowed range is passed through', (size) => {
    const { json } = synthSagemaker(notebookTarget({ name: 'edge', volumeSizeGb: size }));
    expect(instance(json, 'edge')['volume_size']).toBe(size);
  });
});

describe('NotebookFleet: idle-stop lifecycle configuration', () => {
  test('only notebooks with idleStopMinutes get one, attached by reference', () => {
    const lifecycles = entriesOf(prod.json, SagemakerNotebookInstanceLifecycleConfiguration);
    expect(lifecycles.map(([, l]) => l['name'])).toEqual(['analytics-prod-idle-stop']);
    const [[id]] = lifecycles;
    expect(instance(prod.json, 'analytics-prod')['lifecycle_config_name']).toBe(
      ref(SagemakerNotebookInstanceLifecycleConfiguration, id, 'name'),
    );
    expect(instance(prod.json, 'analytics-prod-gpu')['lifecycle_config_name']).toBeUndefined();
  });

  test('no idleStopMinutes anywhere: no lifecycle configuration at all', () => {
    expect(entriesOf(defaults.json, SagemakerNotebookInstanceLifecycleConfiguration)).toEqual([]);
  });

  test.each([
    ['dev', dev, 'research-dev-idle-stop', 60, 'us-west-2'],
    ['prod-like us-west-2', prod, 'analytics-prod-idle-stop', 180, 'us-west-2'],
    ['prod-like eu-west-1', prodEu, 'analytics-prod-idle-stop', 180, 'eu-west-1'],
  ])('%s: on_start is the base64 of the idle-stop script for %s minutes in the region', (_name, { json }, lifecycle, minutes, region) => {
    const script = decodedOnStart(json, lifecycle);
    expect(script).toBe(idleStopScript(minutes, region));
    expect(script).toContain(`/usr/local/bin/idle-stop.py ${minutes} >>`);
    expect(script).toContain(`"--region", "${region}"`);
    expect(script).not.toContain(region === 'us-west-2' ? 'eu-west-1' : 'us-west-2');
  });

  test('on_start stays within the 16,384 characters SageMaker accepts', () => {
    const [[, lifecycle]] = entriesOf(prod.json, SagemakerNotebookInstanceLifecycleConfiguration);
    expect(String(lifecycle['on_start']).length).toBeLessThanOrEqual(16384);
    expect(lifecycle['on_start']).toMatch(/^[A-Za-z0-9+/]+=*$/);
  });

  test.each([5, 1440])('idleStopMinutes %i reaches the script', (minutes) => {
    const { json } = synthSagemaker(notebookTarget({ name: 'idle', idleStopMinutes: minutes }));
    expect(decodedOnStart(json, 'idle-idle-stop')).toContain(`/usr/local/bin/idle-stop.py ${minutes} >>`);
  });

  test('the script downloads nothing: no package install, no fetch from the internet', () => {
    const script = decodedOnStart(dev.json, 'research-dev-idle-stop');
    expect(script).not.toMatch(/\b(pip3?|conda|yum|dnf|apt(-get)?|npm)\b[^\n]*\binstall\b/);
    expect(script).not.toMatch(/\b(curl|wget|git\s+clone|aws\s+s3\s+cp)\b/);
    expect(script.match(/https?:\/\/[^\s"')]+/g)).toEqual(['https://127.0.0.1:8443/api/sessions']);
  });

  test('the longest notebook name the config accepts with idle stop yields a lifecycle name AWS accepts', () => {
    const { json } = synthSagemaker(notebookTarget({ name: `n${'x'.repeat(52)}`, idleStopMinutes: 60 }));
    const names = entriesOf(json, SagemakerNotebookInstanceLifecycleConfiguration).map(([, lifecycle]) => String(lifecycle['name']));
    expect(names).toEqual([`n${'x'.repeat(52)}-idle-stop`]);
    for (const name of names) expect(name).toMatch(/^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/);
  });

  test('a longer name with idle stop is refused by the config, before synth', () => {
    const name = `n${'x'.repeat(53)}`;
    expect(() => notebookTarget({ name, idleStopMinutes: 60 })).toThrow(
      `sagemaker.notebooks[0].name: makes names longer than AWS allows: notebook lifecycle configuration ${name}-idle-stop ` +
        `(64 characters, at most 63); use a shorter notebook name (got "${name}")`,
    );
  });
});

describe('NotebookFleet: volume key', () => {
  test('rotates, is enabled, keeps 30 days of deletion window and has a policy', () => {
    expect(volumeKey(dev.json, DEV).attributes).toEqual({
      enable_key_rotation: true,
      is_enabled: true,
      deletion_window_in_days: 30,
      description: 'Encrypts the notebook volumes of sagemaker-privatelink-dev-us-west-2',
      policy: expect.any(String),
    });
  });

  test('one key per stack, shared by its notebooks', () => {
    const key = ref(KmsKey, volumeKey(prod.json, PROD).id, 'key_id');
    expect(entriesOf(prod.json, SagemakerNotebookInstance).map(([, n]) => n['kms_key_id'])).toEqual([key, key]);
  });

  test('its policy allows principal * only under a Condition, and only through SageMaker for this account', () => {
    const policy = parsePolicy(volumeKey(dev.json, DEV).attributes['policy']);
    expect(packFindings(dev, [kmsKeyNoPublicPrincipal, kmsKeyPolicy, kmsKeyRotation, kmsKeyEnabled])).toEqual([]);
    for (const sid of ['SageMakerTakesGrantsForThisAccount', 'SageMakerDescribesKeyForThisAccount']) {
      expect(statement(policy, sid).Condition?.['StringEquals']).toEqual({
        'kms:ViaService': 'sagemaker.us-west-2.amazonaws.com',
        'kms:CallerAccount': '111111111111',
      });
    }
    expect(statement(policy, 'SageMakerTakesGrantsForThisAccount').Condition?.['Bool']).toEqual({ 'kms:GrantIsForAWSResource': 'true' });
  });

  test('its policy names the execution role of this stack for data use, and the account root for administration', () => {
    const policy = parsePolicy(volumeKey(dev.json, DEV).attributes['policy']);
    const role = executionRole(dev.json, DEV);
    expect(statement(policy, 'ExecutionRoleUsesKey').Principal).toEqual({ AWS: ref(IamRole, role.id, 'arn') });
    expect(statement(policy, 'AccountAdministersKeyThroughIam').Principal).toEqual({ AWS: 'arn:aws:iam::111111111111:root' });
  });

  test('the regional key policy of the second region speaks of that region', () => {
    const policy = parsePolicy(volumeKey(prodEu.json, PROD_EU).attributes['policy']);
    expect(statement(policy, 'SageMakerDescribesKeyForThisAccount').Condition?.['StringEquals']?.['kms:ViaService']).toBe(
      'sagemaker.eu-west-1.amazonaws.com',
    );
  });

  test('has an alias named after the stack', () => {
    expect(dev.text).toHaveResourceWithProperties(KmsAlias, {
      name: 'alias/sagemaker-privatelink-dev-us-west-2-notebooks',
      target_key_id: ref(KmsKey, volumeKey(dev.json, DEV).id, 'key_id'),
    });
  });

  test('prevent_destroy only in a protected environment', () => {
    expect(volumeKey(dev.json, DEV).attributes['lifecycle']).toBeUndefined();
    expect(dev.text).not.toContain('prevent_destroy');
    expect(volumeKey(prod.json, PROD).attributes['lifecycle']).toEqual({ prevent_destroy: true });
    expect(volumeKey(prodEu.json, PROD_EU).attributes['lifecycle']).toEqual({ prevent_destroy: true });
  });

  test('in a protected environment the logs key refuses destruction too', () => {
    expect(logsKey(prod.json, PROD).attributes['lifecycle']).toEqual({ prevent_destroy: true });
    expect(logsKey(prodEu.json, PROD_EU).attributes['lifecycle']).toEqual({ prevent_destroy: true });
  });

  test('outside a protected environment no key carries a lifecycle block', () => {
    for (const [id, key] of entriesOf(dev.json, KmsKey)) expect([id, key['lifecycle']]).toEqual([id, undefined]);
  });

  test('protected: false written out is the default', () => {
    expect(synthSagemaker(testTarget({ environment: { protected: false } })).text).toBe(dev.text);
  });
});

describe('NotebookFleet: notebook log group', () => {
  test.each([
    ['dev', dev, DEV],
    ['prod-like eu-west-1', prodEu, PROD_EU],
  ])('%s: the stack owns the SageMaker notebook log group, kept a year and encrypted with its own key', (_name, { json }, prefix) => {
    expect(resourceWhere(json, CloudwatchLogGroup, 'name', '/aws/sagemaker/NotebookInstances').attributes).toEqual({
      name: '/aws/sagemaker/NotebookInstances',
      retention_in_days: 365,
      kms_key_id: ref(KmsKey, logsKey(json, prefix).id, 'arn'),
    });
  });

  test('the logs key rotates, is enabled, and CloudWatch Logs of the region may use it for that group only', () => {
    const key = logsKey(prodEu.json, PROD_EU).attributes;
    expect(key).toMatchObject({ enable_key_rotation: true, is_enabled: true, deletion_window_in_days: 30 });
    const policy = parsePolicy(key['policy']);
    expect(packFindings(prodEu, [kmsKeyNoPublicPrincipal])).toEqual([]);
    expect(statement(policy, 'CloudWatchLogsUsesKeyForOwnLogGroups')).toMatchObject({
      Principal: { Service: 'logs.eu-west-1.amazonaws.com' },
      Condition: {
        ArnLike: { 'kms:EncryptionContext:aws:logs:arn': ['arn:aws:logs:eu-west-1:333333333333:log-group:/aws/sagemaker/NotebookInstances'] },
      },
    });
  });

  test('the volume key and the logs key are two keys', () => {
    expect(volumeKey(dev.json, DEV).id).not.toBe(logsKey(dev.json, DEV).id);
    expect(entriesOf(dev.json, KmsKey)).toHaveLength(2);
  });
});

describe('NotebookFleet: security group', () => {
  test('one group in the handoff VPC, described, named after the stack', () => {
    expect(dev.text).toHaveResourceWithProperties(SecurityGroup, {
      name: 'sagemaker-privatelink-dev-us-west-2-notebooks',
      description: 'SageMaker notebooks: no ingress; HTTPS egress to the VPC endpoints and S3 only',
      vpc_id: networkOutput('vpc_id'),
    });
    expect(entriesOf(dev.json, SecurityGroup)).toHaveLength(1);
  });

  test('no ingress at all: no inline rule, no ingress rule resource', () => {
    const { attributes } = onlyResource(dev.json, SecurityGroup);
    expect(attributes['ingress']).toBeUndefined();
    expect(attributes['egress']).toBeUndefined();
    expect(entriesOf(dev.json, 'aws_vpc_security_group_ingress_rule')).toEqual([]);
    expect(entriesOf(dev.json, 'aws_security_group_rule')).toEqual([]);
  });

  test('egress is exactly HTTPS to the endpoint security group and HTTPS to the S3 prefix list', () => {
    const group = ref(SecurityGroup, onlyResource(dev.json, SecurityGroup).id);
    const rules = entriesOf(dev.json, VpcSecurityGroupEgressRule).map(([, rule]) => rule);
    expect(rules).toEqual([
      {
        security_group_id: group,
        description: 'HTTPS to the interface endpoints',
        ip_protocol: 'tcp',
        from_port: 443,
        to_port: 443,
        referenced_security_group_id: networkOutput('endpoint_security_group_id'),
      },
      {
        security_group_id: group,
        description: 'HTTPS to S3 through the gateway endpoint',
        ip_protocol: 'tcp',
        from_port: 443,
        to_port: 443,
        prefix_list_id: networkOutput('s3_prefix_list_id'),
      },
    ]);
  });
});

describe('NotebookFleet: execution role', () => {
  test('only SageMaker, acting for this account, may assume it', () => {
    const { attributes } = executionRole(dev.json, DEV);
    expect(parsePolicy(attributes['assume_role_policy']).Statement).toEqual([
      {
        Sid: 'SageMakerServiceForThisAccount',
        Effect: 'Allow',
        Principal: { Service: 'sagemaker.amazonaws.com' },
        Action: 'sts:AssumeRole',
        Condition: { StringEquals: { 'aws:SourceAccount': '111111111111' } },
      },
    ]);
    expect(attributes['description']).toMatch(/\S/);
  });

  test('its policies are inline, attached to it, and none allows a wildcard action', () => {
    for (const [synthesized, stackPrefix] of [
      [dev, DEV],
      [prod, PROD],
      [prodEu, PROD_EU],
    ] as const) {
      const { json } = synthesized;
      const role = executionRole(json, stackPrefix);
      const policies = entriesOf(json, IamRolePolicy);
      expect(policies.map(([, policy]) => policy['name'])).toEqual(['notebook-execution', 'stop-idle-notebooks']);
      expect(entriesOf(json, 'aws_iam_role_policy_attachment').filter(([, a]) => a['role'] === ref(IamRole, role.id, 'name'))).toEqual([]);
      for (const [id, policy] of policies) {
        expect([id, policy['role']]).toEqual([id, ref(IamRole, role.id)]);
      }
      expect(packFindings(synthesized, [iamNoWildcardAction, iamNoServiceWildcard, iamScopedResources, iamNoRiskyActionsOnAll])).toEqual([]);
    }
  });

  test('it writes only the log streams of its own notebooks and uses only the volume key', () => {
    const policy = rolePolicy(dev, 'notebook-execution');
    expect(statement(policy, 'WriteOwnNotebookLogStreams').Resource).toEqual([
      'arn:aws:logs:us-west-2:111111111111:log-group:/aws/sagemaker/NotebookInstances:log-stream:research-dev/*',
    ]);
    expect(statement(policy, 'UseOwnNotebookKey').Resource).toBe(ref(KmsKey, volumeKey(dev.json, DEV).id, 'arn'));
    expect(statement(rolePolicy(prodEu, 'notebook-execution'), 'WriteOwnNotebookLogStreams').Resource).toEqual([
      'arn:aws:logs:eu-west-1:333333333333:log-group:/aws/sagemaker/NotebookInstances:log-stream:analytics-prod/*',
      'arn:aws:logs:eu-west-1:333333333333:log-group:/aws/sagemaker/NotebookInstances:log-stream:analytics-prod-gpu/*',
    ]);
  });

  test('no S3 access unless s3DataPrefix is configured', () => {
    expect(JSON.stringify(rolePolicy(dev, 'notebook-execution'))).not.toContain('s3:');
  });

  test('with s3DataPrefix it lists and reads/writes that prefix of that bucket only', () => {
    const policy = rolePolicy(prod, 'notebook-execution');
    expect(statement(policy, 'ListOwnS3Prefix')).toEqual({
      Sid: 'ListOwnS3Prefix',
      Effect: 'Allow',
      Action: 's3:ListBucket',
      Resource: 'arn:aws:s3:::example-ml-prod-data',
      Condition: { StringLike: { 's3:prefix': ['notebooks', 'notebooks/*'] } },
    });
    expect(statement(policy, 'ReadWriteOwnS3Prefix')).toEqual({
      Sid: 'ReadWriteOwnS3Prefix',
      Effect: 'Allow',
      Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
      Resource: 'arn:aws:s3:::example-ml-prod-data/notebooks/*',
    });
  });

  test('the idle-stop permission stops exactly the notebooks that have idleStopMinutes', () => {
    expect(rolePolicy(dev, 'stop-idle-notebooks').Statement).toEqual([
      {
        Sid: 'StopOwnIdleNotebooks',
        Effect: 'Allow',
        Action: 'sagemaker:StopNotebookInstance',
        Resource: ['arn:aws:sagemaker:us-west-2:111111111111:notebook-instance/research-dev'],
      },
    ]);
    expect(statement(rolePolicy(prodEu, 'stop-idle-notebooks'), 'StopOwnIdleNotebooks').Resource).toEqual([
      'arn:aws:sagemaker:eu-west-1:333333333333:notebook-instance/analytics-prod',
    ]);
  });

  test('no notebook with idleStopMinutes: no idle-stop permission', () => {
    expect(entriesOf(defaults.json, IamRolePolicy).map(([, p]) => p['name'])).toEqual(['notebook-execution']);
  });

  test('the idle-stop ARNs are lower-cased like SageMaker writes them', () => {
    const { json } = synthSagemaker(notebookTarget({ name: 'Research-Dev', idleStopMinutes: 30 }));
    const policy = parsePolicy(resourceWhere(json, IamRolePolicy, 'name', 'stop-idle-notebooks').attributes['policy']);
    expect(statement(policy, 'StopOwnIdleNotebooks').Resource).toEqual([
      'arn:aws:sagemaker:us-west-2:111111111111:notebook-instance/research-dev',
    ]);
  });

  test('the log-stream permission covers every notebook, whatever their names, and nothing else', () => {
    const { json } = synthSagemaker(
      testTarget({ sagemaker: { notebooks: [{ name: 'alpha' }, { name: 'beta' }], access: { assumeRoleArns: [DEV_ROLE_ARN] } } }),
    );
    const policy = parsePolicy(resourceWhere(json, IamRolePolicy, 'name', 'notebook-execution').attributes['policy']);
    const patterns = [statement(policy, 'WriteOwnNotebookLogStreams').Resource].flat().map((resource) => String(resource).split(':log-stream:')[1]);
    const covered = (stream: string) => patterns.some((pattern) => new RegExp(`^${pattern.replace(/\*/g, '.*')}$`).test(stream));
    expect(['alpha/jupyter.log', 'beta/jupyter.log', 'alphabet/jupyter.log', 'gamma/jupyter.log'].filter(covered)).toEqual([
      'alpha/jupyter.log',
      'beta/jupyter.log',
    ]);
  });

  test('an s3DataPrefix without a prefix, or with a wildcard, is refused by the config, before synth', () => {
    const withPrefix = (s3DataPrefix: unknown) => () =>
      testTarget({
        sagemaker: { notebooks: [{ name: 'research-dev' }], access: { assumeRoleArns: [DEV_ROLE_ARN], s3DataPrefix } },
      } as never);
    expect(withPrefix({ bucket: 'example-ml-dev-data' })).toThrow(/access\.s3DataPrefix\.prefix: is required/);
    expect(withPrefix({ bucket: 'example-ml-dev-data', prefix: 'data/*' })).toThrow(
      /access\.s3DataPrefix\.prefix: must be a key prefix such as notebooks\/dev: no wildcards, no leading or trailing \//,
    );
    expect(withPrefix({ bucket: 'example-ml-dev-data', prefix: 'notebooks/dev' })).not.toThrow();
  });
});

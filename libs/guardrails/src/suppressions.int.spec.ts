import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { tmpdir } from 'node:os';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { SagemakerNotebookInstance } from '@cdktf/provider-aws/lib/sagemaker-notebook-instance';
import { Testing, TerraformStack } from 'cdktf';
import { checkStack } from './check-stack';
import { GUARDRAILS_PACK } from './pack';
import { notebookDirectInternetDisabled } from './rules/notebook/notebook-direct-internet-disabled';
import { SUPPRESSION_KNOWN_RULE, SUPPRESSION_REASON, suppressionsOf, suppressRule } from './suppressions';
import { secureNotebook, synthTestStack, TEST_STACK } from './testing';

const REASON = 'Sandbox demo notebook with internet for the workshop; approved in SEC-1234 until 2026-12-31';
const notebook = 'aws_sagemaker_notebook_instance.notebook';

/** GIVEN a notebook with direct internet access, WHEN its finding is suppressed with `reason` */
function suppressedNotebook(ruleId: string, reason: string) {
  return synthTestStack((stack) => {
    const { notebook: instance } = secureNotebook(stack, { directInternetAccess: 'Enabled' });
    suppressRule(instance, ruleId, reason);
  });
}

describe('suppressRule', () => {
  test('writes the suppression into the resource comment of cdk.tf.json, beside the cdktf metadata', () => {
    const stack = suppressedNotebook('notebook-direct-internet-disabled', REASON);
    const [resource] = stack.resources.filter((candidate) => candidate.address === notebook);
    expect(resource.attributes['//']).toEqual({
      guardrails: { suppressions: { 'notebook-direct-internet-disabled': REASON } },
      metadata: { path: `${TEST_STACK}/notebook`, uniqueId: 'notebook' },
    });
    expect(suppressionsOf(resource)).toEqual([{ ruleId: 'notebook-direct-internet-disabled', reason: REASON }]);
  });

  test('refuses something that is not a rule id', () => {
    expect(() =>
      synthTestStack((stack) => suppressRule(secureNotebook(stack).notebook, 'CKV_AWS_122', REASON)),
    ).toThrow('suppressRule: ruleId must be a guardrails rule id such as "sg-ingress-not-open"; got "CKV_AWS_122"');
  });
});

describe('checkStack honours suppressions', () => {
  test('a suppressed finding is not a finding, and is listed with its reason', () => {
    const report = checkStack(suppressedNotebook('notebook-direct-internet-disabled', REASON));
    expect(report.findings).toEqual([]);
    expect(report.suppressions).toEqual([
      { stack: TEST_STACK, address: notebook, ruleId: 'notebook-direct-internet-disabled', reason: REASON },
    ]);
  });

  test('a suppression covers only its own resource and rule', () => {
    const stack = synthTestStack((scope) => {
      const { notebook: first, role } = secureNotebook(scope, { directInternetAccess: 'Enabled' });
      suppressRule(first, 'notebook-direct-internet-disabled', REASON);
      new SagemakerNotebookInstance(scope, 'second', {
        name: 'second',
        instanceType: 'ml.t3.medium',
        platformIdentifier: 'notebook-al2-v3',
        roleArn: role.arn,
        subnetId: 'subnet-0123456789abcdef0',
        securityGroups: ['sg-0123456789abcdef0'],
        kmsKeyId: 'key-id',
        directInternetAccess: 'Enabled',
        rootAccess: 'Enabled',
        instanceMetadataServiceConfiguration: { minimumInstanceMetadataServiceVersion: '2' },
      });
    });
    expect(checkStack(stack).findings.map((finding) => `${finding.address} ${finding.ruleId}`)).toEqual([
      'aws_sagemaker_notebook_instance.second notebook-direct-internet-disabled',
      'aws_sagemaker_notebook_instance.second notebook-root-access-disabled',
    ]);
  });

  test.each([
    ['an empty', ''],
    ['a short', 'demo'],
    ['a blank', '           '],
  ])('%s reason is an error, and the finding stands', (_case, reason) => {
    const report = checkStack(suppressedNotebook('notebook-direct-internet-disabled', reason));
    expect(report.findings.map((finding) => finding.message)).toEqual([
      `${TEST_STACK} ${notebook} suppression-reason: ${SUPPRESSION_REASON.title} (suppresses notebook-direct-internet-disabled ` +
        `for ${JSON.stringify(reason)}). Fix: ${SUPPRESSION_REASON.fix}`,
      `${TEST_STACK} ${notebook} notebook-direct-internet-disabled: ${notebookDirectInternetDisabled.title} ` +
        `(direct_internet_access is "Enabled"). Fix: ${notebookDirectInternetDisabled.fix}`,
    ]);
    expect(report.suppressions).toEqual([]);
  });

  test('a suppression of an unknown rule is an error', () => {
    const report = checkStack(suppressedNotebook('notebook-internet-off', REASON));
    expect(report.findings.map((finding) => [finding.ruleId, finding.detail])).toEqual([
      [SUPPRESSION_KNOWN_RULE.id, 'suppresses unknown rule "notebook-internet-off"'],
      ['notebook-direct-internet-disabled', 'direct_internet_access is "Enabled"'],
    ]);
  });

  test('a suppression whose rule finds nothing is listed as unused', () => {
    const stack = synthTestStack((scope) => suppressRule(secureNotebook(scope).notebook, 'notebook-imdsv2', REASON));
    const report = checkStack(stack);
    expect(report.findings).toEqual([]);
    expect(report.suppressions).toEqual([]);
    expect(report.unusedSuppressions).toEqual([{ stack: TEST_STACK, address: notebook, ruleId: 'notebook-imdsv2', reason: REASON }]);
  });

  test('the pack has no rule id that suppressRule would refuse', () => {
    for (const rule of GUARDRAILS_PACK) expect(rule.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });
});

const terraformOnPath = (process.env['PATH'] ?? '').split(delimiter).map((dir) => join(dir, 'terraform')).find(existsSync);
const terraform = terraformOnPath ?? 'terraform';
const mirror = '/opt/tf-plugins';

// Terraform itself must accept the comment: it ignores "//" properties in JSON configuration.
(terraformOnPath && existsSync(mirror) ? test : test.skip)(
  'terraform validate accepts a stack carrying a suppression',
  () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'suppressed');
    new AwsProvider(stack, 'aws', { region: 'us-west-2' });
    suppressRule(secureNotebook(stack, { directInternetAccess: 'Enabled' }).notebook, 'notebook-direct-internet-disabled', REASON);
    const outdir = Testing.fullSynth(stack);
    const work = mkdtempSync(join(tmpdir(), 'guardrails-tf-'));
    try {
      const cliConfig = join(work, 'cli.tfrc');
      writeFileSync(
        cliConfig,
        `provider_installation {\n  filesystem_mirror {\n    path = "${mirror}"\n    include = ["registry.terraform.io/hashicorp/aws"]\n  }\n}\n`,
      );
      const cwd = join(outdir, 'stacks', 'suppressed');
      const pluginCache = join(tmpdir(), 'privatelink-terraform-plugin-cache');
      mkdirSync(pluginCache, { recursive: true });
      const env = {
        ...process.env,
        TF_CLI_CONFIG_FILE: cliConfig,
        TF_PLUGIN_CACHE_DIR: pluginCache,
        TF_DATA_DIR: join(work, '.terraform'),
        CHECKPOINT_DISABLE: '1',
        TF_IN_AUTOMATION: '1',
      };
      const init = spawnSync(terraform, ['init', '-input=false', '-backend=false', '-no-color'], { cwd, env, encoding: 'utf8' });
      expect(init.stderr).toBe('');
      const validate = spawnSync(terraform, ['validate', '-no-color'], { cwd, env, encoding: 'utf8' });
      expect(validate.stdout).toContain('The configuration is valid.');
    } finally {
      rmSync(work, { recursive: true, force: true });
      rmSync(outdir, { recursive: true, force: true });
      rmSync(app.outdir, { recursive: true, force: true });
    }
  },
  120_000,
);

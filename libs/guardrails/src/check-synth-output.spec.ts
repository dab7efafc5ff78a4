import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { App, TerraformStack } from 'cdktf';
import {
  checkSynthOutput,
  GUARDRAILS_REPORT_FILE,
  GuardrailsFailed,
  guardrailsSummary,
  renderGuardrailsReport,
  writeGuardrailsReport,
  type GuardrailsReport,
} from './check-synth-output';
import { GUARDRAILS_PACK } from './pack';
import { sgIngressNotOpen } from './rules/network/sg-ingress-not-open';
import { notebookDirectInternetDisabled } from './rules/notebook/notebook-direct-internet-disabled';
import { suppressRule } from './suppressions';
import { privateNetwork, secureNotebook } from './testing';

const REASON = 'Workshop sandbox, internet approved in SEC-1234 until 2026-12-31';

/** GIVEN a test-only app of two stacks, synthesized by cdktf as the apps are; `build` breaks what a case needs. */
function synthApp(build: (secure: TerraformStack, broken: TerraformStack) => void): string {
  const outdir = mkdtempSync(join(tmpdir(), 'guardrails-app-'));
  const app = new App({ outdir });
  const stacks = ['network-test-us-west-2', 'sagemaker-test-us-west-2'].map((name) => {
    const stack = new TerraformStack(app, name);
    new AwsProvider(stack, 'aws', { region: 'us-west-2' });
    return stack;
  });
  privateNetwork(stacks[0]);
  build(stacks[0], stacks[1]);
  app.synth();
  return outdir;
}

const outdirs: string[] = [];
afterAll(() => outdirs.forEach((outdir) => rmSync(outdir, { recursive: true, force: true })));
function check(build: (network: TerraformStack, sagemaker: TerraformStack) => void): GuardrailsReport {
  const outdir = synthApp(build);
  outdirs.push(outdir);
  return checkSynthOutput(outdir);
}

describe('checkSynthOutput', () => {
  test('a secure app: no findings; counts rules, resources and suppressions', () => {
    const report = check((network, sagemaker) => {
      secureNotebook(sagemaker);
      const { notebook } = secureNotebook(network, { directInternetAccess: 'Enabled' });
      suppressRule(notebook, 'notebook-direct-internet-disabled', REASON);
    });
    expect(report.findings).toEqual([]);
    expect(report.warnings).toEqual([]);
    expect(report.stacks.map((stack) => [stack.stack, stack.resources])).toEqual([
      ['network-test-us-west-2', 11 + 6],
      ['sagemaker-test-us-west-2', 6],
    ]);
    expect(report.rules.map((rule) => rule.id)).toEqual([
      ...GUARDRAILS_PACK.map((rule) => rule.id),
      'suppression-reason',
      'suppression-known-rule',
    ]);
    expect(guardrailsSummary(report)).toBe(`guardrails: ${GUARDRAILS_PACK.length + 2} rules, 23 resources, 0 findings, 1 suppressions`);
  });

  test('breaking a secure default: direct internet access and 0.0.0.0/0 ingress fail with rule id and fix', () => {
    const report = check((network, sagemaker) => {
      secureNotebook(sagemaker, { directInternetAccess: 'Enabled' });
      new VpcSecurityGroupIngressRule(network, 'https-from-anywhere', {
        securityGroupId: '${aws_security_group.endpoint-sg.id}',
        description: 'HTTPS from anywhere',
        ipProtocol: 'tcp',
        fromPort: 443,
        toPort: 443,
        cidrIpv4: '0.0.0.0/0',
      });
    });
    const expected = [
      `network-test-us-west-2 aws_vpc_security_group_ingress_rule.https-from-anywhere sg-ingress-not-open: ${sgIngressNotOpen.title} ` +
        `(admits tcp 443 from 0.0.0.0/0). Fix: ${sgIngressNotOpen.fix}`,
      expect.stringMatching(/^network-test-us-west-2 aws_vpc_security_group_ingress_rule\.https-from-anywhere sg-internet-closed: /),
      `sagemaker-test-us-west-2 aws_sagemaker_notebook_instance.notebook notebook-direct-internet-disabled: ` +
        `${notebookDirectInternetDisabled.title} (direct_internet_access is "Enabled"). Fix: ${notebookDirectInternetDisabled.fix}`,
    ];
    expect(report.findings.map((finding) => finding.message)).toEqual(expected);
    expect(new GuardrailsFailed(report).message.split('\n')).toEqual([
      'guardrails: 3 findings in 2 stacks; nothing was written',
      ...expected,
    ]);
  });

  test('warnings are reported without being findings', () => {
    const report = check((_network, sagemaker) => {
      secureNotebook(sagemaker);
      new SecurityGroup(sagemaker, 'spare', { description: 'Not attached yet' });
    });
    expect(report.findings).toEqual([]);
    expect(report.warnings.map((finding) => `${finding.address} ${finding.ruleId}`)).toEqual(['aws_security_group.spare sg-attached']);
    expect(guardrailsSummary(report)).toMatch(/, 0 findings, 0 suppressions, 1 warnings$/);
  });
});

describe('the guardrails report', () => {
  test('lists the rules with what they cover, the resources per stack and every suppression with its reason', () => {
    const outdir = synthApp((network) => {
      const { notebook } = secureNotebook(network, { directInternetAccess: 'Enabled' });
      suppressRule(notebook, 'notebook-direct-internet-disabled', `${REASON} | ticket`);
    });
    outdirs.push(outdir);
    const report = checkSynthOutput(outdir);
    writeGuardrailsReport(outdir, report);
    const markdown = readFileSync(join(outdir, GUARDRAILS_REPORT_FILE), 'utf8');
    expect(markdown).toBe(renderGuardrailsReport(report));
    expect(markdown).toContain(`\`${guardrailsSummary(report)}\``);
    expect(markdown).toContain('| network-test-us-west-2 | 17 | 0 | 0 | 1 |\n| sagemaker-test-us-west-2 | 0 | 0 | 0 | 0 |');
    expect(markdown).toContain(
      `## Suppressions honoured\n\n| stack | resource | rule | reason |\n| --- | --- | --- | --- |\n` +
        `| network-test-us-west-2 | aws_sagemaker_notebook_instance.notebook | notebook-direct-internet-disabled | ${REASON} \\| ticket |`,
    );
    expect(markdown).toContain('| notebook-direct-internet-disabled | error | A notebook has direct internet access disabled, explicitly | CKV_AWS_122, SageMaker.1 |');
    expect(markdown).toContain('| sg-attached | warning | A security group is attached to something | CKV2_AWS_5 |');
    expect(markdown).toContain('| vpn-tunnel-crypto | error | Both VPN tunnels offer IKEv2, AES-256, SHA-2 and DH groups 14-21 only, in both phases | own rule |');
    for (const rule of report.rules) expect(markdown).toContain(`| ${rule.id} |`);
  });
});

import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { OrganizationsPolicy } from '@cdktf/provider-aws/lib/organizations-policy';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { renderPolicy } from '@privatelink/policies';
import { builtDocuments, REGION, type BuiltDocument, type PolicyKind } from '@privatelink/policies/testing';
import type { TerraformResource } from 'cdktf';
import type { Construct } from 'constructs';
import { checkStack, evaluateRule } from './check-stack';
import { GUARDRAILS_PACK } from './pack';
import type { Rule } from './rule';
import { suppressRule } from './suppressions';
import { synthTestStack } from './testing';

/** Each kind of document in the resource that carries it, the rest of the resource as the stacks set it. */
const HOLDERS: Readonly<Record<PolicyKind, (scope: Construct, policy: string) => TerraformResource>> = {
  identity: (scope, policy) => new IamPolicy(scope, 'holder', { description: 'A policy the builders make', policy }),
  trust: (scope, policy) => new IamRole(scope, 'holder', { description: 'A role the builders trust', assumeRolePolicy: policy }),
  key: (scope, policy) => new KmsKey(scope, 'holder', { description: 'A key the builders protect', enableKeyRotation: true, policy }),
  scp: (scope, policy) => new OrganizationsPolicy(scope, 'holder', { name: 'notebook-guard', type: 'SERVICE_CONTROL_POLICY', content: policy }),
  endpoint: (scope, policy) =>
    new VpcEndpoint(scope, 'holder', {
      vpcId: 'vpc-0a1b2c3d4e5f60001',
      serviceName: `com.amazonaws.${REGION}.sagemaker.api`,
      vpcEndpointType: 'Interface',
      privateDnsEnabled: true,
      subnetIds: ['subnet-0a1b2c3d4e5f60001'],
      securityGroupIds: ['sg-0a1b2c3d4e5f60001'],
      policy,
    }),
};

/** A rule that reads each kind: judging the holder compliant shows the document was read, not skipped. */
const KIND_READER: Readonly<Record<PolicyKind, string>> = {
  identity: 'iam-scoped-resources',
  trust: 'iam-trust-narrow',
  key: 'kms-key-no-public-principal',
  scp: 'scp-presigned-url-guard',
  endpoint: 'endpoint-policy',
};

/** The pack rule an exemption names: by its id, or by a scanner id it stands for (IAM.21). */
function exemptedRule(id: string): Rule {
  const rule = GUARDRAILS_PACK.find((candidate) => candidate.id === id || candidate.sources.includes(id));
  if (!rule) throw new Error(`exemption ${JSON.stringify(id)} names no rule of the guardrails pack`);
  return rule;
}

const exemptions = (built: BuiltDocument) => Object.entries(built.exemptions ?? {}).map(([id, sids]) => ({ rule: exemptedRule(id), sids }));

/** The document in its resource, synthesized with the real constructs; `suppress` applies its documented exemptions. */
function synthesized(built: BuiltDocument, suppress: boolean) {
  return synthTestStack((scope) => {
    const holder = HOLDERS[built.kind](scope, renderPolicy(built.document));
    if (suppress) for (const { rule } of exemptions(built)) suppressRule(holder, rule.id, `documented exception of ${built.name}`);
  });
}

const documents = builtDocuments();

describe('every document the policy builders make, through the whole guardrails pack', () => {
  test.each(documents.map((built) => [`${built.name} (${built.kind})`, built] as const))('%s: no finding', (_name, built) => {
    const stack = synthesized(built, true);
    const report = checkStack(stack);
    expect(report.findings.map((finding) => finding.message)).toEqual([]);
    const judgedCompliant = GUARDRAILS_PACK.filter((rule) =>
      evaluateRule(rule, stack).some((verdict) => verdict.address.endsWith('.holder') && verdict.result.status === 'compliant'),
    ).map((rule) => rule.id);
    expect(judgedCompliant).toEqual(expect.arrayContaining(['policy-literal-json', KIND_READER[built.kind]]));
    expect(report.unusedSuppressions).toEqual([]);
    expect(report.suppressions.map((suppression) => suppression.ruleId)).toEqual(exemptions(built).map(({ rule }) => rule.id));
  });

  test('the only documented exceptions: sagemaker:* in the access policy of the explicit scope "all" opt-in', () => {
    const listed = documents
      .filter((built) => built.exemptions !== undefined)
      .map((built) => [built.name, exemptions(built).map(({ rule, sids }) => [rule.id, sids])]);
    expect(listed).toEqual([
      ['notebookAccessPolicy(sourceVpce, all)', [['iam-no-service-wildcard', ['AllSageMakerOnNotebooksThroughEndpoints']]]],
      ['notebookAccessPolicy(sourceVpc, all)', [['iam-no-service-wildcard', ['AllSageMakerOnNotebooksThroughEndpoints']]]],
    ]);
  });

  test.each(documents.filter((built) => built.exemptions !== undefined).map((built) => [built.name, built] as const))(
    '%s without its suppression: exactly the documented findings',
    (_name, built) => {
      const report = checkStack(synthesized(built, false));
      expect(report.findings.map((finding) => [finding.ruleId, finding.detail])).toEqual(
        exemptions(built).flatMap(({ rule, sids }) => sids.map((sid) => [rule.id, `${sid} allows "sagemaker:*"`])),
      );
    },
  );
});

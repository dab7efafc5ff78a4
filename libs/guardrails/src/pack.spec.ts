import { GUARDRAILS_PACK } from './pack';

/** The source ids of every row of shared/reference/security-rules.md, row by row. */
const SECURITY_RULES_ROWS: readonly (readonly string[])[] = [
  // SageMaker notebook
  ['CKV_AWS_122', 'SageMaker.1'],
  ['CKV_AWS_307', 'SageMaker.3'],
  ['CKV_AWS_22'],
  ['CKV_AWS_306', 'SageMaker.2'],
  ['CKV_AWS_371'],
  ['CKV2_AWS_68'],
  ['SageMaker.8'],
  // Network
  ['CKV2_AWS_12', 'EC2.2'],
  ['CKV2_AWS_11', 'EC2.6', 'AWS-0178'],
  ['CKV_AWS_130', 'EC2.15', 'AWS-0164'],
  ['CKV_AWS_148', 'AWS-0101'],
  ['CKV_AWS_23', 'AWS-0099', 'AWS-0124'],
  ['CKV_AWS_24', 'CKV_AWS_25', 'CKV_AWS_260', 'CKV_AWS_277', 'EC2.18', 'EC2.19', 'AWS-0107'],
  ['CKV_AWS_382', 'AWS-0104'],
  ['CKV2_AWS_5'],
  ['EC2.10'],
  ['CKV2_AWS_38', 'CKV2_AWS_39'],
  // Logs and keys
  ['CKV_AWS_158', 'AWS-0017'],
  ['CKV_AWS_66', 'CKV_AWS_338'],
  ['CKV_AWS_7', 'KMS.4', 'AWS-0065'],
  ['CKV_AWS_227'],
  ['CKV_AWS_33', 'KMS.5'],
  ['CKV2_AWS_64'],
  // IAM
  ['CKV_AWS_62', 'IAM.1'],
  ['CKV_AWS_63', 'CKV2_AWS_40'],
  ['IAM.21'],
  ['CKV_AWS_355', 'AWS-0057'],
  ['CKV_AWS_286', 'CKV_AWS_287', 'CKV_AWS_288', 'CKV_AWS_289', 'CKV_AWS_290'],
  ['KMS.1', 'KMS.2'],
  ['CKV_AWS_60', 'CKV_AWS_61'],
  ['CKV_AWS_274'],
  ['AWS-0342'],
];

/** Where no scanner looks (and "render policies as literal JSON"). */
const OWN_RULES = [
  'policy-literal-json',
  'endpoint-private-dns',
  'endpoint-policy',
  'sg-internet-closed',
  'sg-rule-names-peer',
  'vpn-tunnel-crypto',
  'dx-propagation-after-association',
  'notebook-access-deny-guard',
  'scp-presigned-url-guard',
  'account-wide-names-unique',
  'remote-state-dependency',
];

describe('the guardrails pack', () => {
  test.each(SECURITY_RULES_ROWS.map((row) => [row.join(', '), row]))('covers the row %s with one rule', (_name, row) => {
    const covering = GUARDRAILS_PACK.filter((rule) => row.every((source) => rule.sources.includes(source)));
    expect(covering.map((rule) => rule.id)).toHaveLength(1);
  });

  test('cites no source outside security-rules.md, and has exactly the own rules on top', () => {
    const cited = new Set(SECURITY_RULES_ROWS.flat());
    for (const rule of GUARDRAILS_PACK) for (const source of rule.sources) expect(cited).toContain(source);
    expect(GUARDRAILS_PACK.filter((rule) => rule.sources.length === 0).map((rule) => rule.id)).toEqual(OWN_RULES);
    expect(GUARDRAILS_PACK).toHaveLength(SECURITY_RULES_ROWS.length + OWN_RULES.length);
  });

  test('every rule states its id, title, severity, rationale and fix as data', () => {
    const ids = GUARDRAILS_PACK.map((rule) => rule.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of GUARDRAILS_PACK) {
      expect(rule.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(rule.title).toMatch(/^[A-Z].*[^.]$/);
      expect(rule.rationale.length).toBeGreaterThan(40);
      expect(rule.fix.length).toBeGreaterThan(20);
    }
  });

  test('fails synth on every rule but one advisory warning', () => {
    expect(GUARDRAILS_PACK.filter((rule) => rule.severity === 'warning').map((rule) => rule.id)).toEqual(['sg-attached']);
  });
});

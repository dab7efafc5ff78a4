import { actionMatches, SCP_MAX_CHARACTERS } from '@privatelink/policies';
import { asList, asObject, blocks, type Json, type JsonObject, type SynthResource } from './synth-json';

/** Where a policy is attached decides which rules read it. */
export type PolicyKind = 'identity' | 'trust' | 'scp' | 'key' | 'endpoint';

/** A policy document held by a resource attribute, still as the JSON string Terraform gets. */
export interface EmbeddedPolicy {
  /** Attribute path for messages, e.g. `policy`, `inline_policy[0].policy`. */
  readonly attribute: string;
  readonly kind: PolicyKind;
  readonly value: Json;
}

export interface PrincipalValue {
  /**
   * `*` for `"Principal": "*"`; the map key as written (`AWS`, `Service`, `Federated`, `CanonicalUser`, or
   * a key AWS refuses); `?` for an entry of a bare list or string, which AWS refuses too.
   */
  readonly type: string;
  /** The id as written; a value that is not a string, as JSON. */
  readonly value: string;
}

/** `"*"`, whatever shape holds it: `"*"`, `{"AWS": "*"}`, `{"AWS": ["a", "*"]}`, a bare list. */
export function isAnyPrincipal(principal: PrincipalValue): boolean {
  return principal.value === '*';
}

export interface ConditionEntry {
  readonly operator: string;
  readonly key: string;
  readonly values: readonly string[];
}

/** One statement, normalized: every list is a list, every key as written. */
export interface Statement {
  /** The Sid, or `Statement[i]` when there is none. */
  readonly label: string;
  readonly effect: 'Allow' | 'Deny';
  readonly actions: readonly string[];
  readonly notActions?: readonly string[];
  readonly resources: readonly string[];
  readonly notResources?: readonly string[];
  /** Every entry of Principal, whatever its shape (see principalList). */
  readonly principals: readonly PrincipalValue[];
  readonly notPrincipals?: readonly PrincipalValue[];
  readonly conditions: readonly ConditionEntry[];
  /** The element names as written (`Sid`, `Effect`, `Principal`, ...). */
  readonly elements: readonly string[];
  /** What AWS would refuse in this statement (a Principal of a shape the grammar does not have); rules still read the rest. */
  readonly malformed: readonly string[];
}

export type ParsedPolicy =
  | { readonly ok: true; readonly statements: readonly Statement[] }
  | { readonly ok: false; readonly problem: string };

const IDENTITY_POLICY_TYPES = ['aws_iam_policy', 'aws_iam_role_policy', 'aws_iam_group_policy', 'aws_iam_user_policy'];

/** The resource types that hold policy documents, for rules that read them. */
export const POLICY_RESOURCE_TYPES = [
  ...IDENTITY_POLICY_TYPES,
  'aws_iam_role',
  'aws_organizations_policy',
  'aws_kms_key',
  'aws_kms_key_policy',
  'aws_vpc_endpoint',
  'aws_vpc_endpoint_policy',
];

/** The policy documents a resource carries, with their kind; absent attributes are left out. */
export function embeddedPolicies(resource: SynthResource): EmbeddedPolicy[] {
  const attributes = resource.attributes;
  const found: EmbeddedPolicy[] = [];
  const add = (attribute: string, kind: PolicyKind, value: Json | undefined) => {
    if (value !== undefined && value !== null) found.push({ attribute, kind, value });
  };
  if (IDENTITY_POLICY_TYPES.includes(resource.type)) add('policy', 'identity', attributes['policy']);
  if (resource.type === 'aws_iam_role') {
    add('assume_role_policy', 'trust', attributes['assume_role_policy']);
    blocks(attributes['inline_policy']).forEach((inline, i) => add(`inline_policy[${i}].policy`, 'identity', inline['policy']));
  }
  if (resource.type === 'aws_organizations_policy' && isServiceControlPolicy(resource)) {
    add('content', 'scp', attributes['content']);
  }
  if (resource.type === 'aws_kms_key' || resource.type === 'aws_kms_key_policy') add('policy', 'key', attributes['policy']);
  if (resource.type === 'aws_vpc_endpoint' || resource.type === 'aws_vpc_endpoint_policy') {
    add('policy', 'endpoint', attributes['policy']);
  }
  return found;
}

/** `type` defaults to SERVICE_CONTROL_POLICY in the provider. */
export function isServiceControlPolicy(resource: SynthResource): boolean {
  const type = resource.attributes['type'];
  return type === undefined || type === null || type === 'SERVICE_CONTROL_POLICY';
}

/**
 * Parses a policy as AWS will read it. A policy that is not a literal JSON document (a reference to
 * a data source, `jsonencode(...)`, a typo) cannot be read by any scanner, so it is a problem of its own.
 */
export function parsePolicy(value: Json): ParsedPolicy {
  if (typeof value !== 'string') return { ok: false, problem: `is ${JSON.stringify(value)}, not a JSON string` };
  let document: Json;
  try {
    document = JSON.parse(value) as Json;
  } catch (error) {
    const reason = value.trim().startsWith('${') ? 'is a Terraform expression' : (error as Error).message;
    return { ok: false, problem: `is not literal JSON (${reason}): ${truncate(value)}` };
  }
  const root = asObject(document);
  if (!root) return { ok: false, problem: 'is JSON but not a policy document object' };
  if (root['Version'] !== '2012-10-17') {
    return { ok: false, problem: `has Version ${JSON.stringify(root['Version'] ?? null)}; policy variables and newer grammar need "2012-10-17"` };
  }
  const rawStatements = Array.isArray(root['Statement']) ? (root['Statement'] as readonly Json[]) : [root['Statement'] ?? null];
  if (rawStatements.length === 0 || rawStatements[0] === null) return { ok: false, problem: 'has no Statement' };
  const statements: Statement[] = [];
  for (const [i, raw] of rawStatements.entries()) {
    const parsed = parseStatement(raw, i);
    if (typeof parsed === 'string') return { ok: false, problem: parsed };
    statements.push(parsed);
  }
  return { ok: true, statements };
}

function parseStatement(raw: Json, index: number): Statement | string {
  const statement = asObject(raw);
  const fallback = `Statement[${index}]`;
  if (!statement) return `${fallback} is not an object`;
  const label = typeof statement['Sid'] === 'string' && statement['Sid'] !== '' ? statement['Sid'] : fallback;
  const effect = statement['Effect'];
  if (effect !== 'Allow' && effect !== 'Deny') return `${label} has Effect ${JSON.stringify(effect ?? null)}, not Allow or Deny`;
  if (statement['Action'] === undefined && statement['NotAction'] === undefined) return `${label} has neither Action nor NotAction`;
  const malformed = (['Principal', 'NotPrincipal'] as const).flatMap((element) => {
    const value = statement[element];
    return value === undefined || isPrincipalElement(value)
      ? []
      : [`has ${element} ${truncate(JSON.stringify(value))}, which AWS refuses: a ${element} is ${PRINCIPAL_GRAMMAR}`];
  });
  return {
    label,
    effect,
    actions: stringList(statement['Action']),
    ...(statement['NotAction'] !== undefined ? { notActions: stringList(statement['NotAction']) } : {}),
    resources: stringList(statement['Resource']),
    ...(statement['NotResource'] !== undefined ? { notResources: stringList(statement['NotResource']) } : {}),
    principals: principalList(statement['Principal']),
    ...(statement['NotPrincipal'] !== undefined ? { notPrincipals: principalList(statement['NotPrincipal']) } : {}),
    conditions: conditionList(statement['Condition']),
    elements: Object.keys(statement),
    malformed,
  };
}

function stringList(value: Json | undefined): string[] {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? (value as readonly Json[]) : [value]).map((item) => String(item));
}

/**
 * The principal types of the policy grammar: a Principal is `"*"` or a map of these to one id or a list
 * of ids (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html,
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html).
 */
const PRINCIPAL_TYPES = ['AWS', 'Service', 'Federated', 'CanonicalUser'];
const PRINCIPAL_GRAMMAR = `"*" or a map of ${PRINCIPAL_TYPES.slice(0, -1).join(', ')} or ${PRINCIPAL_TYPES.at(-1)} to an id or a list of ids`;

function isPrincipalElement(value: Json): boolean {
  if (value === '*') return true;
  const byType = asObject(value);
  if (!byType || Object.keys(byType).length === 0) return false;
  const isId = (id: Json) => typeof id === 'string' && id !== '';
  return Object.entries(byType).every(
    ([type, ids]) => PRINCIPAL_TYPES.includes(type) && (Array.isArray(ids) ? ids.length > 0 && ids.every(isId) : isId(ids)),
  );
}

/**
 * Every principal a Principal (or NotPrincipal) names, in the one place that reads them: `"*"`, a map of
 * types to an id or a list of ids, and the shapes AWS refuses but a scanner must not misread (a bare list
 * or string, an unknown key), so that a `"*"` among them is seen whatever holds it.
 */
export function principalList(value: Json | undefined): PrincipalValue[] {
  if (value === undefined || value === null) return [];
  const text = (id: Json) => (typeof id === 'string' ? id : JSON.stringify(id));
  const byType = asObject(value);
  if (byType) return Object.keys(byType).flatMap((type) => asList(byType[type]).map((id) => ({ type, value: text(id) })));
  return asList(value).map((id) => (id === '*' ? { type: '*', value: '*' } : { type: '?', value: text(id) }));
}

function conditionList(value: Json | undefined): ConditionEntry[] {
  const byOperator = asObject(value);
  if (!byOperator) return [];
  return Object.keys(byOperator).flatMap((operator) => {
    const byKey: JsonObject = asObject(byOperator[operator]) ?? {};
    return Object.keys(byKey).map((key) => ({ operator, key, values: stringList(byKey[key]) }));
  });
}

function truncate(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

const PRINCIPAL_ELEMENTS = ['Principal', 'NotPrincipal'];
const TAKES_NO_PRINCIPAL: Partial<Record<PolicyKind, string>> = { identity: 'an identity policy', scp: 'an SCP' };

/**
 * Why AWS would refuse this document, or why no one can read it; empty for a document AWS accepts.
 * Identity policies take no Principal (the principal is whoever holds the policy), SCPs neither
 * (https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_syntax.html), and an
 * SCP holds at most SCP_MAX_CHARACTERS characters, white space included
 * (https://docs.aws.amazon.com/organizations/latest/userguide/orgs_reference_limits.html).
 */
export function documentProblems(policy: EmbeddedPolicy): string[] {
  const parsed = parsePolicy(policy.value);
  if (!parsed.ok) return [parsed.problem];
  const holder = TAKES_NO_PRINCIPAL[policy.kind];
  const problems = parsed.statements.flatMap((statement) => [
    ...statement.malformed.map((problem) => `${statement.label} ${problem}`),
    ...(holder === undefined
      ? []
      : PRINCIPAL_ELEMENTS.filter((element) => statement.elements.includes(element)).map(
          (element) => `${statement.label} has a ${element}, which ${holder} does not take`,
        )),
  ]);
  if (policy.kind === 'scp' && typeof policy.value === 'string' && policy.value.length > SCP_MAX_CHARACTERS) {
    problems.push(`is ${policy.value.length} characters, over the ${SCP_MAX_CHARACTERS} an SCP may have`);
  }
  return problems;
}

/** The parsed documents of the given kinds; documents that do not parse are left to `policy-literal-json`. */
export function parsedPolicies(resource: SynthResource, kinds: readonly PolicyKind[]): { policy: EmbeddedPolicy; statements: readonly Statement[] }[] {
  return embeddedPolicies(resource)
    .filter((policy) => kinds.includes(policy.kind))
    .flatMap((policy) => {
      const parsed = parsePolicy(policy.value);
      return parsed.ok ? [{ policy, statements: parsed.statements }] : [];
    });
}

/** Problems found per statement, prefixed with the attribute (when not `policy`) and the statement label. */
export function statementProblems(
  resource: SynthResource,
  kinds: readonly PolicyKind[],
  test: (statement: Statement, kind: PolicyKind) => string | undefined,
): string[] {
  return parsedPolicies(resource, kinds).flatMap(({ policy, statements }) =>
    statements.flatMap((statement) => {
      const problem = test(statement, policy.kind);
      if (problem === undefined) return [];
      const where = policy.attribute === 'policy' ? '' : `${policy.attribute} `;
      return [`${where}${statement.label} ${problem}`];
    }),
  );
}

export function hasConditionKey(statement: Statement, key: string): boolean {
  return statement.conditions.some((condition) => condition.key.toLowerCase() === key.toLowerCase());
}

/** IAM action matching, from the IAM catalogue: case-insensitive, `*` any run of characters, `?` one character. */
export { actionMatches };

/** Whether an Allow statement grants `action` (through Action, or through NotAction leaving it in). */
export function grants(statement: Statement, action: string): boolean {
  if (statement.notActions !== undefined) return !statement.notActions.some((pattern) => actionMatches(pattern, action));
  return statement.actions.some((pattern) => actionMatches(pattern, action));
}

export const quoted = (values: readonly string[]) => values.map((value) => JSON.stringify(value)).join(', ');

/** IAM policy grammar, typed so builders cannot misspell a field and tests can read the result. */
export type Effect = 'Allow' | 'Deny';

/** Condition operator -> key -> value(s), e.g. `{ StringEquals: { 'aws:SourceVpce': ['vpce-1'] } }`. */
export type Condition = Readonly<Record<string, Readonly<Record<string, string | readonly string[] | boolean>>>>;

export type Principal =
  | '*'
  | Readonly<{ AWS?: string | readonly string[]; Service?: string | readonly string[]; Federated?: string | readonly string[] }>;

export interface PolicyStatement {
  readonly Sid: string;
  readonly Effect: Effect;
  readonly Action?: string | readonly string[];
  readonly NotAction?: string | readonly string[];
  readonly Resource?: string | readonly string[];
  readonly NotResource?: string | readonly string[];
  readonly Principal?: Principal;
  readonly NotPrincipal?: Principal;
  readonly Condition?: Condition;
}

export interface PolicyDocument {
  readonly Version: '2012-10-17';
  readonly Statement: readonly PolicyStatement[];
}

export function policyDocument(...statements: PolicyStatement[]): PolicyDocument {
  return { Version: '2012-10-17', Statement: statements };
}

/** Literal JSON, so scanners and the IAM simulator read exactly what AWS receives. */
export function renderPolicy(document: PolicyDocument): string {
  return JSON.stringify(document);
}

/** Every action named by the document's statements (Action and NotAction), for catalogue checks. */
export function actionsOf(document: PolicyDocument): string[] {
  return document.Statement.flatMap((statement) =>
    [statement.Action, statement.NotAction].flatMap((actions) => (actions === undefined ? [] : [actions].flat())),
  );
}

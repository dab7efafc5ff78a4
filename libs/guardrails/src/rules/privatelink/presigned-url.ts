import { actionMatches, type ConditionEntry, type Statement } from '../../policy-json';

/** The call that mints the notebook URL: the credential both guards protect. */
export const PRESIGNED_URL_ACTION = 'sagemaker:CreatePresignedNotebookInstanceUrl';

/** Keys that prove a request came through the PrivateLink path. */
export const SOURCE_KEYS = ['aws:sourcevpce', 'aws:sourcevpc'];

export function isSourceCondition(condition: ConditionEntry, operators: readonly string[]): boolean {
  return operators.includes(condition.operator) && SOURCE_KEYS.includes(condition.key.toLowerCase()) && condition.values.length > 0;
}

/** A Deny that names the call through Action (NotAction denies are left out: too easy to misread). */
export function deniesPresignedUrl(statement: Statement): boolean {
  return (
    statement.effect === 'Deny' &&
    statement.notActions === undefined &&
    statement.actions.some((pattern) => actionMatches(pattern, PRESIGNED_URL_ACTION))
  );
}

export const NOT_EQUALS = ['StringNotEquals', 'StringNotEqualsIfExists'];

import { policyDocument, renderPolicy, type PolicyDocument } from './policy-document';
import { isToken, requireNonEmptyList } from './validation';

/** AWS Organizations quota for one service control policy document. */
export const SCP_MAX_CHARACTERS = 5120;

export interface NotebookGuardScpProps {
  /**
   * Every SageMaker API and notebook endpoint id, across environments: the only places a presigned
   * notebook URL may be requested from (the notebook traffic re-checks the call through the notebook
   * endpoint).
   */
  readonly allowedEndpointIds: readonly string[];
  /** `aws:PrincipalArn` patterns of the break-glass principals, the only ones exempt from the guard. */
  readonly breakGlassPrincipalArns: readonly string[];
}

const BUILDER = 'notebookGuardScp';

/**
 * Organization SCP closing the residual risk of the access policy: no principal of the account
 * (however broad its own policies) mints a notebook URL outside the endpoints, or creates a
 * notebook with internet access, root access or outside a VPC. Throws when the rendered policy
 * exceeds the Organizations quota of 5,120 characters.
 */
export function notebookGuardScp(props: NotebookGuardScpProps): PolicyDocument {
  requireNonEmptyList(BUILDER, 'allowedEndpointIds', props.allowedEndpointIds);
  requireNonEmptyList(BUILDER, 'breakGlassPrincipalArns', props.breakGlassPrincipalArns);
  props.breakGlassPrincipalArns.forEach((pattern, i) => requireNarrowBreakGlassPattern(pattern, i));

  const notBreakGlass = { ArnNotLike: { 'aws:PrincipalArn': props.breakGlassPrincipalArns } };
  const document = policyDocument(
    {
      Sid: 'DenyPresignedNotebookUrlOutsideEndpoints',
      Effect: 'Deny',
      Action: 'sagemaker:CreatePresignedNotebookInstanceUrl',
      Resource: '*',
      Condition: { StringNotEquals: { 'aws:SourceVpce': props.allowedEndpointIds }, ...notBreakGlass },
    },
    {
      // AWS defaults an omitted DirectInternetAccess to Enabled: only an explicit Disabled passes.
      Sid: 'DenyNotebookWithDirectInternetAccess',
      Effect: 'Deny',
      Action: 'sagemaker:CreateNotebookInstance',
      Resource: '*',
      Condition: { StringNotEquals: { 'sagemaker:DirectInternetAccess': 'Disabled' }, ...notBreakGlass },
    },
    {
      // Same default for RootAccess at create.
      Sid: 'DenyNotebookWithRootAccess',
      Effect: 'Deny',
      Action: 'sagemaker:CreateNotebookInstance',
      Resource: '*',
      Condition: { StringNotEquals: { 'sagemaker:RootAccess': 'Disabled' }, ...notBreakGlass },
    },
    {
      // On update an omitted RootAccess leaves it unchanged; only turning it on is refused.
      // DirectInternetAccess and the subnet cannot be updated (the instance is replaced).
      Sid: 'DenyEnablingNotebookRootAccess',
      Effect: 'Deny',
      Action: 'sagemaker:UpdateNotebookInstance',
      Resource: '*',
      Condition: { StringEquals: { 'sagemaker:RootAccess': 'Enabled' }, ...notBreakGlass },
    },
    {
      Sid: 'DenyNotebookOutsideVpc',
      Effect: 'Deny',
      Action: 'sagemaker:CreateNotebookInstance',
      Resource: '*',
      Condition: { Null: { 'sagemaker:VpcSubnets': 'true' }, ...notBreakGlass },
    },
  );

  const size = renderPolicy(document).length;
  if (size > SCP_MAX_CHARACTERS) {
    throw new Error(
      `${BUILDER}: the rendered SCP is ${size} characters, over the ${SCP_MAX_CHARACTERS}-character Organizations quota; ` +
        `allowedEndpointIds holds ${props.allowedEndpointIds.length} ids: split the environments over several SCPs`,
    );
  }
  return document;
}

/** A pattern that matches every principal (`*`, `arn:aws:iam::*:role/*`) would switch the guard off. */
function requireNarrowBreakGlassPattern(pattern: string, index: number): void {
  if (isToken(pattern)) return;
  const match = /^arn:aws:iam::(\d{12}|\*):(role|user)\/(.+)$/.exec(pattern);
  if (match === null || /^[*?/]*$/.test(match[3])) {
    throw new Error(
      `${BUILDER}: breakGlassPrincipalArns[${index}] must be an IAM role or user ARN pattern with a name ` +
        `(e.g. "arn:aws:iam::*:role/BreakGlass*"); got ${JSON.stringify(pattern)}`,
    );
  }
}

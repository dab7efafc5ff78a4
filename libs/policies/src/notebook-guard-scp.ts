import { PARTITION } from './arns';
import { policyDocument, renderPolicy, type Condition, type PolicyDocument, type PolicyStatement } from './policy-document';
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
  /**
   * Exact ARNs of the break-glass roles (`arn:aws:iam::<account>:role/<path/name>`, no wildcards): the
   * only principals exempt from the guard, and the only ones that may change those roles.
   */
  readonly breakGlassPrincipalArns: readonly string[];
  /**
   * ARNs of the environment's own notebook lifecycle configurations (names lower-cased); creating or
   * updating a notebook with any other is refused. A notebook without one stays allowed.
   * @default - none: a notebook with any lifecycle configuration is refused
   */
  readonly allowedLifecycleConfigArns?: readonly string[];
  /**
   * Also refuse the ways out of a VPC that need no notebook setting: attaching an internet gateway,
   * creating an egress-only internet gateway, creating or accepting a VPC peering connection.
   * @default true
   */
  readonly enableVpcEgressGuard?: boolean;
}

const BUILDER = 'notebookGuardScp';
const ROLE_ARN = /^arn:aws:iam::\d{12}:role\/[\w+=,.@/-]+$/;
const LIFECYCLE_CONFIG_ARN = new RegExp(
  `^arn:${PARTITION}:sagemaker:[a-z]{2}(-[a-z]+)+-\\d:\\d{12}:notebook-instance-lifecycle-config/[a-z0-9](-*[a-z0-9])*$`,
);

/**
 * Changes that would let someone else become, or remove, a break-glass role: every action of AWS's
 * "protect IAM roles" SCP example
 * (https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_examples_iam.html),
 * plus creating the role (when it does not exist, whoever creates it writes its trust policy), its
 * tags (tag-based policies elsewhere may key on them) and passing it to a service (which would then
 * run as break-glass).
 */
const BREAK_GLASS_ROLE_CHANGES = [
  'iam:AttachRolePolicy',
  'iam:CreateRole',
  'iam:DeleteRole',
  'iam:DeleteRolePermissionsBoundary',
  'iam:DeleteRolePolicy',
  'iam:DetachRolePolicy',
  'iam:PassRole',
  'iam:PutRolePermissionsBoundary',
  'iam:PutRolePolicy',
  'iam:TagRole',
  'iam:UntagRole',
  'iam:UpdateAssumeRolePolicy',
  'iam:UpdateRole',
  'iam:UpdateRoleDescription',
];

/** Ways out of a private VPC that no notebook setting covers. */
const VPC_EGRESS_ACTIONS = [
  'ec2:AcceptVpcPeeringConnection',
  'ec2:AttachInternetGateway',
  'ec2:CreateEgressOnlyInternetGateway',
  'ec2:CreateVpcPeeringConnection',
];

const CREATE = 'sagemaker:CreateNotebookInstance';
const UPDATE = 'sagemaker:UpdateNotebookInstance';

/**
 * Organization SCP closing what an IAM policy cannot: no principal of the account (however broad its
 * own policies) mints a notebook URL outside the endpoints, creates or updates a notebook with
 * internet access, root access, IMDSv1, a foreign lifecycle script, outside a VPC or without a
 * volume key, opens a way out of the VPC, or changes the break-glass roles. Only the break-glass
 * roles, by exact ARN, are exempt. The condition keys are those the Service Authorization Reference
 * lists for each action
 * (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonsagemaker.html).
 * Throws when the rendered policy exceeds the Organizations quota of 5,120 characters.
 */
export function notebookGuardScp(props: NotebookGuardScpProps): PolicyDocument {
  requireNonEmptyList(BUILDER, 'allowedEndpointIds', props.allowedEndpointIds);
  requireNonEmptyList(BUILDER, 'breakGlassPrincipalArns', props.breakGlassPrincipalArns);
  props.breakGlassPrincipalArns.forEach((arn, i) => requireExactBreakGlassRole(arn, i));
  const lifecycleConfigs = props.allowedLifecycleConfigArns ?? [];
  lifecycleConfigs.forEach((arn, i) => requireLifecycleConfigArn(arn, i));

  const breakGlass = props.breakGlassPrincipalArns;
  // ArnNotEquals, not ArnNotLike: the ARNs are exact, so a role named like one is not exempt.
  const notBreakGlass: Condition = { ArnNotEquals: { 'aws:PrincipalArn': breakGlass } };
  const deny = (Sid: string, Action: string | readonly string[], Condition: Condition, Resource: string | readonly string[] = '*'): PolicyStatement => ({
    Sid,
    Effect: 'Deny',
    Action,
    Resource,
    Condition: { ...Condition, ...notBreakGlass },
  });

  const statements: PolicyStatement[] = [
    deny('DenyPresignedNotebookUrlOutsideEndpoints', 'sagemaker:CreatePresignedNotebookInstanceUrl', {
      StringNotEquals: { 'aws:SourceVpce': props.allowedEndpointIds },
    }),
    // AWS defaults an omitted DirectInternetAccess to Enabled: only an explicit Disabled passes.
    deny('DenyNotebookWithDirectInternetAccess', CREATE, { StringNotEquals: { 'sagemaker:DirectInternetAccess': 'Disabled' } }),
    // Same default for RootAccess at create.
    deny('DenyNotebookWithRootAccess', CREATE, { StringNotEquals: { 'sagemaker:RootAccess': 'Disabled' } }),
    // On update an omitted RootAccess leaves it unchanged; only turning it on is refused.
    // DirectInternetAccess, the subnet and the volume key cannot be updated (the instance is replaced).
    deny('DenyEnablingNotebookRootAccess', UPDATE, { StringEquals: { 'sagemaker:RootAccess': 'Enabled' } }),
    deny('DenyNotebookOutsideVpc', CREATE, { Null: { 'sagemaker:VpcSubnets': 'true' } }),
    // "When passed as part of CreateNotebookInstance, if no value is selected, then it defaults to
    // IMDSv1" (https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_InstanceMetadataServiceConfiguration.html):
    // at create an omitted key is IMDSv1, so only an explicit "2" passes; an update without it
    // leaves the setting alone, so only an explicit "1" is refused there.
    deny('DenyNotebookWithImdsV1', CREATE, { StringNotEquals: { 'sagemaker:MinimumInstanceMetadataServiceVersion': '2' } }),
    deny('DenyDowngradingNotebookImds', UPDATE, { StringEquals: { 'sagemaker:MinimumInstanceMetadataServiceVersion': '1' } }),
    // Null "true": the request names no volume key (the volume would use an AWS-managed key).
    deny('DenyNotebookWithoutVolumeKey', CREATE, { Null: { 'sagemaker:VolumeKmsKeyArn': 'true' } }),
    // The key holds the ARNs the request attaches and is absent when it attaches none:
    // ForAnyValue is false on an absent key, so a notebook without a lifecycle configuration passes.
    deny(
      'DenyForeignLifecycleConfig',
      [CREATE, UPDATE],
      lifecycleConfigs.length > 0
        ? { 'ForAnyValue:ArnNotEquals': { 'sagemaker:NotebookInstanceLifecycleConfigArns': lifecycleConfigs } }
        : { Null: { 'sagemaker:NotebookInstanceLifecycleConfigArns': 'false' } },
    ),
    // The exemption above is by aws:PrincipalArn: it is only as strong as the roles it names.
    deny('ProtectBreakGlassRoles', BREAK_GLASS_ROLE_CHANGES, {}, breakGlass),
  ];
  if (props.enableVpcEgressGuard ?? true) statements.push(deny('DenyWaysOutOfTheVpc', VPC_EGRESS_ACTIONS, {}));
  const document = policyDocument(...statements);

  const size = renderPolicy(document).length;
  if (size > SCP_MAX_CHARACTERS) {
    throw new Error(
      `${BUILDER}: the rendered SCP is ${size} characters, over the ${SCP_MAX_CHARACTERS}-character Organizations quota; ` +
        `allowedEndpointIds holds ${props.allowedEndpointIds.length} ids: split the environments over several SCPs`,
    );
  }
  return document;
}

/**
 * An exemption by pattern (`role/BreakGlass*`, `*`) exempts whoever can create a matching role; only
 * exact role ARNs, protected by `ProtectBreakGlassRoles`, keep the guard closed.
 */
function requireExactBreakGlassRole(arn: string, index: number): void {
  if (isToken(arn)) return;
  if (/[*?]/.test(arn) || !ROLE_ARN.test(arn)) {
    throw new Error(
      `${BUILDER}: breakGlassPrincipalArns[${index}] must be the exact ARN of an IAM role ` +
        `(arn:aws:iam::<12-digit account>:role/<name>), without wildcards; got ${JSON.stringify(arn)}`,
    );
  }
}

function requireLifecycleConfigArn(arn: string, index: number): void {
  if (isToken(arn)) return;
  if (!LIFECYCLE_CONFIG_ARN.test(arn)) {
    throw new Error(
      `${BUILDER}: allowedLifecycleConfigArns[${index}] must be the exact ARN of a notebook lifecycle configuration ` +
        `(arn:aws:sagemaker:<region>:<12-digit account>:notebook-instance-lifecycle-config/<lower-case name>), ` +
        `without wildcards; got ${JSON.stringify(arn)}`,
    );
  }
}

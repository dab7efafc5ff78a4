import { notebookInstanceArn, type AccountRegion } from './arns';
import { policyDocument, type Condition, type PolicyDocument } from './policy-document';
import { requireNonEmpty, requireNonEmptyList } from './validation';

/** How a request proves it came through the environment's PrivateLink path. */
export type NotebookAccessMode = 'sourceVpce' | 'sourceVpc';

/** What the notebook user may do once the request is on that path. */
export type NotebookAccessScope = 'notebook' | 'all';

export interface NotebookAccessPolicyProps extends AccountRegion {
  /** The environment's notebook instance names (lower-cased in the ARNs). */
  readonly notebookNames: readonly string[];
  /** Id of the `aws.sagemaker.<region>.notebook` interface endpoint (may be a token). */
  readonly notebookEndpointId: string;
  /** Id of the `com.amazonaws.<region>.sagemaker.api` interface endpoint (may be a token). */
  readonly apiEndpointId: string;
  /** Id of the environment's VPC (may be a token); used by `mode: 'sourceVpc'`. */
  readonly vpcId: string;
  /**
   * `sourceVpce` admits only the two endpoints; `sourceVpc` admits any endpoint of the VPC.
   * @default 'sourceVpce'
   */
  readonly mode?: NotebookAccessMode;
  /**
   * `notebook` allows opening, describing, starting and stopping the notebooks; `all` allows every
   * SageMaker action on them (`sagemaker:*`, an explicit opt-in against Security Hub IAM.21).
   * @default 'notebook'
   */
  readonly scope?: NotebookAccessScope;
}

const BUILDER = 'notebookAccessPolicy';
const PRESIGNED_URL = 'sagemaker:CreatePresignedNotebookInstanceUrl';
const DESCRIBE = 'sagemaker:DescribeNotebookInstance';
const LIST = 'sagemaker:ListNotebookInstances';
/**
 * "A notebook instance's status must be InService before you can connect to your Jupyter notebook"
 * (https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_StartNotebookInstance.html), and the
 * idle-stop lifecycle script stops idle ones: without Start the user is locked out after the first
 * idle stop. Stop lets users stop a notebook themselves.
 */
const START_STOP = ['sagemaker:StartNotebookInstance', 'sagemaker:StopNotebookInstance'];

/**
 * Identity policy for the notebook user: the notebooks open only through the environment's
 * endpoints, and an explicit Deny keeps it that way when the same principal holds a broader Allow
 * (AdministratorAccess, say). Internet calls carry no `aws:SourceVpce` / `aws:SourceVpc`, so the
 * `StringNotEquals` of the Deny is true for them.
 */
export function notebookAccessPolicy(props: NotebookAccessPolicyProps): PolicyDocument {
  const mode = props.mode ?? 'sourceVpce';
  const scope = props.scope ?? 'notebook';
  requireNonEmpty(BUILDER, 'accountId', props.accountId);
  requireNonEmpty(BUILDER, 'region', props.region);
  requireNonEmptyList(BUILDER, 'notebookNames', props.notebookNames);
  requireNonEmpty(BUILDER, 'notebookEndpointId', props.notebookEndpointId);
  requireNonEmpty(BUILDER, 'apiEndpointId', props.apiEndpointId);
  requireNonEmpty(BUILDER, 'vpcId', props.vpcId);
  if (mode !== 'sourceVpce' && mode !== 'sourceVpc') {
    throw new Error(`${BUILDER}: mode must be 'sourceVpce' or 'sourceVpc'; got ${JSON.stringify(mode)}`);
  }
  if (scope !== 'notebook' && scope !== 'all') {
    throw new Error(`${BUILDER}: scope must be 'notebook' or 'all'; got ${JSON.stringify(scope)}`);
  }

  const notebooks = props.notebookNames.map((name) => notebookInstanceArn(props, name));
  const [key, allowedValues] =
    mode === 'sourceVpce'
      ? ['aws:SourceVpce', [props.notebookEndpointId, props.apiEndpointId]]
      : ['aws:SourceVpc', [props.vpcId]];
  const throughEndpoints: Condition = { StringEquals: { [key]: allowedValues } };
  const notThroughEndpoints: Condition = { StringNotEquals: { [key]: allowedValues } };
  // Describe/List calls an AWS service makes on the user's behalf (CloudFormation, Service Catalog)
  // carry no source endpoint; they are not the internet path, so the Deny leaves them to the Allows.
  const notThroughEndpointsNorAwsService: Condition = {
    ...notThroughEndpoints,
    BoolIfExists: { 'aws:ViaAWSService': 'false' },
  };
  const notebookActions = scope === 'all' ? ['sagemaker:*'] : [PRESIGNED_URL, DESCRIBE, ...START_STOP];

  return policyDocument(
    {
      Sid: scope === 'all' ? 'AllSageMakerOnNotebooksThroughEndpoints' : 'OpenNotebooksThroughEndpoints',
      Effect: 'Allow',
      Action: notebookActions,
      Resource: notebooks,
      Condition: throughEndpoints,
    },
    {
      // List-only action: it cannot be scoped to a resource, so it stands alone on `*` (CKV_AWS_355).
      Sid: 'ListNotebooksThroughEndpoints',
      Effect: 'Allow',
      Action: LIST,
      Resource: '*',
      Condition: throughEndpoints,
    },
    {
      // The URL is the credential and no AWS service mints one on a user's behalf: no exemption.
      Sid: 'DenyPresignedUrlOutsideEndpoints',
      Effect: 'Deny',
      Action: PRESIGNED_URL,
      Resource: notebooks,
      Condition: notThroughEndpoints,
    },
    {
      // Start and Stop change the notebook's state (and its cost); no AWS service needs to call them
      // on the user's behalf (the idle stop runs as the execution role), so, like the URL, they get
      // no aws:ViaAWSService exemption: a forward-access call from outside the endpoints is refused too.
      Sid: 'DenyStartStopOutsideEndpoints',
      Effect: 'Deny',
      Action: START_STOP,
      Resource: notebooks,
      Condition: notThroughEndpoints,
    },
    {
      Sid: 'DenyNotebookActionsOutsideEndpoints',
      Effect: 'Deny',
      Action: scope === 'all' ? ['sagemaker:*'] : [DESCRIBE],
      Resource: notebooks,
      Condition: notThroughEndpointsNorAwsService,
    },
    {
      Sid: 'DenyListNotebooksOutsideEndpoints',
      Effect: 'Deny',
      Action: LIST,
      Resource: '*',
      Condition: notThroughEndpointsNorAwsService,
    },
  );
}

import { notebookInstanceArn, type AccountRegion } from './arns';
import { policyDocument, type PolicyDocument } from './policy-document';

export interface NotebookSelfStopPolicyProps extends AccountRegion {
  /** Notebooks whose idle-stop script may stop them. */
  readonly notebookNames: readonly string[];
}

/** Lets the idle-stop lifecycle script stop its own notebooks, and nothing else. */
export function notebookSelfStopPolicy(props: NotebookSelfStopPolicyProps): PolicyDocument {
  if (props.notebookNames.length === 0) throw new Error('notebookSelfStopPolicy: notebookNames is empty');
  return policyDocument({
    Sid: 'StopOwnIdleNotebooks',
    Effect: 'Allow',
    Action: 'sagemaker:StopNotebookInstance',
    Resource: props.notebookNames.map((name) => notebookInstanceArn(props, name)),
  });
}

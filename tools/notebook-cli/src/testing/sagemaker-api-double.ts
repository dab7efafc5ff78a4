import type { RecordedRequest, Reply } from './loopback-server';

/** A notebook instance as ListNotebookInstances and DescribeNotebookInstance return it (the wire shape). */
export interface NotebookInstanceJson {
  readonly NotebookInstanceName: string;
  readonly NotebookInstanceStatus: string;
  readonly InstanceType: string;
  readonly FailureReason?: string;
}

export interface SagemakerApiScript {
  /** @default - none */
  readonly notebooks?: readonly NotebookInstanceJson[];
  /** Notebooks per ListNotebookInstances page. @default 100 */
  readonly pageSize?: number;
  /** Answer every call with AccessDeniedException and this message. */
  readonly deny?: string;
  /** DescribeNotebookInstance answers a notebook spends in Pending or Stopping after a start or stop. @default 2 */
  readonly transitionDescribes?: number;
  /** A start ends in Failed with this reason instead of InService. @default - starts succeed */
  readonly startFailure?: string;
}

/** The operation a SageMaker (awsJson1_1) request names in `X-Amz-Target`. */
export function operationOf(request: RecordedRequest): string {
  return String(request.headers['x-amz-target'] ?? '').replace(/^SageMaker\./, '');
}

function error(type: string, message: string, status = 400): Reply {
  return { status, headers: { 'x-amzn-errortype': type }, body: { __type: type, Message: message } };
}

/**
 * Plays the SageMaker API for the calls the CLI makes, the way AWS answers them (awsJson1_1:
 * `POST /`, operation in `X-Amz-Target`, errors as `__type`). Start and stop move a notebook
 * through Pending / Stopping for `transitionDescribes` DescribeNotebookInstance answers, and
 * refuse a notebook in the wrong state with AWS's ValidationException.
 */
export function sagemakerApiDouble(script: SagemakerApiScript = {}): (request: RecordedRequest) => Reply {
  const notebooks = new Map((script.notebooks ?? []).map((notebook) => [notebook.NotebookInstanceName, { ...notebook }]));
  const pageSize = script.pageSize ?? 100;
  const transitions = new Map<string, { left: number; to: NotebookInstanceJson }>();
  const notFound = () => error('ValidationException', 'RecordNotFound');
  const wrongState = (notebook: NotebookInstanceJson, allowed: string, to: string) =>
    error(
      'ValidationException',
      `Status (${notebook.NotebookInstanceStatus}) not in ([${allowed}]). Unable to transition to (${to}) for Notebook Instance (arn:aws:sagemaker:us-west-2:111111111111:notebook-instance/${notebook.NotebookInstanceName}).`,
    );
  return (request) => {
    if (script.deny !== undefined) return error('AccessDeniedException', script.deny);
    const input = JSON.parse(request.body || '{}');
    const name: string = input.NotebookInstanceName;
    const notebook = notebooks.get(name);
    switch (operationOf(request)) {
      case 'ListNotebookInstances': {
        const all = [...notebooks.values()];
        const start = Number(input.NextToken ?? 0);
        const page = all.slice(start, start + pageSize);
        const next = start + pageSize < all.length ? { NextToken: String(start + pageSize) } : {};
        return { body: { NotebookInstances: page, ...next } };
      }
      case 'DescribeNotebookInstance': {
        if (!notebook) return notFound();
        const answer = { ...notebook };
        const transition = transitions.get(name);
        if (transition && --transition.left <= 0) {
          notebooks.set(name, transition.to);
          transitions.delete(name);
        }
        return { body: answer };
      }
      case 'StartNotebookInstance': {
        if (!notebook) return notFound();
        if (notebook.NotebookInstanceStatus !== 'Stopped' && notebook.NotebookInstanceStatus !== 'Failed') {
          return wrongState(notebook, 'Stopped, Failed', 'Pending');
        }
        const rest = { NotebookInstanceName: notebook.NotebookInstanceName, InstanceType: notebook.InstanceType };
        notebooks.set(name, { ...rest, NotebookInstanceStatus: 'Pending' });
        const to = script.startFailure
          ? { ...rest, NotebookInstanceStatus: 'Failed', FailureReason: script.startFailure }
          : { ...rest, NotebookInstanceStatus: 'InService' };
        transitions.set(name, { left: script.transitionDescribes ?? 2, to });
        return { body: {} };
      }
      case 'StopNotebookInstance': {
        if (!notebook) return notFound();
        if (notebook.NotebookInstanceStatus !== 'InService') return wrongState(notebook, 'InService', 'Stopping');
        notebooks.set(name, { ...notebook, NotebookInstanceStatus: 'Stopping' });
        transitions.set(name, { left: script.transitionDescribes ?? 2, to: { ...notebook, NotebookInstanceStatus: 'Stopped' } });
        return { body: {} };
      }
      case 'CreatePresignedNotebookInstanceUrl': {
        if (!notebook) return notFound();
        return { body: { AuthorizedUrl: `https://${name}.notebook.us-west-2.sagemaker.aws?authToken=presigned-${name}` } };
      }
      default:
        return error('UnknownOperationException', `unknown operation ${String(request.headers['x-amz-target'])}`);
    }
  };
}

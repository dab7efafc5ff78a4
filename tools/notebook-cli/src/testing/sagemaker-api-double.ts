import type { RecordedRequest, Reply } from './loopback-server';

/** A notebook instance as ListNotebookInstances returns it (the wire shape). */
export interface NotebookInstanceJson {
  readonly NotebookInstanceName: string;
  readonly NotebookInstanceStatus: string;
  readonly InstanceType: string;
}

export interface SagemakerApiScript {
  /** @default - none */
  readonly notebooks?: readonly NotebookInstanceJson[];
  /** Notebooks per ListNotebookInstances page. @default 100 */
  readonly pageSize?: number;
  /** Answer every call with AccessDeniedException and this message. */
  readonly deny?: string;
}

/** The operation a SageMaker (awsJson1_1) request names in `X-Amz-Target`. */
export function operationOf(request: RecordedRequest): string {
  return String(request.headers['x-amz-target'] ?? '').replace(/^SageMaker\./, '');
}

function error(type: string, message: string, status = 400): Reply {
  return { status, headers: { 'x-amzn-errortype': type }, body: { __type: type, Message: message } };
}

/**
 * Plays the SageMaker API for the two calls the CLI makes, the way AWS answers them
 * (awsJson1_1: `POST /`, operation in `X-Amz-Target`, errors as `__type`).
 */
export function sagemakerApiDouble(script: SagemakerApiScript = {}): (request: RecordedRequest) => Reply {
  const notebooks = script.notebooks ?? [];
  const pageSize = script.pageSize ?? 100;
  return (request) => {
    if (script.deny !== undefined) return error('AccessDeniedException', script.deny);
    const input = JSON.parse(request.body || '{}');
    switch (operationOf(request)) {
      case 'ListNotebookInstances': {
        const start = Number(input.NextToken ?? 0);
        const page = notebooks.slice(start, start + pageSize);
        const next = start + pageSize < notebooks.length ? { NextToken: String(start + pageSize) } : {};
        return { body: { NotebookInstances: page, ...next } };
      }
      case 'CreatePresignedNotebookInstanceUrl': {
        const name: string = input.NotebookInstanceName;
        if (!notebooks.some((notebook) => notebook.NotebookInstanceName === name)) {
          return error('ValidationException', 'RecordNotFound');
        }
        return { body: { AuthorizedUrl: `https://${name}.notebook.us-west-2.sagemaker.aws?authToken=presigned-${name}` } };
      }
      default:
        return error('UnknownOperationException', `unknown operation ${String(request.headers['x-amz-target'])}`);
    }
  };
}

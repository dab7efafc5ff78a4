import type { LookupFunction } from 'node:net';
import {
  CreatePresignedNotebookInstanceUrlCommand,
  paginateListNotebookInstances,
  SageMakerClient,
  type NotebookInstanceSummary,
} from '@aws-sdk/client-sagemaker';

export interface SagemakerConnection {
  readonly region: string;
  /**
   * The SageMaker API endpoint to call, e.g. `https://vpce-0abc-1234.api.sagemaker.us-west-2.vpce.amazonaws.com`.
   * @default - the public service name the SDK resolves for the region
   */
  readonly endpoint?: string;
  /** @default - the standard credential chain */
  readonly profile?: string;
  /** Limit for establishing a connection, and again for the answer. */
  readonly timeoutMs: number;
  /**
   * PEM certificate authorities to trust instead of Node's default ones (`AWS_CA_BUNDLE`).
   * @default - Node's default trust store
   */
  readonly ca?: string;
  /**
   * Host name lookup; tests pin names to loopback with it.
   * @default - the system resolver
   */
  readonly lookup?: LookupFunction;
}

/** A SageMaker client that signs for the target region and calls the given endpoint through the standard credential chain. */
export function sagemakerClient(connection: SagemakerConnection): SageMakerClient {
  const agent = {
    ...(connection.ca ? { ca: connection.ca } : {}),
    ...(connection.lookup ? { lookup: connection.lookup } : {}),
  };
  return new SageMakerClient({
    region: connection.region,
    ...(connection.endpoint ? { endpoint: connection.endpoint } : {}),
    ...(connection.profile ? { profile: connection.profile } : {}),
    requestHandler: {
      connectionTimeout: connection.timeoutMs,
      requestTimeout: connection.timeoutMs,
      throwOnRequestTimeout: true,
      httpsAgent: agent,
    },
  });
}

/** The host the client calls, for messages: the given endpoint or the public name the SDK resolves. */
export function calledHost(client: SageMakerClient, region: string, endpoint?: string): string {
  return new URL(endpoint ?? client.config.endpointProvider({ Region: region }).url.href).host;
}

/** Every notebook instance the caller may list in the region, across pages. */
export async function listNotebookInstances(client: SageMakerClient): Promise<NotebookInstanceSummary[]> {
  const instances: NotebookInstanceSummary[] = [];
  for await (const page of paginateListNotebookInstances({ client }, {})) instances.push(...(page.NotebookInstances ?? []));
  return instances;
}

/** A presigned URL that opens the notebook (valid for 5 minutes; the session lasts `sessionSeconds`). */
export async function presignedNotebookUrl(client: SageMakerClient, name: string, sessionSeconds?: number): Promise<string> {
  const answer = await client.send(
    new CreatePresignedNotebookInstanceUrlCommand({
      NotebookInstanceName: name,
      ...(sessionSeconds === undefined ? {} : { SessionExpirationDurationInSeconds: sessionSeconds }),
    }),
  );
  if (!answer.AuthorizedUrl) throw new Error(`SageMaker answered CreatePresignedNotebookInstanceUrl for ${name} without a URL`);
  return answer.AuthorizedUrl;
}

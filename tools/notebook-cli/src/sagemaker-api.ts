import type { LookupFunction } from 'node:net';
import {
  CreatePresignedNotebookInstanceUrlCommand,
  DescribeNotebookInstanceCommand,
  paginateListNotebookInstances,
  SageMakerClient,
  StartNotebookInstanceCommand,
  StopNotebookInstanceCommand,
  type NotebookInstanceSummary,
} from '@aws-sdk/client-sagemaker';

/** How a client reaches its endpoint; shared by the SageMaker and STS clients. */
export interface Connection {
  readonly region: string;
  /** The URL to call (see endpoints.ts for how it is chosen). */
  readonly endpoint: string;
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

/** The client settings both clients take from a Connection. */
export function clientConfig(connection: Connection) {
  return {
    region: connection.region,
    endpoint: connection.endpoint,
    ...(connection.profile ? { profile: connection.profile } : {}),
    requestHandler: {
      connectionTimeout: connection.timeoutMs,
      requestTimeout: connection.timeoutMs,
      throwOnRequestTimeout: true,
      httpsAgent: {
        ...(connection.ca ? { ca: connection.ca } : {}),
        ...(connection.lookup ? { lookup: connection.lookup } : {}),
      },
    },
  };
}

/** A SageMaker client that signs for the target region and calls the given endpoint through the standard credential chain. */
export function sagemakerClient(connection: Connection): SageMakerClient {
  return new SageMakerClient(clientConfig(connection));
}

/** Every notebook instance the caller may list in the region, across pages. */
export async function listNotebookInstances(client: SageMakerClient): Promise<NotebookInstanceSummary[]> {
  const instances: NotebookInstanceSummary[] = [];
  for await (const page of paginateListNotebookInstances({ client }, {})) instances.push(...(page.NotebookInstances ?? []));
  return instances;
}

/** What the CLI needs of a notebook instance's description. */
export interface NotebookState {
  /** Pending, InService, Stopping, Stopped, Failed, Deleting or Updating. */
  readonly status: string;
  readonly failureReason?: string;
  readonly instanceType?: string;
}

export async function describeNotebookInstance(client: SageMakerClient, name: string): Promise<NotebookState> {
  const answer = await client.send(new DescribeNotebookInstanceCommand({ NotebookInstanceName: name }));
  return {
    status: answer.NotebookInstanceStatus ?? 'unknown',
    ...(answer.FailureReason ? { failureReason: answer.FailureReason } : {}),
    ...(answer.InstanceType ? { instanceType: answer.InstanceType } : {}),
  };
}

export async function startNotebookInstance(client: SageMakerClient, name: string): Promise<void> {
  await client.send(new StartNotebookInstanceCommand({ NotebookInstanceName: name }));
}

export async function stopNotebookInstance(client: SageMakerClient, name: string): Promise<void> {
  await client.send(new StopNotebookInstanceCommand({ NotebookInstanceName: name }));
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

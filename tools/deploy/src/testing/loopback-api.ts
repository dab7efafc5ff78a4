import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ApiRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
}

export interface ApiReply {
  /** @default 200 */
  readonly status?: number;
  readonly body?: unknown;
  /** Never answer (for timeouts). @default false */
  readonly hang?: boolean;
}

export interface LoopbackApi {
  readonly url: string;
  readonly requests: ApiRequest[];
  close(): Promise<void>;
}

/** A JSON:API server on 127.0.0.1 that records every request and answers with `handle`. */
export async function startLoopbackApi(handle: (request: ApiRequest) => ApiReply): Promise<LoopbackApi> {
  const requests: ApiRequest[] = [];
  const server = createServer((req, res) => {
    const request = { method: req.method ?? '', url: req.url ?? '', headers: req.headers };
    requests.push(request);
    const reply = handle(request);
    if (reply.hang) return;
    res.writeHead(reply.status ?? 200, { 'content-type': 'application/vnd.api+json' });
    res.end(reply.body === undefined ? '' : JSON.stringify(reply.body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

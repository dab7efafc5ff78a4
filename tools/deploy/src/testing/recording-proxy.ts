import { createServer, type AddressInfo, type Socket } from 'node:net';

export interface RecordingProxy {
  /** `http://127.0.0.1:<port>`, for HTTPS_PROXY. */
  readonly url: string;
  /** The request line of every connection, e.g. `CONNECT checkpoint-api.hashicorp.com:443 HTTP/1.1`. */
  readonly requests: string[];
  close(): Promise<void>;
}

/**
 * A proxy on 127.0.0.1 that records what each client asks for and refuses it (502): with
 * HTTPS_PROXY pointed at it, every HTTPS call a process attempts shows up here and goes nowhere.
 */
export async function startRecordingProxy(): Promise<RecordingProxy> {
  const requests: string[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    socket.once('data', (data) => {
      requests.push(data.toString('latin1').split('\r\n')[0]);
      socket.end('HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/**
 * What every loopback server of the emulator does the same way: read a whole request body, answer JSON,
 * split the request URL, and listen on a port with a stop() that closes every connection at once (so a test's
 * servers leave no open handles behind).
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RunningServer {
  port: number;
  stop(): Promise<void>;
}

export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json;charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

/** The wire path and query string (without `?`) of a request URL. */
export function splitUrl(url: string): { path: string; rawQuery: string } {
  const q = url.indexOf('?');
  return q < 0 ? { path: url, rawQuery: '' } : { path: url.slice(0, q), rawQuery: url.slice(q + 1) };
}

/** Listens on `host:port` (0 = a free port); `beforeStop` runs first when the server is stopped. */
export function listen(server: Server, host: string, port: number, beforeStop: () => void = () => {}): Promise<RunningServer> {
  // longer than any client keeps an idle connection, so the server never closes one a client is reusing
  server.keepAliveTimeout = 65_000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve({
        port: (server.address() as AddressInfo).port,
        stop: () =>
          new Promise<void>((done) => {
            beforeStop();
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}

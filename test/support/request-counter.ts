/**
 * A loopback HTTP server that answers every request with a 500 and counts it: where a test points a client
 * that must send nothing (`autotag remote --url`, `events connect --endpoint`), so "no request" is observed,
 * not assumed.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RequestCounter {
  url: string;
  /** requests received so far */
  count(): number;
  stop(): Promise<void>;
}

export async function startRequestCounter(): Promise<RequestCounter> {
  let received = 0;
  const server = createServer((req, res) => {
    received++;
    req.resume();
    res.writeHead(500, { 'Content-Type': 'application/json' }).end('{"error":"this server only counts requests"}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    count: () => received,
    stop: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/**
 * A loopback HTTP server that answers every request with a 500 and counts it: where a test points a client
 * that must send nothing (`autotag remote --url`, `events connect --endpoint`), so "no request" is observed,
 * not assumed.
 */
import { listen } from '../../emulator/http';

export interface RequestCounter {
  url: string;
  /** requests received so far */
  count(): number;
  stop(): Promise<void>;
}

export async function startRequestCounter(): Promise<RequestCounter> {
  let received = 0;
  const server = await listen(
    async (req, res) => {
      received++;
      req.resume();
      res.writeHead(500, { 'Content-Type': 'application/json' }).end('{"error":"this server only counts requests"}');
    },
    '127.0.0.1',
    0,
  );
  return { url: `http://127.0.0.1:${server.port}`, count: () => received, stop: server.stop };
}

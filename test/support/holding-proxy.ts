/**
 * A real HTTP proxy in front of the emulator that can hold calls: each request is forwarded as it came
 * (headers included, so its signature still verifies), except that calls whose action `hold` picks wait until
 * `release()`. Tests use it to have a call in flight at a moment they choose (to interrupt a run then, or kill
 * it), and to see which calls arrived, in order. `hold` sees each call's action and its URL (an RPC call's
 * parameters are in its query string), in the order calls arrive.
 */
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HoldingProxy {
  /** 'http://127.0.0.1:<port>', for --endpoint */
  url: string;
  /** the `x-acs-action` of every call that reached the proxy, in order */
  arrived: string[];
  /** settles with the action of the first held call (at once if one is held already) */
  firstHeld: Promise<string>;
  /** forwards the held calls, and from now on every call at once */
  release(): void;
  stop(): Promise<void>;
}

export async function startHoldingProxy(target: string, hold: (action: string, url: string) => boolean): Promise<HoldingProxy> {
  const arrived: string[] = [];
  const waiting: (() => void)[] = [];
  let released = false;
  let onHeld!: (action: string) => void;
  const firstHeld = new Promise<string>((resolve) => (onHeld = resolve));

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const action = String(req.headers['x-acs-action'] ?? '');
      arrived.push(action);
      const forward = () => {
        const upstream = request(`${target}${req.url ?? '/'}`, { method: req.method, headers: req.headers }, (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        });
        upstream.on('error', () => res.destroy());
        upstream.end(Buffer.concat(chunks));
      };
      if (released || !hold(action, req.url ?? '/')) return forward();
      waiting.push(forward);
      onHeld(action);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    arrived,
    firstHeld,
    release() {
      released = true;
      for (const forward of waiting.splice(0)) forward();
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

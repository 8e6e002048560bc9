/**
 * One plain HTTP request with node:http, for requests no SDK would send as a test wants them (a raw signed
 * call to a stand-in, an HTTP-trigger request): the answer's status, headers and body bytes.
 */
import { request as httpRequest } from 'node:http';

export interface HttpAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  /** the body as JSON */
  json(): any;
}

export interface HttpRequestOptions {
  /** default GET */
  method?: string;
  headers?: Record<string, string | string[]>;
  body?: Buffer | string;
}

/** Sends one request to `url` (path and query included). */
export function sendRequest(url: string, options: HttpRequestOptions = {}): Promise<HttpAnswer> {
  return new Promise((done, fail) => {
    const req = httpRequest(url, { method: options.method ?? 'GET', headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        done({ status: res.statusCode ?? 0, headers: res.headers, body, json: () => JSON.parse(body.toString('utf8')) });
      });
    });
    req.on('error', fail);
    req.end(options.body);
  });
}

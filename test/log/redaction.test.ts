/**
 * Redaction hides a registered secret in every encoding the code (or a server quoting our request) can
 * produce, wherever this process prints: log lines, errors' messages and toJSON, and the CLI's error
 * rendering. Properties over random secrets and random surrounding text (fast-check), plus the echoes of
 * request headers and AccessKey ids that a server's error may quote.
 */
import { newError } from '@alicloud/tea-typescript';
import fc from 'fast-check';
import { errorDocument, renderError } from '../../cli/render/error';
import { toApiError } from '../../shared/dataworks/api-errors';
import { UnexpectedResponseError } from '../../shared/errors';
import { createLogger, redactAndClip, redactString, registerSecret } from '../../shared/log';

const hex = (n: number, digits: number) => n.toString(16).toUpperCase().padStart(digits, '0');
const unicodeEscape = (unit: string) => `\\u${hex(unit.charCodeAt(0), 4)}`;

/** Every way the code, or a server quoting what we sent, writes a text. */
const ENCODINGS: Record<string, (s: string) => string> = {
  'as is': (s) => s,
  encodeURIComponent,
  'RFC 3986 (openapi-util)': (s) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${hex(c.charCodeAt(0), 2)}`),
  'percent-encoded, lower-case hex': (s) => encodeURIComponent(s).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase()),
  'percent-encoded twice (a string-to-sign)': (s) => encodeURIComponent(encodeURIComponent(s)),
  'in a JSON string': (s) => JSON.stringify(s).slice(1, -1),
  'in a JSON string inside a JSON string': (s) => JSON.stringify(JSON.stringify(s)).slice(1, -1),
  'JSON, HTML-safe \\u escapes (as Java servers write)': (s) => s.replace(/[<>&='+/"\\]/g, unicodeEscape),
  'JSON, every character \\u-escaped': (s) => s.split('').map(unicodeEscape).join(''),
};

/** Secrets as the code registers them: AccessKey secrets, STS tokens, HTTP tokens (at least 16 characters of anything). */
const secrets = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9]{30}$/),
  fc.stringMatching(/^CAIS[A-Za-z0-9+/]{40,300}={0,2}$/),
  fc.string({ unit: 'binary', minLength: 16, maxLength: 48 }),
  fc.string({ unit: fc.constantFrom(...'aZ9"\\/+=%&!*\'()~ \n\t<>'), minLength: 16, maxLength: 40 }),
);
const context = fc.string({ unit: 'binary-ascii', maxLength: 12 });

/** The text a reader sees: what was printed, and the strings inside any JSON that was printed. */
function readable(outputs: string[]): string[] {
  const leaves = (v: unknown): string[] => (typeof v === 'string' ? [v] : v && typeof v === 'object' ? Object.values(v).flatMap(leaves) : []);
  return outputs.flatMap((o) => {
    try {
      return [o, ...leaves(JSON.parse(o))];
    } catch {
      return [o];
    }
  });
}

/** Whether base64 anywhere in `text`, decoded at any alignment (standard or URL-safe), holds `secret`. */
function base64Holds(text: string, secret: string): boolean {
  const needle = Buffer.from(secret, 'utf8');
  for (const run of text.match(/[A-Za-z0-9+/_-]{4,}/g) ?? []) {
    for (let start = 0; start < 4; start++) if (Buffer.from(run.slice(start).replace(/-/g, '+').replace(/_/g, '/'), 'base64').includes(needle)) return true;
  }
  return false;
}

/** The forms of `secret` found in what was printed (none expected). */
function leaks(outputs: string[], secret: string): string[] {
  const found: string[] = [];
  for (const text of readable(outputs)) {
    for (const [name, encode] of Object.entries(ENCODINGS)) if (text.includes(encode(secret))) found.push(name);
    if (base64Holds(text, secret)) found.push('base64');
  }
  return found;
}

/** Every printed form of `text`: a log line, API errors copied from an SDK error (message, toJSON, CLI rendering), a clipped quote. */
function printed(text: string): string[] {
  const lines: string[] = [];
  createLogger({ level: 'debug', write: (l) => lines.push(l) }).error(`the server said ${text}`, { detail: text, nested: { list: [text] } });
  const withStatus = toApiError('TagDataAssets', newError({ code: 'InvalidParameter', message: `code: 400, ${text}`, data: { statusCode: 400, Code: 'InvalidParameter', Message: text, RequestId: 'R-1' } }));
  const network = toApiError('ListTasks', { name: 'RequestError', code: 'ECONNRESET', message: `socket hang up ${text}` });
  // an error autotag did not expect is printed only through the CLI's rendering
  const unexpected = new Error(`bug ${text}`);
  return [
    ...lines,
    ...[withStatus, network].flatMap((e) => [e.message, JSON.stringify(e)]),
    ...[withStatus, network, unexpected].flatMap((e) => [renderError(e), JSON.stringify(errorDocument(e))]),
    redactAndClip(text, 300),
  ];
}

describe('log/redaction', () => {
  it.each(Object.keys(ENCODINGS))('hides a secret written %s, wherever it is printed', (name) => {
    fc.assert(
      fc.property(secrets, context, context, (secret, before, after) => {
        registerSecret(secret);
        const outputs = printed(`${before}${ENCODINGS[name](secret)}${after}`);
        expect(leaks(outputs, secret)).toEqual([]);
      }),
    );
  });

  it('hides a secret inside base64 text, at any alignment, standard or URL-safe', () => {
    fc.assert(
      fc.property(secrets, context, context, fc.boolean(), (secret, before, after, urlSafe) => {
        registerSecret(secret);
        const b64 = Buffer.from(`${before}${secret}${after}`, 'utf8').toString(urlSafe ? 'base64url' : 'base64');
        expect(leaks(printed(b64), secret)).toEqual([]);
      }),
    );
  });

  it('hides secrets whichever encodings are mixed in one text', () => {
    fc.assert(
      fc.property(secrets, fc.array(fc.constantFrom(...Object.keys(ENCODINGS)), { minLength: 2, maxLength: 4 }), (secret, names) => {
        registerSecret(secret);
        expect(leaks(printed(names.map((n) => ENCODINGS[n](secret)).join(' and ')), secret)).toEqual([]);
      }),
    );
  });

  describe('request headers and AccessKey ids a server echoes', () => {
    const ids = fc.tuple(fc.constantFrom('LTAI', 'STS.'), fc.stringMatching(/^[A-Za-z0-9]{12,28}$/)).map(([p, rest]) => p + rest);
    const signature = fc.stringMatching(/^[0-9a-f]{64}$/);
    const echoes = (id: string, sig: string, token: string) => [
      `Authorization: ACS3-HMAC-SHA256 Credential=${id},SignedHeaders=host;x-acs-action;x-acs-security-token,Signature=${sig}`,
      JSON.stringify({ Code: 'SignatureDoesNotMatch', Message: 'mismatch', Headers: { authorization: `ACS3-HMAC-SHA256 Credential=${id},Signature=${sig}`, 'x-acs-security-token': token } }),
      `canonical request:\nPOST\n/\n\nhost:dataworks.cn-hangzhou.aliyuncs.com\nx-acs-security-token:${token}\nx-acs-signature-nonce:${sig}\n`,
      `server string to sign is: POST&%2F&AccessKeyId%3D${id}%26SecurityToken%3D${encodeURIComponent(token)}%26x-acs-security-token%253A${encodeURIComponent(encodeURIComponent(token))}`,
    ];

    it('never quotes the Authorization or x-acs-* header values, nor an AccessKey id', () => {
      fc.assert(
        fc.property(ids, signature, fc.stringMatching(/^[A-Za-z0-9+/]{24,80}$/), (id, sig, token) => {
          for (const echo of echoes(id, sig, token)) {
            const outputs = printed(echo);
            const joined = readable(outputs).join('\n');
            expect(joined).not.toContain(id);
            expect(joined).not.toContain(`Signature=${sig}`);
            expect(joined).not.toContain(token);
            expect(joined).not.toContain(encodeURIComponent(token));
          }
        }),
      );
    });

    it("masks them in an unexpected answer's quote too", () => {
      const id = 'LTAI5tExampleKeyId0001';
      const error = new UnexpectedResponseError({ action: 'ListTasks', serviceCode: 'UnexpectedResponse' }, redactAndClip(JSON.stringify({ echo: { Authorization: `ACS3-HMAC-SHA256 Credential=${id}` } }), 500), 'x');
      expect(JSON.stringify(error.toJSON())).not.toContain(id);
      expect(error.received).toContain('[redacted]');
    });
  });

  it('leaves ordinary text alone', () => {
    const text = 'TagDataAssets failed: Throttling.User (HTTP 400): Request was denied due to user flow control. [request 6A1B-77]; x-acs-action header missing';
    expect(redactString(text)).toBe(text);
  });

  it('clips after masking and marks the cut, within the length asked for', () => {
    registerSecret('clip-secret-0123456789');
    const quoted = redactAndClip(`${'x'.repeat(290)}clip-secret-0123456789${'y'.repeat(1000)}`, 300);
    expect(quoted.length).toBeLessThanOrEqual(300);
    expect(quoted).toMatch(/…\[\d+ more characters\]$/);
    expect(quoted).not.toContain('clip-secret');
  });
});

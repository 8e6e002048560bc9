/**
 * The HTTP function's bearer token check (`Authorization: Bearer <token>`), on top of the trigger's own
 * `authType: function`. Both sides are hashed first so `timingSafeEqual` compares equal-length digests and
 * the time taken says nothing about the token, not even its length.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { UnauthorizedError } from './errors';

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/** Throws UnauthorizedError unless `headers.authorization` carries `expected` (headers lower-cased). */
export function checkBearerToken(headers: Record<string, string>, expected: string): void {
  const header = headers['authorization'];
  if (header === undefined) throw new UnauthorizedError('missing Authorization header: send "Authorization: Bearer <token>"');
  const m = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header);
  if (!m) throw new UnauthorizedError('the Authorization header must be "Bearer <token>"');
  if (!timingSafeEqual(digest(m[1]), digest(expected))) throw new UnauthorizedError('the bearer token is not valid');
}

/**
 * The one way an FC `event` becomes JSON. In the cloud it is a Buffer for every trigger (reference,
 * function-compute §1.1); local runs and tests hand over a string or an already-parsed object.
 */
import { InvalidInputError } from '../errors';

/** JSON.parse of a Buffer or string; an object passes through untouched (it is never written to). */
export function decodeEvent(event: unknown, subject: string): unknown {
  if (typeof event === 'string' || event instanceof Uint8Array) {
    const text = typeof event === 'string' ? event : Buffer.from(event).toString('utf8');
    if (text.trim() === '') throw new InvalidInputError([{ field: '(root)', message: 'the event is empty' }], subject);
    try {
      return JSON.parse(text);
    } catch (e) {
      throw new InvalidInputError([{ field: '(root)', message: `the event is not JSON: ${(e as Error).message}` }], subject);
    }
  }
  if (event !== null && typeof event === 'object') return event;
  throw new InvalidInputError([{ field: '(root)', message: `the event must be a Buffer, a string or an object (got ${event === null ? 'null' : typeof event})` }], subject);
}

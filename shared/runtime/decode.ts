/**
 * The one way an FC `event` becomes JSON. In the cloud it is a Buffer for every trigger (reference,
 * function-compute §1.1); local runs and tests hand over a string or an already-parsed object.
 */
import { InvalidInputError } from '../errors';
import { decodeUtf8 } from '../json';

/** The bytes as text; bytes that are not UTF-8 are refused rather than read as U+FFFD. */
function eventText(event: string | Uint8Array, subject: string): string {
  if (typeof event === 'string') return event;
  const decoded = decodeUtf8(event);
  if ('problem' in decoded) throw new InvalidInputError([{ field: '(root)', message: `the event is not UTF-8 text at line ${decoded.line}, column ${decoded.column}: ${decoded.problem}` }], subject);
  return decoded.text;
}

/** JSON.parse of a Buffer (UTF-8) or string; an object passes through untouched (it is never written to). */
export function decodeEvent(event: unknown, subject: string): unknown {
  if (typeof event === 'string' || event instanceof Uint8Array) {
    const text = eventText(event, subject);
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

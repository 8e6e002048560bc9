/**
 * The shared reference folder (sample trigger events, the fc3 props schema). It sits beside the repository
 * (`<repo>/../shared/reference`), in CI's fresh clone as here, so tests find it relative to the repo root.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export const REFERENCE_DIR = resolve(__dirname, '..', '..', '..', 'shared', 'reference');

/** A sample event's raw bytes, as FC hands them to a handler (a Buffer). */
export function sampleEvent(name: string): Buffer {
  return readFileSync(resolve(REFERENCE_DIR, 'events', name));
}

export function sampleJson(name: string): unknown {
  return JSON.parse(sampleEvent(name).toString('utf8'));
}

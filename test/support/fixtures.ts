/**
 * The repository's test fixtures (test/fixtures/: sample trigger events, the fc3 props schema, the function tests' rule sets; its README says
 * where each came from). Tests read them from here, never from a path outside the repository.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export const FIXTURES_DIR = resolve(__dirname, '..', 'fixtures');

/** A sample event's raw bytes, as FC hands them to a handler (a Buffer). */
export function sampleEvent(name: string): Buffer {
  return readFileSync(resolve(FIXTURES_DIR, 'events', name));
}

export function sampleJson(name: string): unknown {
  return JSON.parse(sampleEvent(name).toString('utf8'));
}

/**
 * The table of fault scenarios in scenarios.ts's header says what the suite runs: every row a scenario of
 * its runner, no scenario missing from it, ids unique, and the total true.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ENGINE_SCENARIOS, KILL_SCENARIOS } from './scenarios';

/** `| scenario | runner |` rows of the header, and its total. */
function header(): { rows: [string, string][]; total: number } {
  const text = readFileSync(join(__dirname, 'scenarios.ts'), 'utf8');
  const rows = [...text.matchAll(/^ \* \| ([^|]+?) \| (\S+\.test\.ts) \|$/gm)].map((m): [string, string] => [m[1], m[2]]);
  return { rows, total: Number(/^ \* \| total: (\d+) \|/m.exec(text)?.[1]) };
}

describe('test/faults/scenarios', () => {
  const scenarios: [string, string][] = [...ENGINE_SCENARIOS.map((s): [string, string] => [s.id, 'engine.test.ts']), ...KILL_SCENARIOS.map((s): [string, string] => [s.id, 'cli-kills.test.ts'])];

  it('lists every scenario with its runner in its header, and the total', () => {
    expect(header()).toEqual({ rows: scenarios, total: scenarios.length });
  });

  it('has unique scenario ids', () => {
    expect(new Set(scenarios.map(([id]) => id)).size).toBe(scenarios.length);
  });
});

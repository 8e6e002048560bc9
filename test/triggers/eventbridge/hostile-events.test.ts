/**
 * The hostile events of test/corpus through the events function: each is skipped or rejected as its case
 * says, with every reported field and every log line bounded (the cut marked), and no API call.
 */
import { startEmulator, type Emulator } from '../../../emulator';
import type { EventOutcome } from '../../../shared/triggers/eventbridge';
import { HOSTILE_EVENTS, MAX_LOGGED } from '../../corpus/events';
import { expectNothingLeaked } from '../../corpus/refusal';
import { fcContext, functionModule, handlerEnv, loadHandler } from '../../support/functions';

describe('functions/events: hostile events (test/corpus)', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator({ assets: 50, readQps: 0, writeQps: 0 });
  });
  afterAll(() => emulator.stop());

  it.each(HOSTILE_EVENTS.map((c) => [c.id, c] as const))('%s', async (_id, c) => {
    emulator.resetStats();
    const lines: string[] = [];
    const handler = loadHandler(functionModule('events'), handlerEnv(emulator), lines);
    const outcome = (await handler(Buffer.from(JSON.stringify(c.event)), fcContext(emulator))) as EventOutcome;
    expect(outcome.targets).toBe(0);
    expect(outcome[c.outcome].length).toBeGreaterThan(0);
    const reported = JSON.stringify({ skipped: outcome.skipped, rejected: outcome.rejected });
    expect(reported.length).toBeLessThan(MAX_LOGGED * (outcome.skipped.length + outcome.rejected.length));
    expect(reported).toMatch(/…\[\d+ more characters\]/);
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line.length).toBeLessThan(MAX_LOGGED);
    expectNothingLeaked([reported, ...lines], [emulator.credentials.accessKeySecret]);
    expect(emulator.calls().total).toBe(0);
  });

  it('refuses an event that is not UTF-8, rather than reading it as U+FFFD', async () => {
    const lines: string[] = [];
    const bytes = Buffer.concat([Buffer.from('{"specversion":"1.0","id":"caf'), Buffer.from([0xe9]), Buffer.from('","source":"acs.dataworks","type":"x","data":{}}')]);
    const outcome = (await loadHandler(functionModule('events'), handlerEnv(emulator), lines)(bytes, fcContext(emulator))) as EventOutcome;
    expect(outcome.rejected).toEqual([{ index: 0, issues: [{ field: '(root)', message: expect.stringMatching(/not UTF-8 text at line 1, column 31: byte 0xE9/) }] }]);
  });
});

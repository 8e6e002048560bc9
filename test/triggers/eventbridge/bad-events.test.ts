/**
 * The malformed deliveries of test/corpus through the built events function (dist/events, loaded once):
 * each bad item is rejected with its field and fix and logged, never failing its batch; the good items of a
 * batch still run; a delivery with nothing good makes no API call; no output holds a stack or a secret.
 */
import type { EventOutcome } from '../../../shared/triggers/eventbridge';
import { MALFORMED_EVENTS } from '../../corpus/malformed-events';
import { expectIssue, expectNothingLeaked } from '../../corpus/refusal';
import { parsed, suiteFunction } from '../../support/functions';

describe('functions/events (built): malformed events (test/corpus)', () => {
  const events = suiteFunction('events');

  it.each(MALFORMED_EVENTS.map((c) => [c.id, c] as const))('%s', async (_id, c) => {
    const outcome = (await events.invoke(Buffer.from(JSON.stringify(c.event)))) as EventOutcome;
    const { emulator, lines } = events;
    expect(outcome.rejected.map((r) => r.index)).toEqual([...new Set(c.rejected.map((r) => r.index))]);
    for (const want of c.rejected) expectIssue(outcome.rejected.find((r) => r.index === want.index)!.issues, want);
    // each rejected item is logged with its issues
    const logged = parsed(lines).filter((l) => l.msg === 'event rejected');
    expect(logged.map((l) => l.index)).toEqual(outcome.rejected.map((r) => r.index));
    expectNothingLeaked([JSON.stringify(outcome), ...lines], [emulator.credentials.accessKeySecret]);
    expect(outcome.targets).toBe(c.targets ?? 0);
    if (c.targets) expect(outcome.report).toMatchObject({ status: 'ok', trigger: 'event' });
    else expect(emulator.calls().total).toBe(0);
  });
});

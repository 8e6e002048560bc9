import { InvalidInputError } from '../../../shared/errors';
import type { Cursor } from '../../../shared/engine';
import type { RunScope } from '../../../shared/fanout';
import { continuationEvent, parseScheduledEvent } from '../../../shared/triggers/timer';
import { sampleEvent } from '../../support/fixtures';
import { issuesOf as issuesOfError } from '../../support/issues';

const timer = (payload?: string) => JSON.stringify({ triggerTime: '2024-06-03T18:00:00Z', triggerName: 'nightly', ...(payload !== undefined && { payload }) });

const issuesOf = (fn: () => unknown) => issuesOfError(fn, InvalidInputError);

describe('triggers/timer', () => {
  describe('parseScheduledEvent', () => {
    it('parses the sample timer event (a Buffer) and its JSON-in-JSON payload', () => {
      expect(parseScheduledEvent(sampleEvent('timer.json'))).toEqual({
        via: 'timer',
        triggerName: 'nightly-classify',
        triggerTime: '2024-06-03T18:00:00Z',
        scope: { mode: 'full', ruleSet: 'default' },
      });
    });

    it('accepts the event as a string or an object too', () => {
      const text = sampleEvent('timer.json').toString('utf8');
      expect(parseScheduledEvent(text)).toEqual(parseScheduledEvent(JSON.parse(text)));
    });

    it('treats an absent or blank payload as a full run with the default rule set', () => {
      expect(parseScheduledEvent(timer()).scope).toEqual({});
      expect(parseScheduledEvent(timer('  ')).scope).toEqual({});
    });

    it('reads every narrowing the payload may carry', () => {
      const payload = JSON.stringify({ ruleSet: 'pii', ruleIds: ['a', 'b'], projects: [91234], dryRun: true, mode: 'full' });
      expect(parseScheduledEvent(timer(payload)).scope).toEqual({ ruleSet: 'pii', ruleIds: ['a', 'b'], projects: [91234], dryRun: true, mode: 'full' });
    });

    it('rejects an unknown payload key, naming it under payload', () => {
      const issues = issuesOf(() => parseScheduledEvent(timer('{"ruleset":"pii"}')));
      expect(issues).toEqual([expect.objectContaining({ field: 'payload', message: expect.stringContaining('ruleset') })]);
    });

    it('rejects a payload that is not JSON, saying what to write', () => {
      const issues = issuesOf(() => parseScheduledEvent(timer('mode=full')));
      expect(issues[0]).toMatchObject({ field: 'payload', message: expect.stringMatching(/not JSON.*ruleSet/) });
    });

    it('rejects wrongly typed payload fields with their path', () => {
      const issues = issuesOf(() => parseScheduledEvent(timer('{"projects":["sales_dw"],"dryRun":"yes"}')));
      expect(issues.map((i) => i.field).sort()).toEqual(['payload.dryRun', 'payload.projects[0]']);
    });

    it('requires a shard for mode "shard" and refuses a shard in a full run', () => {
      expect(issuesOf(() => parseScheduledEvent(timer('{"mode":"shard"}')))[0].field).toBe('payload.shard');
      expect(issuesOf(() => parseScheduledEvent(timer('{"mode":"full","shard":{"source":"tagged"}}')))[0].field).toBe('payload.mode');
    });

    it('takes a direct invocation (no trigger fields) as the scope itself, e.g. a fan-out shard', () => {
      const shard = { ruleSet: 'default', mode: 'shard', shard: { source: 'tasks', projectId: 91234, env: 'Prod' }, fanOut: { parentRunId: 'run-1', shards: 3 } };
      expect(parseScheduledEvent(Buffer.from(JSON.stringify(shard)))).toEqual({ via: 'invoke', scope: shard });
    });

    it('refuses fan-out details on a run that is not a shard', () => {
      expect(issuesOf(() => parseScheduledEvent({ fanOut: { parentRunId: 'r', shards: 2 } }))[0].field).toBe('fanOut');
    });

    it('rejects a shard naming an unknown source', () => {
      const issues = issuesOf(() => parseScheduledEvent({ mode: 'shard', shard: { source: 'files' } }));
      expect(issues[0].field).toBe('shard.source');
    });

    it('rejects a timer envelope missing its trigger name', () => {
      expect(issuesOf(() => parseScheduledEvent({ triggerTime: '2024-06-03T18:00:00Z' }))[0].field).toBe('triggerName');
    });

    describe('a continuation (the next piece of a run, queued by the function itself)', () => {
      const cursor: Cursor = {
        formatVersion: 1,
        runId: 'run-1',
        scope: 'a'.repeat(64),
        piece: 2,
        partitions: 3,
        done: '0',
        open: [[1, 4]],
        writes: 120,
        totals: { scanned: { tables: 400 }, evaluated: 400, bind: 120, present: 30, conflict: 0, plannedWrites: 120, applied: 120, skipped: 0, failed: 0 },
      };
      const scope: RunScope = { mode: 'shard', shard: { source: 'tagged' }, fanOut: { parentRunId: 'run-0', shards: 2 } };

      it('reads the scope and the cursor it resumes from, as continuationEvent writes them', () => {
        const event = Buffer.from(JSON.stringify(continuationEvent(scope, cursor)));
        expect(parseScheduledEvent(event)).toEqual({ via: 'continuation', scope, resume: cursor });
      });

      it('checks the cursor whole and the scope as strictly as any payload, naming the field', () => {
        expect(issuesOf(() => parseScheduledEvent({ continuation: { scope, cursor: { ...cursor, piece: 0 } } }))[0].field).toBe('continuation.cursor.piece');
        expect(issuesOf(() => parseScheduledEvent({ continuation: { scope, cursor: { ...cursor, extra: 1 } } }))[0].field).toBe('continuation.cursor');
        expect(issuesOf(() => parseScheduledEvent({ continuation: { scope: { ...scope, ruleset: 'x' } as object, cursor } }))[0].field).toBe('continuation.scope');
        expect(issuesOf(() => parseScheduledEvent({ continuation: { scope, cursor }, dryRun: true }))[0].field).toBe('(root)');
      });
    });

    it('rejects an empty or non-JSON event', () => {
      expect(issuesOf(() => parseScheduledEvent(Buffer.alloc(0)))[0].message).toMatch(/empty/);
      expect(issuesOf(() => parseScheduledEvent('{oops'))[0].message).toMatch(/not JSON/);
    });
  });
});

/**
 * The bad rule files of test/corpus bundled with the scheduled function (AUTOTAG_RULES, a folder holding just
 * that file): the invocation ends as a configuration error (INVALID_CONFIGURATION, not retried) naming the
 * file, the field and the fix, and no API call is made. A FIFO or a device in the folder is refused, not read.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator, type Emulator } from '../../../emulator';
import type { InputIssue } from '../../../shared/errors';
import { expectNothingLeaked } from '../../corpus/refusal';
import { BAD_RULE_FILES, issueMatches, writeRuleFile } from '../../corpus/rule-files';
import { sampleEvent } from '../../support/fixtures';
import { fcContext, functionModule, handlerEnv, loadHandler } from '../../support/functions';

describe('functions/scheduled: bad bundled rule files (test/corpus)', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator({ assets: 50, readQps: 0, writeQps: 0 });
  });
  afterAll(() => emulator.stop());

  it.each(BAD_RULE_FILES.map((c) => [c.id, c] as const))('%s', async (_id, c) => {
    const folder = mkdtempSync(join(tmpdir(), 'autotag-bundled-'));
    writeRuleFile(join(folder, 'default.yaml'), c.input);
    emulator.resetStats();
    const handler = loadHandler(functionModule('scheduled'), handlerEnv(emulator, { AUTOTAG_RULES: folder }));
    const result = (await handler(sampleEvent('timer.json'), fcContext(emulator))) as { status: string; error: { code: string; issues: InputIssue[] } };
    expect(result.status).toBe('failed');
    expect(result.error.code).toBe('INVALID_CONFIGURATION');
    expect(result.error.issues.filter((i) => i.file?.endsWith('default.yaml') && issueMatches(i, c, c.field))).not.toHaveLength(0);
    expectNothingLeaked([JSON.stringify(result)], [emulator.credentials.accessKeySecret]);
    expect(emulator.calls().total).toBe(0);
  });
});

/**
 * The bad-input corpus of issue 10: tables of cases (data), each run by its runners against the built
 * code, each case asserting its exit code, status or outcome, that the message names the field and the fix,
 * no stack trace, no secret, and zero API calls (the emulator counts them). Cases per category
 * (test/corpus/corpus.test.ts checks this table against the tables):
 *
 * | category | cases | table | runners |
 * |---|---|---|---|
 * | rule files | 33 | rule-files.ts | test/cli/bad-rule-files.test.ts (built CLI), test/triggers/http/bad-rule-files.test.ts (POST /runs inline), test/triggers/timer/bad-rule-files.test.ts (bundled with the scheduled function) |
 * | trigger events: hostile | 8 | events.ts | test/triggers/eventbridge/hostile-events.test.ts |
 * | trigger events: malformed | 34 | malformed-events.ts | test/triggers/eventbridge/bad-events.test.ts (built events function) |
 * | HTTP requests | 46 | http-requests.ts | test/triggers/http/bad-requests.test.ts (built http function) |
 * | CLI flags | 86 | cli-flags.ts | test/cli/bad-flags.test.ts (built CLI) |
 * | AUTOTAG_* variables | 33 | variables.ts | test/runtime/bad-variables.test.ts (built functions) |
 * | total | 240 | | |
 *
 * A new case is a row in its table; a new category a table, a runner and a line here.
 */
import { BAD_COMMAND_LINES } from './cli-flags';
import { HOSTILE_EVENTS } from './events';
import { BAD_HTTP_REQUESTS } from './http-requests';
import { MALFORMED_EVENTS } from './malformed-events';
import { BAD_RULE_FILES } from './rule-files';
import { BAD_ENVIRONMENTS } from './variables';

/** Every table, by its category above. */
export const CORPUS: Readonly<Record<string, readonly { id: string }[]>> = {
  'rule files': BAD_RULE_FILES,
  'trigger events: hostile': HOSTILE_EVENTS,
  'trigger events: malformed': MALFORMED_EVENTS,
  'HTTP requests': BAD_HTTP_REQUESTS,
  'CLI flags': BAD_COMMAND_LINES,
  'AUTOTAG_* variables': BAD_ENVIRONMENTS,
};

/**
 * `autotag demo` (what `npm start` runs): the whole loop on a laptop with no cloud account. It starts the
 * DataWorks emulator in this process with a generated sample catalog, plans a rule set, applies it, then
 * runs it again and reads the emulator's own call counts to show that the second run wrote nothing. It
 * raises the QPS budgets (emulator and client alike) so the tour takes seconds, and says so.
 */
import { join, relative } from 'node:path';
import { systemClock } from '../../shared/clock';
import { createDataWorksClient, resolveEndpoint } from '../../shared/dataworks';
import type { RunRequest } from '../../shared/engine';
import { silentLogger } from '../../shared/log';
import { loadRuleSet, type RuleSet } from '../../shared/rules';
import { startEmulator, type Emulator } from '../../emulator';
import { EXIT, exitCodeOfReport, type ExitCode } from '../exit-codes';
import { demoSummary, scannedNote, type DemoRuns } from '../render/demo';
import { count, counted } from '../render/format';
import { renderPlan } from '../render/plan';
import { renderReport } from '../render/report';
import { println, type Terminal } from '../terminal';
import { runWithProgress, type RunOutcome } from './run';

/**
 * The rule set the demo shows. governance.yaml, not example.yaml: example.yaml is one rule kept minimal for
 * reading, while governance.yaml's rules cover tables and tasks in every sample workspace, so the demo shows
 * binds, values already present, and conflicts resolved both ways (skip and overwrite).
 */
const DEMO_RULES = 'governance.yaml';
/** ten times the real quotas (50 reads/s, 20 writes/s), for a tour of seconds rather than minutes */
const DEMO_QPS = { readQps: 500, writeQps: 200 } as const;
const DEMO_SEED = 7;
const PLAN_LINES_PER_RULE = 3;

export interface DemoFlags {
  assets: number;
  /** a rule file to show instead of rules/governance.yaml */
  rules?: string;
}

interface DemoResult extends DemoRuns {
  readsAgain: number;
}

const heading = (term: Terminal, text: string) => println(term, `\n${term.paint.out.bold(`── ${text} ${'─'.repeat(Math.max(0, 72 - text.length))}`)}`);

export async function demoCommand(flags: DemoFlags, term: Terminal, rulesDir: string): Promise<ExitCode> {
  const started = systemClock.now();
  const file = flags.rules ?? join(rulesDir, DEMO_RULES);
  const ruleSet = await loadRuleSet(file);
  const emulator = await startEmulator({ assets: flags.assets, seed: DEMO_SEED, readQps: DEMO_QPS.readQps, writeQps: DEMO_QPS.writeQps });
  try {
    const catalog = emulator.catalog();
    println(
      term,
      [
        'autotag demo: a DataWorks emulator on this machine, no cloud account needed.',
        `Sample catalog: ${counted(catalog.tables.length, 'table')} and ${counted(catalog.tasks.length, 'task')} in ${counted(catalog.workspaces.length, 'workspace')}, ` +
          `${counted(new Set(catalog.bindings.map((b) => b.assetId)).size, 'asset')} already tagged (some with values the rules disagree with).`,
        `Rules: ${relative(process.cwd(), file) || file}: ${counted(ruleSet.rules.length, 'rule')} (${ruleSet.rules.map((r) => r.id).join(', ')}).`,
        `Speed: the demo lets the emulator and autotag go to ${DEMO_QPS.readQps} reads/s and ${DEMO_QPS.writeQps} writes/s. A real account's DataWorks quota ` +
          'is 50 reads/s and 20 writes/s per region, shared by every caller; autotag keeps to that by default.',
      ].join('\n'),
    );
    const assets = catalog.tables.length + catalog.tasks.length;
    const result = await tour(emulator, ruleSet, term, assets);
    println(term, demoSummary(result, assets, systemClock.now() - started));
    println(term, nextSteps());
    const applyCode = exitCodeOfReport(result.apply);
    return applyCode !== EXIT.ok ? applyCode : result.writesAgain > 0 ? EXIT.failed : EXIT.ok;
  } finally {
    await emulator.stop();
  }
}

/** `catalogAssets`: the sample catalog's size, to say how much of it the sources cover. */
async function tour(emulator: Emulator, ruleSet: RuleSet, term: Terminal, catalogAssets: number): Promise<DemoResult> {
  const clock = systemClock;
  const endpoint = resolveEndpoint({ endpoint: emulator.url, env: {} });
  /** a fresh client per pass, so each report counts its own calls */
  const pass = async (request: Omit<RunRequest, 'ruleSet' | 'trigger'>): Promise<RunOutcome> => {
    const api = createDataWorksClient({ credentials: emulator.credentials, endpoint, clock, logger: silentLogger, limits: DEMO_QPS });
    return runWithProgress({ ruleSet, trigger: 'cli', ...request }, { api, clock, logger: silentLogger, metrics: api.metrics }, term, { clock });
  };

  heading(term, '1. Plan (a dry run: reads only)');
  const plan = (await pass({ dryRun: true, planSample: PLAN_LINES_PER_RULE })).report;
  println(term, renderPlan(plan.planDetail!, { linesPerRule: PLAN_LINES_PER_RULE, paint: term.paint.out }));
  println(term, `\n${scannedNote(plan, catalogAssets, ruleSet)}`);
  const writes = plan.plan.plannedWrites;
  if (writes > ruleSet.settings.maxBindings) {
    println(term, `\nThe rule set allows ${count(ruleSet.settings.maxBindings)} writes per run (settings.maxBindings); the demo allows this plan's ${count(writes)}, as --max-bindings ${writes} would.`);
  }

  heading(term, '2. Apply');
  const applied = await pass({ maxBindings: Math.max(writes, ruleSet.settings.maxBindings) });
  println(term, renderReport(applied.report, { throttledWhileReading: applied.throttledWhileReading, paint: term.paint.out }));

  heading(term, '3. Apply again: is anything left to write?');
  emulator.resetStats();
  const again = (await pass({})).report;
  const calls = emulator.calls();
  println(
    term,
    calls.writeCalls === 0
      ? `Nothing: the second run planned ${counted(again.plan.plannedWrites, 'write')} and the emulator received 0 write calls ` +
          `(${counted(calls.readCalls, 'read call')}). Every wanted tag is present; re-running autotag is always safe.`
      : `Unexpected: the emulator received ${counted(calls.writeCalls, 'write call')} on the second run.`,
  );
  return { plan, apply: applied.report, again, writesAgain: calls.writeCalls, readsAgain: calls.readCalls };
}

function nextSteps(): string {
  return [
    '',
    'Next: the same rules against a real region (credentials from the default chain, e.g. ALIBABA_CLOUD_ACCESS_KEY_ID /',
    'ALIBABA_CLOUD_ACCESS_KEY_SECRET, or a profile in ~/.alibabacloud/credentials):',
    '  autotag plan  --rules rules/example.yaml --region cn-hangzhou',
    '  autotag apply --rules rules/example.yaml --region cn-hangzhou',
    'Or keep playing locally: `autotag emulator` in one shell, `autotag plan --rules ... --endpoint <its url>` in another.',
  ].join('\n');
}

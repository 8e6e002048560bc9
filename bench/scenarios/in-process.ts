/**
 * The original benchmark: a full run (plan + apply) and an immediate re-run over a generated catalog against the
 * emulator in the same process, and the rule matcher on its own. The emulator runs without QPS limits so the
 * numbers measure autotag, not the quota; the report adds the time the same calls take at Enterprise Edition
 * quotas (50 reads/s, 20 writes/s), which bounds a real run. `BENCH_QUOTA=enterprise` instead runs both sides
 * at those quotas (the emulator answering Throttling.User past them). Last, `validate` on a generated rule set of
 * BENCH_VALIDATE_RULES rules (every check, the overlap check among them, then lint), which must stay near n log n.
 */
import { readFileSync } from 'node:fs';
import { startEmulator } from '../../emulator';
import { createDataWorksClient, resolveEndpoint, DEFAULT_QPS } from '../../shared/dataworks';
import { systemClock } from '../../shared/clock';
import { silentLogger } from '../../shared/log';
import { parseRuleSet, evaluateMatch, lintRuleSet } from '../../shared/rules';
import { runRules, type RunReport } from '../../shared/engine';
import { generatedRuleSet } from '../generated-rules';
import { RULES, type Scenario } from './scenario';

const AT_QUOTA = process.env.BENCH_QUOTA === 'enterprise';
// 8,000 generated rules are about 0.9 MB, under the 1 MiB a rule file may have
const VALIDATE_RULES = Number(process.env.BENCH_VALIDATE_RULES ?? 8000);
const DEFAULT_QPS_OPTIONS = { readQps: DEFAULT_QPS.read, writeQps: DEFAULT_QPS.write };
/** Targets for a 20,000-asset catalog on the 2-core reference machine. */
const TARGETS = { firstRunSeconds: 60, rerunSeconds: 30, peakRssMiB: 512, matchesPerSecond: 200_000, validateSeconds: 15 };

type Measured = { report: RunReport; seconds: number; writeCalls: number };

const atQuota = (r: RunReport) => {
  const calls = Object.entries(r.api.calls);
  const reads = calls.filter(([a]) => /^(List|Get)/.test(a)).reduce((n, [, c]) => n + c, 0);
  const writes = calls.reduce((n, [, c]) => n + c, 0) - reads;
  return Math.max(reads / DEFAULT_QPS.read, writes / DEFAULT_QPS.write);
};

const summary = (r: Measured) => ({
  seconds: +r.seconds.toFixed(2),
  secondsAtEnterpriseQuota: +atQuota(r.report).toFixed(1),
  status: r.report.status,
  assetsScanned: r.report.plan.assetsScanned,
  bindingsApplied: r.report.result.applied,
  present: r.report.plan.present,
  conflicts: r.report.plan.conflict,
  failed: r.report.result.failed,
  throttled: r.report.api.throttled,
  retries: r.report.api.retries,
  apiCalls: r.report.api.calls,
  writeCalls: r.writeCalls,
});

export const inProcess: Scenario = {
  name: 'run',
  description: 'a full run and a re-run against the emulator in the same process (BENCH_ASSETS, default 20,000), the matcher alone, and validate',
  byDefault: true,
  async run(ctx) {
    const assets = ctx.assets;
    let peakRss = 0;
    const sample = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
    const emulator = await startEmulator({ assets, seed: 7, ...(AT_QUOTA ? DEFAULT_QPS_OPTIONS : { readQps: 0, writeQps: 0 }) });
    const ruleSet = parseRuleSet(readFileSync(RULES.plain, 'utf8'), RULES.plain);
    const run = async (): Promise<Measured> => {
      emulator.resetStats();
      const limits = AT_QUOTA ? DEFAULT_QPS_OPTIONS : { readQps: 1e6, writeQps: 1e6 };
      const api = createDataWorksClient({ credentials: emulator.credentials, endpoint: resolveEndpoint({ endpoint: emulator.url }), limits });
      const t = process.hrtime.bigint();
      const report = await runRules({ ruleSet, trigger: 'cli', maxBindings: 1e9 }, { api, clock: systemClock, logger: silentLogger, metrics: api.metrics });
      return { report, seconds: Number(process.hrtime.bigint() - t) / 1e9, writeCalls: emulator.calls().writeCalls };
    };
    ctx.log(`run: first run and re-run over ${assets} assets, in process`);
    const first = await run();
    const rerun = await run();
    clearInterval(sample);
    await emulator.stop();

    // The matcher alone: every rule against every asset name of the catalog.
    const names = Array.from({ length: assets }, (_, i) => `ods_user_event_${i}`);
    const t = process.hrtime.bigint();
    let evaluations = 0;
    for (const name of names) for (const rule of ruleSet.rules) evaluateMatch(rule.match, { kind: 'table', name, projectId: 91234, envType: 'Prod', owner: 'alice' }, {}), evaluations++;
    const matchesPerSecond = evaluations / (Number(process.hrtime.bigint() - t) / 1e9);

    const validateText = generatedRuleSet(VALIDATE_RULES);
    const tv = process.hrtime.bigint();
    const warnings = lintRuleSet(parseRuleSet(validateText, 'generated.json')).length;
    const validate = { rules: VALIDATE_RULES, seconds: +(Number(process.hrtime.bigint() - tv) / 1e9).toFixed(2), warnings };

    const met = {
      // at quota the duration is the quota's, not autotag's: the time targets apply to the unlimited run
      firstRunSeconds: AT_QUOTA || first.seconds <= TARGETS.firstRunSeconds,
      rerunSeconds: AT_QUOTA || rerun.seconds <= TARGETS.rerunSeconds,
      rerunWritesNothing: rerun.writeCalls === 0,
      peakRssMiB: peakRss / 2 ** 20 <= TARGETS.peakRssMiB,
      matchesPerSecond: matchesPerSecond >= TARGETS.matchesPerSecond,
      validateSeconds: validate.seconds <= TARGETS.validateSeconds,
    };
    return {
      catalogAssets: assets,
      quota: AT_QUOTA ? 'enterprise (50 reads/s, 20 writes/s on both sides)' : 'none (emulator unlimited)',
      rules: ruleSet.rules.length,
      firstRun: summary(first),
      rerun: summary(rerun),
      peakRssMiB: Math.round(peakRss / 2 ** 20),
      matcher: { evaluations, matchesPerSecond: Math.round(matchesPerSecond) },
      validate,
      targets: TARGETS,
      met,
      // a run that did not finish, or a re-run that wrote, is wrong at any speed
      ok: first.report.status === 'ok' && met.rerunWritesNothing,
    };
  },
};

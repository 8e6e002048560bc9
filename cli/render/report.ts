/**
 * A run report as people read it: what happened (applied, skipped, failed, or why the run stopped), the
 * failures grouped by reason with the assets they hit, the conflicts left alone, the API calls made, and a
 * hint on which QPS budget to lower when the run was throttled a lot.
 */
import type { RunReport } from '../../shared/engine';
import { plain, type Palette } from './colour';
import { clip, count, counted, duration, joinParts, listSome } from './format';
import { renderScanned, sourceErrorLines } from './plan';

/** failure groups and skipped conflicts shown before "… and N more" */
const SHOWN = 5;
const REASON_MAX = 240;
/** throttling worth a hint: this share of all calls, and at least this many */
const THROTTLE_SHARE = 0.05;
const THROTTLE_MIN = 5;

export interface ReportRenderOptions {
  /** calls throttled while discovering (reads); the rest were writes. Unknown when absent. */
  throttledWhileReading?: number;
  /** colours (default none) */
  paint?: Palette;
  /** a dry run's plan was printed before (default): its counts are not repeated (CSV prints no plan, so they are) */
  planShown?: boolean;
  /** the run applied this saved plan (apply --plan): it read no source */
  savedPlan?: string;
}

/** What the run never read: `3 partitions not read (1 cut, about 2,400 assets left in it)`. */
export function unreadLine(r: RunReport): string | undefined {
  const u = r.unread;
  if (!u) return undefined;
  const cut = u.cut ? ` (${count(u.cut)} cut part-way, about ${counted(u.assetsLeft, 'asset')} left in ${u.cut === 1 ? 'it' : 'them'})` : '';
  return `${counted(u.partitions, 'partition')} not read${cut}: ${listSome(u.labels, 3, u.partitions)}`;
}

function outcomeLine(r: RunReport, paint: Palette): string {
  const text = outcomeText(r);
  const failed = r.status === 'partial' || r.sourceErrors.length > 0;
  return failed ? paint.bad(text) : r.status === 'ok' ? paint.good(text) : paint.warn(text);
}

function outcomeText(r: RunReport): string {
  const { applied, skipped, failed, notStarted } = r.result;
  const unread = r.sourceErrors.length > 0 && `${counted(r.sourceErrors.length, 'source')} not read`;
  const counts = joinParts([`applied ${count(applied)}`, `skipped ${count(skipped)}`, `failed ${count(failed)}`, notStarted > 0 && `not started ${count(notStarted)}`, unread]);
  switch (r.status) {
    case 'ok':
      if (r.dryRun) return `Dry run: nothing was written.${unread ? ` ${counted(r.sourceErrors.length, 'source')} could not be read (see above).` : ''}`;
      return `Done: ${counts}.`;
    case 'partial':
      if (r.auditFailure) return `Stopped writing: ${r.auditFailure.message}: ${counts}.`;
      return `Finished with failures: ${counts}.`;
    case 'blocked':
      return `${applied ? 'Stopped by the blast-radius guard' : 'Stopped before any write'}: ${r.stoppedBy?.message ?? 'a guard stopped the run'}`;
    case 'deadline': {
      const left = unreadLine(r);
      return [`${interruptedBy(r) ? 'Interrupted' : 'Stopped by the time budget'}: ${counts}.`, left && `${left}.`, r.next && 'The report carries a cursor (next) to resume it from.', r.stoppedBy?.message].filter(Boolean).join(' ');
    }
  }
}

/** The signal that interrupted the run (the CLI adds `interruptedBy` to `stoppedBy`), if one did. */
function interruptedBy(r: RunReport): string | undefined {
  const by = (r.stoppedBy as { interruptedBy?: unknown } | undefined)?.interruptedBy;
  return typeof by === 'string' ? by : undefined;
}

/** The plan's counts in one line (a dry run prints the whole plan instead). */
function planLine(r: RunReport, savedPlan: string | undefined): string {
  const p = r.plan;
  const conflicts = p.conflict ? ` · ${counted(p.conflict, 'conflict')}` : '';
  const read = savedPlan === undefined ? `scanned ${renderScanned(p.assetsScanned)}` : `the saved plan ${savedPlan} (${counted(p.assetsEvaluated, 'asset')})`;
  return `Planned: ${read}; ${count(p.bind)} to bind · ${count(p.present)} present${conflicts} → ${counted(p.plannedWrites, 'write')}`;
}

function failureLines(r: RunReport, paint: Palette): string[] {
  if (!r.failures.length) return [];
  const lines = [paint.bad('Failures')];
  for (const f of r.failures.slice(0, SHOWN)) {
    lines.push(`  ${paint.bad('✗')} ${counted(f.assets, 'asset')} (keys: ${f.keys.join(', ')}): ${clip(f.reason, REASON_MAX)}`);
    lines.push(`      assets: ${listSome(f.assetIds, SHOWN, f.assets)}`);
  }
  if (r.failures.length > SHOWN) lines.push(`  … and ${counted(r.failures.length - SHOWN, 'more failure reason')} (see --json)`);
  return lines;
}

/** Assets evaluated without their details (owner, workspace): an owner condition could not match them. */
function detailFailureLines(r: RunReport, paint: Palette): string[] {
  const d = r.detailFailures;
  if (!d) return [];
  const lines = [paint.bad(`Details not read (owner, workspace), evaluated without them: ${counted(d.count, 'asset')}; a re-run reads them again`)];
  for (const f of d.assets.slice(0, SHOWN)) lines.push(`  ${paint.bad('✗')} ${f.name} (${f.assetId}): ${f.serviceCode ?? f.code}: ${clip(f.message, REASON_MAX)}`);
  if (d.count > SHOWN) lines.push(`  … and ${count(d.count - SHOWN)} more (see --json: detailFailures)`);
  return lines;
}

function conflictLines(r: RunReport, paint: Palette): string[] {
  // the report keeps the first conflicts; the plan counts them all
  const skipped = r.conflicts.filter((c) => c.resolution === 'skip');
  const total = Math.max(r.plan.conflict - r.plan.overwrite, skipped.length);
  if (!total || r.dryRun) return [];
  const lines = [paint.warn(`Conflicts left alone (onConflict: skip): ${count(total)}`)];
  const shown = skipped.slice(0, SHOWN);
  for (const c of shown) lines.push(`  ${paint.warn('!')} ${c.assetName} (${c.assetId})  ${c.key}: ${c.currentValue} stays (rule ${c.ruleId} wanted ${c.value})`);
  if (total > shown.length) lines.push(`  … and ${count(total - shown.length)} more`);
  return lines;
}

/** The applied changes a failed audit log lacks (they were in flight when it failed), so they are on record here. */
function unauditedLines(r: RunReport, paint: Palette): string[] {
  const failure = r.auditFailure;
  if (!failure?.unwritten) return [];
  const lines = [paint.bad(`Applied but not in the audit log: ${count(failure.unwritten)} (every one in --json: auditFailure.records)`)];
  for (const a of failure.records.slice(0, SHOWN)) {
    lines.push(a.kind === 'tag-key' ? `  ${a.key}: ${a.action} (+${a.addedValues.join(', ')})` : `  ${a.assetName} (${a.assetId})  ${a.key}: ${a.oldValue ?? '(unbound)'} → ${a.newValue ?? '(unbound)'} (rule ${a.ruleId})`);
  }
  if (failure.unwritten > SHOWN) lines.push(`  … and ${count(failure.unwritten - SHOWN)} more`);
  return lines;
}

function concurrentLines(r: RunReport, paint: Palette): string[] {
  const { count: n, changes } = r.concurrent;
  if (!n) return [];
  const lines = [paint.warn(`Changed by a concurrent writer since the plan, left alone: ${count(n)}`)];
  for (const c of changes.slice(0, SHOWN)) lines.push(`  ~ ${c.assetId}  ${c.key}: planned ${c.planned ?? '(unbound)'}, found ${c.found ?? '(unbound)'} (rule ${c.ruleId})`);
  if (n > SHOWN) lines.push(`  … and ${count(n - Math.min(SHOWN, changes.length))} more`);
  return lines;
}

export function totalCalls(r: RunReport): number {
  return Object.values(r.api.calls).reduce((a, b) => a + b, 0);
}

function apiLine(r: RunReport): string {
  const byAction = Object.entries(r.api.calls)
    .filter(([, n]) => n > 0)
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
    .map(([action, n]) => `${action} ${count(n)}`);
  return `API calls: ${count(totalCalls(r))}${byAction.length ? ` (${byAction.join(', ')})` : ''} · retries ${count(r.api.retries)} · throttled ${count(r.api.throttled)}`;
}

/** Which budget to lower when a run was throttled often enough to matter; undefined otherwise. */
export function throttleHint(r: RunReport, options: ReportRenderOptions = {}): string | undefined {
  const { throttled } = r.api;
  if (throttled < THROTTLE_MIN || throttled < THROTTLE_SHARE * totalCalls(r)) return undefined;
  const reads = options.throttledWhileReading;
  const flag = reads === undefined ? '--read-qps / --write-qps' : reads * 2 >= throttled ? '--read-qps' : '--write-qps';
  const where = reads === undefined ? '' : ` (${count(reads)} while reading, ${count(throttled - reads)} while writing)`;
  return (
    `${counted(throttled, 'call was', 'calls were')} throttled${where}: the account's DataWorks quota (50 reads/s and 20 writes/s per region) ` +
    `is shared by every caller, including other shards of this run. Lower ${flag} to leave room for them.`
  );
}

export function renderReport(r: RunReport, options: ReportRenderOptions = {}): string {
  const hint = throttleHint(r, options);
  const paint = options.paint ?? plain;
  return [
    // a dry run prints the whole plan, source errors included, before this
    ...(r.dryRun && options.planShown !== false ? [] : [planLine(r, options.savedPlan), ...sourceErrorLines(r.sourceErrors, paint)]),
    outcomeLine(r, paint),
    ...failureLines(r, paint),
    ...detailFailureLines(r, paint),
    ...unauditedLines(r, paint),
    ...conflictLines(r, paint),
    ...concurrentLines(r, paint),
    paint.dim(`${apiLine(r)} · ${duration(r.durationMs)}`),
    ...(hint ? [paint.warn(`Hint: ${hint}`)] : []),
  ].join('\n');
}

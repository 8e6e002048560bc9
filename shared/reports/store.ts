/**
 * Where a run's report and coverage are kept, for people to open later: files under one folder (on FC, a
 * mounted OSS bucket), laid out by day and run so a bucket listing reads like a calendar:
 *
 *   <dir>/<YYYY-MM-DD>/<run id>/report.json              the run report (as `invoke` and HTTP return it)
 *   <dir>/<YYYY-MM-DD>/<run id>/coverage.json            coverage (shared/coverage JSON, formatVersion 1)
 *   <dir>/<YYYY-MM-DD>/<run id>/coverage.html            the coverage page (self-contained, opens from a file)
 *   <dir>/<YYYY-MM-DD>/<parent run id>/shards/<slice>/…  a shard's own piece, under the run it belongs to
 *   …/piece-<n>/…                                        a later piece of a run continued from a cursor
 *
 * The day is the UTC day the piece started (a shard starting after midnight lands under the next day).
 * Writing is plain files: a failure is the caller's to report, never to fail the run for.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { renderCoverageHtml, renderCoverageJson, type CoverageReport } from '../coverage';
import type { ShardSpec } from '../discovery';
import type { RunReport } from '../engine';

export interface RunPlace {
  /** the run's start, ISO */
  startedAt: string;
  runId: string;
  /** a shard of a fanned-out run: its slice and the run it belongs to */
  shard?: { spec: ShardSpec; parentRunId: string };
  piece?: number;
}

/** `tasks-10001-Prod`, `tables-sales_dw`, `tagged`: a slice as a folder name. */
const sliceName = (spec: ShardSpec) =>
  Object.values(spec)
    .map((v) => String(v).replace(/[^A-Za-z0-9_.-]/g, '_'))
    .join('-');

export function runReportsFolder(dir: string, place: RunPlace): string {
  const day = place.startedAt.slice(0, 10);
  const base = place.shard ? join(dir, day, place.shard.parentRunId, 'shards', sliceName(place.shard.spec)) : join(dir, day, place.runId);
  return place.piece && place.piece > 1 ? join(base, `piece-${place.piece}`) : base;
}

/** Writes the run's files into `folder` (made as needed); resolves to the paths written. */
export async function writeRunReports(folder: string, files: { report: RunReport; coverage?: CoverageReport }): Promise<string[]> {
  await mkdir(folder, { recursive: true });
  const out: [string, string][] = [['report.json', `${JSON.stringify(files.report, null, 2)}\n`]];
  if (files.coverage) out.push(['coverage.json', renderCoverageJson(files.coverage, { compact: true })], ['coverage.html', renderCoverageHtml(files.coverage)]);
  const paths = out.map(([name]) => join(folder, name));
  await Promise.all(out.map(([, text], i) => writeFile(paths[i], text)));
  return paths;
}

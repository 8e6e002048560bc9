/**
 * The targets source: the assets an event names, re-read from the API (an event is a hint, never the truth
 * about an asset), together in batches (target-lookup.ts). An asset its caller already re-read (`found`)
 * is taken as it is. Assets not found are reported after the others were read, never dropped silently.
 */
import { AssetNotFoundError } from '../../errors';
import { ASSET_KIND_NAMES, LIMITS } from '../../dataworks';
import { chunk } from '../../concurrency';
import type { AssetRef } from '../types';
import type { EventSource, ReadContext } from './source';
import { describeTarget, lookUpTargets } from './target-lookup';

async function* targetPages(ctx: ReadContext, refs: readonly AssetRef[]) {
  const known = refs.flatMap((r) => (r.found ? [r.found] : []));
  for (const page of chunk(known, LIMITS.pageSize)) yield page;
  const unread = refs.filter((r) => !r.found);
  if (!unread.length) return;
  const { found, missing, invalid, unreadable } = await lookUpTargets(ctx.api, unread, ctx.tableIdFormat);
  for (const page of chunk(found.map((f) => f.asset), LIMITS.pageSize)) yield page;
  const lost = [...missing.map(describeTarget), ...[...invalid, ...unreadable].map((r) => `${describeTarget(r.ref)} (${r.code})`)];
  if (lost.length) throw new AssetNotFoundError(lost);
}

export const targets: EventSource = {
  label: 'named by events',
  description: 'the assets an event names, re-read from the API',
  kinds: ASSET_KIND_NAMES,
  partitions: (refs) => [{ label: `targets (${refs.length})`, read: (ctx) => targetPages(ctx, refs) }],
  ramActions: [
    { action: 'ListTasks', why: 'event-driven runs re-read the tasks events name' },
    { action: 'ListTables', why: 'event-driven runs re-read the tables events name' },
    { action: 'GetTable', why: 'reads the owner and workspace of a table an event names' },
  ],
};

/**
 * The targets source: the assets an event names, re-read from the API (an event is a hint, never the truth
 * about an asset), together in batches (target-lookup.ts), and then yielded one page per named asset (an
 * empty one for an asset not found), so a run cut short counts the named assets it never read. An asset its
 * caller already re-read (`found`) is taken as it is. Assets not found are reported after the others were
 * read, never dropped silently.
 */
import { AssetNotFoundError } from '../../errors';
import { ASSET_KIND_NAMES } from '../../dataworks';
import type { AssetRef, AssetView } from '../types';
import type { EventSource, ReadContext } from './source';
import { describeTarget, lookUpTargets } from './target-lookup';

/** The named assets from `from` (1: the first), looked up together, then one page each in the order named. */
async function* targetPages(ctx: ReadContext, refs: readonly AssetRef[], from: number) {
  const rest = refs.slice(from - 1);
  const { found, missing, invalid, unreadable } = await lookUpTargets(ctx.api, rest.filter((r) => !r.found), ctx.tableIdFormat);
  const views = new Map<AssetRef, AssetView>(found.map((f) => [f.ref, f.asset]));
  for (const [i, ref] of rest.entries()) {
    const view = ref.found ?? views.get(ref);
    yield { page: from + i, assets: view ? [view] : [], left: rest.length - i - 1, last: i === rest.length - 1 };
  }
  const lost = [...missing.map(describeTarget), ...[...invalid, ...unreadable].map((r) => `${describeTarget(r.ref)} (${r.code})`)];
  if (lost.length) throw new AssetNotFoundError(lost);
}

export const targets: EventSource = {
  label: 'named by events',
  description: 'the assets an event names, re-read from the API',
  kinds: ASSET_KIND_NAMES,
  partitions: (refs) => [{ label: `targets (${refs.length})`, read: (ctx, from) => targetPages(ctx, refs, from) }],
  ramActions: [
    { action: 'ListTasks', why: 'event-driven runs re-read the tasks events name' },
    { action: 'ListTables', why: 'event-driven runs re-read the tables events name' },
    { action: 'GetTable', why: 'reads the owner and workspace of a table an event names' },
  ],
};

/**
 * Reading a run's partitions into windows: several partitions at once, several pages of each in flight, each
 * page claimed (an asset is evaluated once per run), evaluated, counted and streamed (plan-accumulator.ts), its
 * writes added to the window being filled. Partitions whose listing depends on tags (the tagged source) are
 * read to their end before the others start, so no write of the run can shift their pages. Reading stops at a
 * page boundary when the run must stop (time to hand back a cursor); one partition that cannot be read is
 * recorded and the rest go on; a deadline or a broken run (credentials, permissions) stops every partition.
 */
import { AutotagError, breaksEveryRead, DeadlineExceededError } from '../errors';
import type { DataWorksApi } from '../dataworks';
import { discoverPartition, type DiscoveryScope, type Partition, type SourcePage, type TagIndex } from '../discovery';
import { forEachLimit, type Slots } from '../concurrency';
import type { Frontier, PagePosition } from './frontier';
import { evaluatePage, type PageContext } from './page';
import { isWrite, tagsAfter, type PlanAccumulator } from './plan-accumulator';
import type { PlanExplainer } from './plan-explain';
import { apiCounters, type RunDeps } from './run-types';
import type { SeenAssets } from './seen-assets';
import type { PlannedBinding, SourceError } from './types';
import type { WindowBuilder } from './windows';

/** Partitions read at once, and pages of each in flight: with 100 ms per call, enough to keep 50 reads/s busy (one partition alone too). */
const PARTITION_CONCURRENCY = 8;
const READ_AHEAD = 8;
/** listing calls in flight across partitions: ~60 calls/s at 100 ms, and a short line for a write's re-read */
export const LISTING_SLOTS = 12;

export interface DiscoverInput {
  api: DataWorksApi;
  scope: DiscoveryScope;
  partitions: readonly Partition[];
  frontier: Frontier;
  page: PageContext;
  plan: PlanAccumulator;
  /** explains the assets the request names, from their page's evaluation */
  explainer?: PlanExplainer;
  seen: SeenAssets;
  /** tags the tagged listing passed over, for the listing sources (read first, so whole before they ask) */
  tagIndex: TagIndex;
  /** listing calls in flight, shared by every partition (LISTING_SLOTS) */
  listingSlots: Slots;
  windows: WindowBuilder;
  deps: Pick<RunDeps, 'logger' | 'observer' | 'onProgress' | 'metrics'>;
  dryRun: boolean;
  /** whether to stop at the next page boundary (time to hand back a cursor) */
  stopping(): boolean;
  /** a conflict the plan leaves alone (onConflict: skip), on a run that writes */
  conflictSkipped(b: PlannedBinding): void;
  reads: { listingPages: number; taggedAssets: number; detailLookups: number };
}

/** Reads every partition still to read; returns the deadline error when one stopped the reading. */
export async function discover(input: DiscoverInput): Promise<DeadlineExceededError | undefined> {
  const { partitions, frontier } = input;
  let stoppedBy: DeadlineExceededError | undefined;
  const todo = frontier.todo();
  const phases = [todo.filter((t) => partitions[t.index].listsByTags), todo.filter((t) => !partitions[t.index].listsByTags)];
  const halted = () => stoppedBy !== undefined || input.stopping();
  try {
    for (const phase of phases) {
      await forEachLimit(phase, PARTITION_CONCURRENCY, async ({ index, from }) => {
        if (halted()) return;
        try {
          await readPartition(input, index, from, halted);
        } catch (e) {
          if (e instanceof DeadlineExceededError) stoppedBy ??= e;
          throw e;
        }
      });
    }
  } catch (e) {
    if (!(e instanceof DeadlineExceededError)) throw e;
    stoppedBy ??= e;
  }
  await input.windows.flush();
  return stoppedBy;
}

async function readPartition(input: DiscoverInput, index: number, from: number, halted: () => boolean): Promise<void> {
  const { api, scope, partitions, plan, deps } = input;
  const p = partitions[index];
  let last: PagePosition | undefined;
  try {
    for await (const page of discoverPartition(api, scope, p, from, { readAhead: READ_AHEAD, slots: input.listingSlots, tagIndex: input.tagIndex })) {
      // a page read past a stop is dropped: the cursor comes back to it
      if (halted()) return;
      last = { partition: index, page: page.page, last: page.last, left: page.left };
      await addPage(input, p, last, page);
      deps.onProgress?.({ phase: 'discover', scanned: plan.scannedSoFar(), applied: 0, failed: 0, totalToApply: 0, ...apiCounters(deps) });
    }
    if (last?.last) return;
  } catch (e) {
    // One unreadable partition (a MaxCompute project that does not exist, a workspace that keeps failing)
    // must not hide the rest; credentials and permissions are wrong for every partition alike.
    if (breaksEveryRead(e)) throw e;
    const { code, message } = e as AutotagError;
    const error: SourceError = { source: p.source, partition: p.label, code, message };
    plan.addSourceError(error);
    deps.logger.warn('a discovery source could not be read; the rest of the run goes on', { ...error });
  }
  // the reader ended without a last page (an empty or unreadable partition): done once its earlier pages are
  const end = { partition: index, page: (last?.page ?? from - 1) + 1, last: true, left: 0 };
  input.frontier.read(end);
  await input.windows.add(end, []);
}

async function addPage(input: DiscoverInput, p: Partition, position: PagePosition, page: SourcePage): Promise<void> {
  const { plan, seen, frontier, deps } = input;
  plan.scanned(p.source, page.assets.length);
  // the minimum a run needs: every page of a listing source, and every tagged asset's tags, 100 to a call
  if (p.listsByTags) input.reads.taggedAssets += page.assets.length;
  else {
    input.reads.listingPages++;
    input.reads.taggedAssets += page.assets.filter((a) => Object.keys(a.tags).length > 0).length;
  }
  frontier.read(position);
  const outcome = await evaluatePage(
    page.assets.filter((a) => seen.add(a.id)),
    input.page,
  );
  input.reads.detailLookups += outcome.detailLookups;
  const writes = plan.add(outcome);
  input.explainer?.page(outcome.assets);
  const writing = new Set(writes.map((w) => w.asset.id));
  for (const { asset, bindings } of outcome.assets) {
    // an asset with nothing to write is finished now; on a dry run, every asset is, with its planned tags
    if (input.dryRun || !writing.has(asset.id)) deps.observer?.asset?.(asset, tagsAfter(asset, bindings.filter(isWrite)));
    if (!input.dryRun) for (const b of bindings) if (b.action === 'conflict' && b.resolution === 'skip') input.conflictSkipped(b);
  }
  await input.windows.add(position, input.dryRun ? [] : writes);
}

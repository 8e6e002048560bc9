/**
 * A saved plan as the run's window source, instead of discovery: its records are read in order, each asset's
 * bindings (consecutive records, as a run streams them) counted and streamed like an evaluated page's, and
 * its writes handed to the windows. A plan made under another rule set is refused, as is one without its header
 * (nothing would say which rule set it was made with). The plan's view of each
 * asset is all it has; the writer re-reads every asset right before its call, so what changed since the plan
 * was made is left alone and reported (changed by a concurrent writer), never overwritten.
 */
import { InvalidInputError } from '../errors';
import { assetKindOf } from '../dataworks';
import type { AssetView } from '../discovery';
import type { PageOutcome } from './page';
import type { DiscoverInput } from './discover';
import type { PlanRecord } from './types';

/** the one "partition" a saved plan is: its assets, 100 to a page */
export const SAVED_PLAN = 'saved plan';
const ASSETS_PER_PAGE = 100;

type RecordsInput = Pick<DiscoverInput, 'plan' | 'seen' | 'windows' | 'frontier' | 'dryRun' | 'conflictSkipped'> & { ruleSetHash: string };

function emptyPage(): PageOutcome {
  return { assets: [], ownerUnreadable: 0, detailsSkipped: 0, detailLookups: 0, matched: [], overridden: [], unsettled: [] };
}

function viewOf(b: Extract<PlanRecord, { kind: 'binding' }>): AssetView {
  // what the plan knew of the asset; its tags now are read again before any write
  return { id: b.assetId, kind: assetKindOf(b.assetType), type: b.assetType, name: b.assetName, projectId: b.projectId, envType: b.envType, tags: {} };
}

export async function feedRecords(records: AsyncIterable<PlanRecord> | Iterable<PlanRecord>, input: RecordsInput): Promise<void> {
  let page = emptyPage();
  let pageNumber = 1;
  const flush = async (last: boolean) => {
    const writes = input.plan.add(page);
    for (const { bindings } of page.assets) for (const b of bindings) if (!input.dryRun && b.action === 'conflict' && b.resolution === 'skip') input.conflictSkipped(b);
    const position = { partition: 0, page: pageNumber++, last, left: 0 };
    input.frontier.read(position);
    await input.windows.add(position, input.dryRun ? [] : writes);
    page = emptyPage();
  };
  let headed = false;
  for await (const r of records) {
    if (!headed && r.kind !== 'plan') throw new InvalidInputError([{ field: 'plan', message: 'a saved plan starts with its "plan" header, which names the rule set it was made with' }], 'saved plan');
    headed = true;
    if (r.kind === 'plan' && r.ruleSetHash !== input.ruleSetHash) {
      throw new InvalidInputError([{ field: 'plan', message: `the plan was made with another version of the rule set (${r.ruleSetHash.slice(0, 12)}…): plan again, review that plan, and apply it` }], 'saved plan');
    }
    if (r.kind === 'overridden') page.overridden.push(r);
    if (r.kind === 'unsettled') page.unsettled.push(r);
    if (r.kind === 'source-error') input.plan.addSourceError(r);
    if (r.kind !== 'binding') continue;
    const { kind: _, ...binding } = r;
    const current = page.assets[page.assets.length - 1];
    if (current?.asset.id === binding.assetId) current.bindings.push(binding);
    else {
      if (page.assets.length === ASSETS_PER_PAGE) await flush(false);
      if (!input.seen.add(binding.assetId)) continue;
      page.assets.push({ asset: viewOf(r), bindings: [binding] });
    }
  }
  await flush(true);
}

/**
 * `autotag report --run <id>` as text: one scheduled run read back from its pieces' log lines — whether it is
 * complete, its chains (one per shard, or the run itself) with their pieces and how each ended, the counters
 * summed over every delivery, what it left unread and its failures.
 */
import type { ChainReport, ChainState, RunPiecesReport } from '../../shared/triggers';
import { count, counted, joinParts, listSome } from './format';

const STATE: Record<ChainState, string> = {
  done: 'done',
  continuing: 'continuing (its next piece has not logged yet, or was lost)',
  stalled: 'stopped: a piece finished no page and wrote nothing before its time was up',
  'no-target': 'stopped with a cursor: nowhere to queue the next piece (outside FC)',
  'not-queued': 'stopped: FC refused to queue the next piece (after its retries of the piece, see its failure destination)',
  refused: 'refused: the rule set or scope changed since the run began',
  'not-started': 'not started (no piece logged)',
};

function chainLine(c: ChainReport): string {
  const what = joinParts([`${counted(c.pieces, 'piece')} in ${counted(c.deliveries, 'delivery', 'deliveries')}`, STATE[c.state] + (c.status && c.state === 'done' ? ` (${c.status})` : '')]);
  return `  ${c.shard ?? 'the run'}: ${what}`;
}

export function renderRunPieces(r: RunPiecesReport): string {
  const t = r.totals;
  const lines = [
    `Run ${r.runId}: ${r.status === 'incomplete' ? 'incomplete' : `complete (${r.status})`}`,
    `  ${joinParts([r.shards !== undefined ? counted(r.shards, 'shard') : 'in place', `${counted(r.pieces, 'piece')} in ${counted(r.deliveries, 'delivery', 'deliveries')}`, r.duplicates ? `${counted(r.duplicates, 'repeated delivery', 'repeated deliveries')}` : undefined])}`,
    `  evaluated ${count(t.evaluated)} assets (scanned ${count(t.scanned)}): ${count(t.bind)} to bind, ${count(t.present)} present, ${counted(t.conflict, 'conflict')}`,
    `  written ${count(t.applied)}, skipped ${count(t.skipped)}, failed ${count(t.failed)}`,
    ...r.chains.map(chainLine),
  ];
  if (r.unread) lines.push(`  unread: ${counted(r.unread.partitions, 'partition')}, about ${counted(r.unread.assetsLeft, 'asset')} left in those cut part-way`);
  for (const f of r.failures) lines.push(`  failed: ${counted(f.assets, 'asset')}${f.code ? ` (${f.code})` : ''}: ${f.reason} [${listSome(f.keys, 5)}]`);
  if (r.sourceErrors.length) lines.push(`  not read: ${listSome(r.sourceErrors.map((e) => `${e.partition} (${e.code})`), 5)}`);
  return lines.join('\n');
}

/**
 * A synthetic catalog for coverage tests and size figures: deterministic (a seeded generator), shaped like a
 * real one (workspaces of uneven size, tables without a workspace, a few keys with many values, most keys on
 * some assets only), streamed so a 1,000,000-asset catalog never sits in memory.
 */
import type { CoverageAsset, DeclaredKey, UnscannedInput } from '../../shared/coverage';
import { seededRandom } from '../../emulator/prng';

export const DECLARED_KEYS: DeclaredKey[] = [
  { key: 'classification', values: ['public', 'internal', 'confidential', 'restricted'] },
  { key: 'pii', values: ['true'] },
  { key: 'owner-team' },
];

/** key, the share of assets carrying it, its values */
const KEYS: [string, number, string[]][] = [
  ['classification', 0.62, ['internal', 'confidential', 'public']],
  ['pii', 0.18, ['true']],
  ['owner-team', 0.45, Array.from({ length: 40 }, (_, i) => `team-${String(i + 1).padStart(2, '0')}`)],
  ['layer', 0.7, ['ods', 'dwd', 'dws', 'ads', 'dim']],
  ['cost-center', 0.3, Array.from({ length: 25 }, (_, i) => `cc-${1000 + i * 7}`)],
  ['domain', 0.4, ['sales', 'finance', 'hr', 'marketing', 'logistics', 'risk', 'product', 'ops', 'legal', 'growth', 'service', 'iot']],
  ['retention', 0.22, ['30d', '90d', '1y', '3y', 'forever']],
  ['quality', 0.08, ['gold', 'silver', 'bronze']],
];

export interface CatalogShape {
  assets: number;
  workspaces: number;
  seed?: number;
}

export function* syntheticCatalog({ assets, workspaces, seed = 1 }: CatalogShape): Generator<CoverageAsset> {
  const random = seededRandom(seed);
  for (let i = 0; i < assets; i++) {
    const kind = random() < 0.55 ? 'table' : 'task';
    // workspace sizes fall off like a real organisation's: a few large, many small
    const ws = 10001 + Math.floor(workspaces * random() ** 2);
    const tags: Record<string, string> = {};
    for (const [key, share, values] of KEYS) if (random() < share) tags[key] = values[Math.floor(values.length * random() ** 1.5)];
    yield {
      id: `${kind}-${i}`,
      name: `${kind === 'table' ? 'ods' : 'task'}_asset_${i}`,
      kind,
      // a third of the tables come from ListTables, which reports no workspace
      projectId: kind === 'table' && random() < 0.33 ? undefined : ws,
      envType: random() < 0.8 ? 'Prod' : 'Dev',
      tags,
    };
  }
}

export const UNSCANNED: UnscannedInput[] = [
  { reason: 'source-not-configured', partition: 'tasks 10003 Dev', projectId: 10003, envType: 'Dev', kind: 'task', assets: 1200 },
  { reason: 'partition-unreadable', partition: 'tables sales_dw', kind: 'table', message: 'ListTables failed: Forbidden.Access (HTTP 403)' },
];

/**
 * The seed's recipe, kept as the benchmark's point of comparison: one call at a time, pages of 10, one bind call
 * per asset and tag, and nothing but doubling backoff when throttled (no rate limiter). The calls go through our
 * DataWorks client, so through the real openapi-client and the transport that refuses DeleteDataAssetTag; the
 * client's limiters are replaced by ones that never wait and ignore throttling, so only the backoff paces it.
 * Rules are evaluated with the same matcher, pass after pass over an asset until no rule adds a tag (rules that
 * build on each other); a key already bound is left alone.
 */
import { ASSET_KINDS, createDataWorksClient, resolveEndpoint, type DataWorksApi, type DataWorksClient, type Page } from '../shared/dataworks';
import { systemClock } from '../shared/clock';
import { evaluateMatch, type MatchableAsset, type RuleSet } from '../shared/rules';
import type { RateLimiter } from '../shared/retry';
import type { EmulatorProcess } from './emulator-process';

const PAGE = 10;

const noLimit: RateLimiter = { configuredRate: Infinity, acquire: async () => undefined, throttled: () => undefined, currentRate: () => Infinity };

export function seedClient(emulator: EmulatorProcess): DataWorksClient {
  return createDataWorksClient({
    credentials: emulator.credentials,
    endpoint: resolveEndpoint({ endpoint: emulator.url, env: {} }),
    limiters: { read: noLimit, write: noLimit },
    retry: { maxAttempts: 10, baseDelayMs: 200, maxDelayMs: 20_000 },
    clock: systemClock,
  });
}

async function* pagesOf<T>(read: (pageNumber: number) => Promise<Page<T>>): AsyncGenerator<T[]> {
  for (let n = 1; ; n++) {
    const page = await read(n);
    yield page.items;
    if (page.items.length < PAGE || n * PAGE >= page.totalCount) return;
  }
}

interface Candidate extends MatchableAsset {
  id: string;
  type: (typeof ASSET_KINDS)[keyof typeof ASSET_KINDS]['assetType'];
}

async function currentTags(api: DataWorksApi, ids: string[], type: Candidate['type']): Promise<Map<string, Record<string, string>>> {
  const out = new Map<string, Record<string, string>>();
  if (!ids.length) return out;
  for await (const items of pagesOf((pageNumber) => api.listDataAssets({ dataAssetIds: ids, dataAssetType: type, pageNumber, pageSize: PAGE }))) {
    for (const a of items) out.set(a.id, Object.fromEntries((a.tags ?? []).map((t) => [t.key, t.value])));
  }
  return out;
}

async function ensureTagKeys(api: DataWorksApi, ruleSet: RuleSet): Promise<void> {
  const existing = new Map<string, string[]>();
  for await (const items of pagesOf((pageNumber) => api.listDataAssetTags({ pageNumber, pageSize: PAGE }))) for (const k of items) existing.set(k.key, k.values ?? []);
  for (const spec of ruleSet.tagKeys) {
    const have = existing.get(spec.key);
    if (!have) await api.createDataAssetTag({ key: spec.key, values: spec.values ?? [] });
    else if (spec.values?.some((v) => !have.includes(v))) await api.updateDataAssetTag({ key: spec.key, values: [...new Set([...have, ...spec.values])] });
  }
}

/** Every rule over one asset, one TagDataAssets call per tag it gains. */
async function tagOne(api: DataWorksApi, ruleSet: RuleSet, asset: Candidate, tags: Record<string, string>): Promise<number> {
  let calls = 0;
  const rules = [...ruleSet.rules].sort((a, b) => b.priority - a.priority);
  for (let changed = true, pass = 0; changed && pass < 5; pass++) {
    changed = false;
    for (const rule of rules) {
      let outcome = evaluateMatch(rule.match, asset, tags);
      if (outcome === 'needs-details' && asset.kind === 'table') {
        const t = await api.getTable({ id: asset.id });
        Object.assign(asset, { owner: t.owner ?? null, projectId: t.projectId, envType: t.envType });
        outcome = evaluateMatch(rule.match, asset, tags);
      }
      if (outcome !== 'match') continue;
      for (const [key, value] of Object.entries(rule.tags)) {
        if (tags[key] !== undefined) continue;
        await api.tagDataAssets({ tags: [{ key, value }], dataAssetIds: [asset.id], dataAssetType: asset.type });
        tags[key] = value;
        calls++;
        changed = true;
      }
    }
  }
  return calls;
}

/** Runs the recipe over the rule set's sources; returns the bind calls made. */
export async function runSeedRecipe(api: DataWorksApi, ruleSet: RuleSet): Promise<number> {
  await ensureTagKeys(api, ruleSet);
  const { tasks, tables, tagged } = ruleSet.sources;
  const seen = new Set<string>();
  let binds = 0;
  const visit = async (assets: Candidate[]) => {
    const fresh = assets.filter((a) => !seen.has(a.id));
    const byType = new Map<Candidate['type'], string[]>();
    for (const a of fresh) byType.set(a.type, [...(byType.get(a.type) ?? []), a.id]);
    const tags = new Map<string, Record<string, string>>();
    for (const [type, ids] of byType) for (const [id, t] of await currentTags(api, ids, type)) tags.set(id, t);
    for (const a of fresh) {
      seen.add(a.id);
      binds += await tagOne(api, ruleSet, a, tags.get(a.id) ?? {});
    }
  };
  for (const projectId of tasks?.projects ?? []) {
    for (const env of tasks!.env) {
      for await (const items of pagesOf((pageNumber) => api.listTasks({ projectId, projectEnv: env, pageNumber, pageSize: PAGE }))) {
        await visit(items.map((t) => ({ id: String(t.id), type: ASSET_KINDS.task.assetType, kind: 'task', name: t.name, projectId: t.projectId, envType: t.projectEnv ?? env, owner: t.owner ?? null })));
      }
    }
  }
  for (const project of tables?.maxcomputeProjects ?? []) {
    for await (const items of pagesOf((pageNumber) => api.listTables({ parentMetaEntityId: `maxcompute-project:::${project}`, pageNumber, pageSize: PAGE }))) {
      await visit(items.map((t) => ({ id: t.id, type: ASSET_KINDS.table.assetType, kind: 'table', name: t.name })));
    }
  }
  if (tagged) {
    for await (const items of pagesOf((pageNumber) => api.listDataAssets({ pageNumber, pageSize: PAGE }))) {
      await visit(items.map((a) => ({ id: a.id, type: a.type, kind: a.type === ASSET_KINDS.table.assetType ? 'table' : 'task', name: a.name, projectId: a.projectId, envType: a.envType })));
    }
  }
  return binds;
}

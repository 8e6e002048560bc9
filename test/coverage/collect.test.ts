import {
  createCoverageCollector,
  NOT_REPORTED,
  OTHERS,
  type CoverageAsset,
  type CoverageReport,
  type CoverageRun,
  type SliceCoverage,
} from '../../shared/coverage';
import { InvalidInputError } from '../../shared/errors';

const RUN: CoverageRun = { runId: 'run-1', generatedAt: '2026-01-01T02:00:00.000Z', ruleSet: 'example', trigger: 'timer', dryRun: false };

let n = 0;
const asset = (over: Partial<CoverageAsset>): CoverageAsset => ({ id: `a${++n}`, name: `asset_${n}`, kind: 'task', projectId: 10001, envType: 'Prod', tags: {}, ...over });

const slice = (r: CoverageReport, d: keyof CoverageReport['dimensions'], value: string): SliceCoverage => {
  const s = r.dimensions[d].find((x) => x.value === value);
  if (!s) throw new Error(`no ${d} slice ${value}`);
  return s;
};
const key = (s: SliceCoverage, k: string) => s.keys.find((x) => x.key === k)!;

describe('coverage counts', () => {
  const assets = [
    asset({ tags: { classification: 'internal', layer: 'ods' } }),
    asset({ tags: { classification: 'confidential' } }),
    asset({ tags: {} }),
    asset({ kind: 'table', projectId: undefined, envType: undefined, tags: { classification: 'internal' } }),
    asset({ projectId: 10002, envType: 'Dev', tags: { layer: 'dwd' } }),
  ];
  const collector = createCoverageCollector({ declaredKeys: [{ key: 'classification', values: ['internal', 'confidential', 'restricted'] }, { key: 'pii' }] });
  for (const a of assets) collector.add(a);
  const report = collector.report(RUN);

  it('counts the share of scanned assets carrying each key and value, overall', () => {
    expect(report.overall).toMatchObject({ value: '*', assets: 5, tagged: 4, taggedShare: 0.8 });
    const classification = key(report.overall, 'classification');
    expect(classification).toMatchObject({ declared: true, assets: 3, share: 0.6, otherValues: 0 });
    expect(classification.values).toEqual([
      { value: 'internal', assets: 2, share: 0.4, declared: true },
      { value: 'confidential', assets: 1, share: 0.2, declared: true },
      { value: 'restricted', assets: 0, share: 0, declared: true },
    ]);
    expect(key(report.overall, 'layer')).toMatchObject({ declared: false, assets: 2, share: 0.4 });
  });

  it('reports declared keys no asset carries, first, with examples of assets lacking them', () => {
    expect(report.overall.keys.map((k) => k.key)).toEqual(['classification', 'pii', 'layer']);
    expect(key(report.overall, 'pii')).toMatchObject({ assets: 0, share: 0, values: [] });
    expect(key(report.overall, 'pii').missingExamples).toEqual(assets.slice(0, 3).map(({ id, name }) => ({ id, name })));
    expect(key(report.overall, 'classification').missingExamples).toEqual([{ id: assets[2].id, name: assets[2].name }, { id: assets[4].id, name: assets[4].name }]);
    expect(key(report.overall, 'layer').missingExamples).toBeUndefined();
  });

  it('splits by workspace, env and asset type; assets that do not report one go to the not-reported slice', () => {
    expect(report.dimensions.workspace.map((s) => [s.value, s.assets])).toEqual([['10001', 3], ['-', 1], ['10002', 1]]);
    expect(slice(report, 'workspace', NOT_REPORTED).label).toBe('not reported');
    expect(key(slice(report, 'workspace', '10001'), 'classification')).toMatchObject({ assets: 2, share: 2 / 3 });
    expect(report.dimensions.env.map((s) => [s.value, s.assets])).toEqual([['Prod', 3], ['Dev', 1], ['-', 1]]);
    expect(report.dimensions.kind.map((s) => [s.label, s.assets])).toEqual([['tables', 1], ['tasks', 4]]);
    // every slice lists the same keys, in the same order, so renderings line up in columns
    for (const d of Object.values(report.dimensions)) for (const s of d) expect(s.keys.map((k) => k.key)).toEqual(['classification', 'pii', 'layer']);
  });

  it('counts unscanned partitions apart: never in a share, in the slice they belong to', () => {
    const c = createCoverageCollector();
    for (const a of assets) c.add(a);
    const before = c.report(RUN);
    c.addUnscanned({ reason: 'source-not-configured', partition: 'tasks 10003 Dev', projectId: 10003, envType: 'Dev', kind: 'task', assets: 1200 });
    c.addUnscanned({ reason: 'partition-unreadable', partition: 'tables sales_dw', kind: 'table', message: 'ListTables failed' });
    c.addUnscanned({ reason: 'partition-unreadable', partition: 'tasks 10001 Prod', projectId: 10001, envType: 'Prod', kind: 'task', assets: 7 });
    const after = c.report(RUN);
    // the scanned side is untouched
    expect(after.overall.assets).toBe(before.overall.assets);
    expect(after.overall.keys).toEqual(before.overall.keys);
    expect(slice(after, 'workspace', '10001').keys).toEqual(slice(before, 'workspace', '10001').keys);
    // the unscanned side
    expect(after.unscanned).toMatchObject({ assets: 1207, uncountedPartitions: 1, partitionsNotListed: 0 });
    expect(after.unscanned.byReason).toEqual([
      { reason: 'source-not-configured', label: 'no source reads it', partitions: 1, assets: 1200, uncountedPartitions: 0 },
      { reason: 'partition-unreadable', label: 'could not be read', partitions: 2, assets: 7, uncountedPartitions: 1 },
    ]);
    expect(after.unscanned.partitions[1]).toEqual({ reason: 'partition-unreadable', partition: 'tables sales_dw', kind: 'table', message: 'ListTables failed', assets: null });
    expect(slice(after, 'workspace', '10003')).toMatchObject({ assets: 0, unscanned: { assets: 1200, uncountedPartitions: 0 } });
    expect(slice(after, 'workspace', '10003').keys.every((k) => k.share === 0)).toBe(true);
    expect(slice(after, 'workspace', '10001').unscanned).toEqual({ assets: 7, uncountedPartitions: 0 });
    expect(slice(after, 'workspace', NOT_REPORTED).unscanned).toEqual({ assets: 0, uncountedPartitions: 1 });
    expect(slice(after, 'kind', 'table').unscanned).toEqual({ assets: 0, uncountedPartitions: 1 });
  });
});

describe('coverage limits keep memory bounded in the catalog size', () => {
  it('counts values past the per-key limit together, and keeps declared values exact past it', () => {
    const c = createCoverageCollector({ declaredKeys: [{ key: 'owner', values: ['alice'] }], limits: { maxValuesPerKey: 3 } });
    for (let i = 0; i < 10; i++) c.add(asset({ tags: { owner: `user-${i}` } }));
    c.add(asset({ tags: { owner: 'alice' } }));
    const r = c.report(RUN);
    const owner = key(r.overall, 'owner');
    expect(owner.assets).toBe(11);
    expect(owner.values.map((v) => v.value)).toEqual(['alice', 'user-0', 'user-1', 'user-2']);
    expect(owner.otherValues).toBe(7);
    expect(r.limits.reached).toEqual({ keys: false, values: true, workspaces: false });
  });

  it('shares one value-counter budget between every slice, whatever the number of assets', () => {
    const c = createCoverageCollector({ limits: { maxValueCounters: 50, maxValuesPerKey: 1000 } });
    for (let i = 0; i < 20_000; i++) c.add(asset({ id: `x${i}`, projectId: 10001 + (i % 7), tags: { unique: `v${i}` } }));
    const r = c.report(RUN);
    const slices = [r.overall, ...Object.values(r.dimensions).flat()];
    const counters = slices.reduce((sum, s) => sum + s.keys.reduce((m, k) => m + k.values.length, 0), 0);
    expect(counters).toBeLessThanOrEqual(50);
    for (const s of slices) for (const k of s.keys) expect(k.values.reduce((m, v) => m + v.assets, 0) + k.otherValues).toBe(k.assets);
    expect(key(r.overall, 'unique').assets).toBe(20_000);
  });

  it('counts keys past the key limit as "other keys", and keeps declared keys', () => {
    const c = createCoverageCollector({ declaredKeys: [{ key: 'd' }], limits: { maxKeys: 2 } });
    c.add(asset({ tags: { a: '1', b: '1' } }));
    c.add(asset({ tags: { c: '1' } }));
    c.add(asset({ tags: { d: '1' } }));
    const r = c.report(RUN);
    expect(r.overall.keys.map((k) => k.key)).toEqual(['d', 'a']);
    expect(r.limits.assetsWithOtherKeys).toBe(2);
    expect(r.limits.reached.keys).toBe(true);
  });

  it('gathers workspaces past the limit in one slice, listed last', () => {
    const c = createCoverageCollector({ limits: { maxWorkspaces: 2 } });
    for (const [projectId, count] of [[1, 1], [2, 2], [3, 5], [4, 5]] as const) for (let i = 0; i < count; i++) c.add(asset({ projectId }));
    const r = c.report(RUN);
    expect(r.dimensions.workspace.map((s) => [s.value, s.assets])).toEqual([['2', 2], ['1', 1], [OTHERS, 10]]);
    expect(r.dimensions.workspace[2].label).toBe('other workspaces');
    expect(r.limits.reached.workspaces).toBe(true);
  });

  it('lists the first unscanned partitions and counts the rest', () => {
    const c = createCoverageCollector({ limits: { maxPartitionsListed: 2 } });
    for (let i = 0; i < 5; i++) c.addUnscanned({ reason: 'deadline', partition: `tasks ${i} Prod`, assets: 10 });
    const r = c.report(RUN);
    expect(r.unscanned.partitions.map((p) => p.partition)).toEqual(['tasks 0 Prod', 'tasks 1 Prod']);
    expect(r.unscanned).toMatchObject({ partitionsNotListed: 3, assets: 50 });
  });
});

describe('coverage input checks', () => {
  const issues = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      expect(e).toBeInstanceOf(InvalidInputError);
      return (e as InvalidInputError).issues.map((i) => i.field);
    }
    throw new Error('no error');
  };

  it('names the fields of a bad unscanned partition, bad options and a bad run', () => {
    const c = createCoverageCollector();
    expect(issues(() => c.addUnscanned({ reason: 'lost' as never, partition: '', assets: -1 }))).toEqual(['reason', 'partition', 'assets']);
    expect(issues(() => createCoverageCollector({ limits: { maxKeys: 0 } }))).toEqual(['limits.maxKeys']);
    expect(issues(() => c.report({ ...RUN, generatedAt: 'yesterday' }))).toEqual(['generatedAt']);
  });
});

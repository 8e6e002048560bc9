import { groupCalls, type AssetWrite } from '../../shared/engine/batches';

const write = (assetId: string, tags: [string, string][], extra: Partial<AssetWrite> = {}): AssetWrite => ({
  assetId,
  assetType: 'ACS::DataWorks::Table',
  projectId: 1,
  envType: 'Prod',
  tags: tags.map(([key, value]) => ({ key, value })),
  ...extra,
});

describe('engine/batches', () => {
  describe('groupCalls', () => {
    it('puts assets with the identical tag set, type, workspace and env into one call', () => {
      const calls = groupCalls([write('a', [['k', 'v'], ['p', 'true']]), write('b', [['p', 'true'], ['k', 'v']])]);
      expect(calls).toHaveLength(1);
      expect(calls[0].assetIds).toEqual(['a', 'b']);
      expect(calls[0].tags).toEqual([{ key: 'k', value: 'v' }, { key: 'p', value: 'true' }]);
    });

    it('separates groups that differ in tag value, asset type, workspace or env', () => {
      const calls = groupCalls([
        write('a', [['k', 'v']]),
        write('b', [['k', 'w']]),
        write('c', [['k', 'v']], { assetType: 'ACS::DataWorks::Task' }),
        write('d', [['k', 'v']], { projectId: 2 }),
        write('e', [['k', 'v']], { envType: 'Dev' }),
      ]);
      expect(calls).toHaveLength(5);
      expect(calls.every((c) => c.assetIds.length === 1)).toBe(true);
    });

    it('cuts a group into calls of at most 100 ids', () => {
      const writes = Array.from({ length: 250 }, (_, i) => write(`t${i}`, [['k', 'v']]));
      const calls = groupCalls(writes);
      expect(calls.map((c) => c.assetIds.length)).toEqual([100, 100, 50]);
      expect(calls.flatMap((c) => c.assetIds)).toEqual(writes.map((w) => w.assetId));
    });

    it('cuts a tag set of more than 20 tags into calls of at most 20 tags', () => {
      const tags = Array.from({ length: 25 }, (_, i): [string, string] => [`k${String(i).padStart(2, '0')}`, 'v']);
      const calls = groupCalls([write('a', tags), write('b', tags)]);
      expect(calls.map((c) => c.tags.length)).toEqual([20, 5]);
      expect(calls.every((c) => c.assetIds.length === 2)).toBe(true);
    });
  });
});

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvalidInputError } from '../../shared/errors';
import { generateCatalog, loadCatalog, parseCatalog, tableAssetId, type Catalog } from '../../emulator';
import { smallCatalog } from './client';

function writeJson(value: unknown): string {
  const file = join(mkdtempSync(join(tmpdir(), 'emu-catalog-')), 'catalog.json');
  writeFileSync(file, JSON.stringify(value));
  return file;
}

function issuesOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (err) {
    if (err instanceof InvalidInputError) return err.issues.map((i) => `${i.field}: ${i.message}`);
    throw err;
  }
  throw new Error('expected InvalidInputError');
}

describe('emulator/generate', () => {
  describe('generateCatalog', () => {
    it('gives the same catalog for the same seed and size, another for another seed', () => {
      const a = generateCatalog({ assets: 500, seed: 7 });
      expect(generateCatalog({ assets: 500, seed: 7 })).toEqual(a);
      expect(generateCatalog({ assets: 500, seed: 8 })).not.toEqual(a);
    });

    it('holds the requested number of assets, about half tables and half tasks', () => {
      const c = generateCatalog({ assets: 20_000, seed: 7 });
      expect(c.tables.length + c.tasks.length).toBe(20_000);
      expect(Math.abs(c.tables.length - c.tasks.length)).toBeLessThanOrEqual(2);
    });

    it('always holds the assets the sample events name, untagged', () => {
      const c = generateCatalog({ assets: 50, seed: 3 });
      expect(c.tasks).toContainEqual(
        expect.objectContaining({ id: 700000000003, name: 'ods_customer_di', projectId: 91234, projectEnv: 'Prod', owner: '190000000000735' }),
      );
      for (const name of ['dim_customer', 'tmp_customer_upload'])
        expect(c.tables).toContainEqual(expect.objectContaining({ id: tableAssetId('sales_dw', name), name, maxcomputeProject: 'sales_dw', projectId: 91234 }));
      const fixedIds = new Set(['700000000003', tableAssetId('sales_dw', 'dim_customer'), tableAssetId('sales_dw', 'tmp_customer_upload')]);
      expect(c.bindings.filter((b) => fixedIds.has(b.assetId))).toEqual([]);
    });

    it('binds workspace 91234 to sales_dw (Prod) and sales_dw_dev (Dev)', () => {
      const w = generateCatalog({ assets: 3, seed: 1 }).workspaces.find((x) => x.id === 91234);
      expect(w?.maxcomputeProjects).toEqual([
        { name: 'sales_dw', env: 'Prod' },
        { name: 'sales_dw_dev', env: 'Dev' },
      ]);
    });

    it('names assets by warehouse layer and tags about a third, some with conflicting classifications', () => {
      const c = generateCatalog({ assets: 4000, seed: 7 });
      const names = [...c.tables, ...c.tasks].map((a) => a.name);
      for (const pattern of [/^ods_user_/, /^ods_member_/, /^ods_order_/, /^dwd_/, /^dws_/, /^ads_/, /^dim_/, /_tmp_/])
        expect(names.filter((n) => pattern.test(n)).length).toBeGreaterThan(10);
      const tagged = new Set(c.bindings.map((b) => b.assetId)).size;
      expect(tagged / 4000).toBeGreaterThan(0.25);
      expect(tagged / 4000).toBeLessThan(0.42);
      const odsUserInternal = c.bindings.filter(
        (b) => b.key === 'classification' && b.value === 'internal' && b.assetType === 'ACS::DataWorks::Table' && b.assetId.includes('::ods_user_'),
      );
      expect(odsUserInternal.length).toBeGreaterThan(0);
    });

    it('gives tables engine-side owners, a few unreadable, and tasks account-id owners', () => {
      const c = generateCatalog({ assets: 4000, seed: 7 });
      expect(c.tables.some((t) => t.owner === null)).toBe(true);
      expect(c.tables.some((t) => t.owner === 'ALIYUN$dave')).toBe(true);
      expect(c.tasks.every((t) => /^\d{15}$/.test(t.owner))).toBe(true);
    });

    it('defines the classification and pii tag keys', () => {
      const keys = generateCatalog({ assets: 3, seed: 1 }).tagKeys;
      expect(keys).toContainEqual(expect.objectContaining({ key: 'classification', values: ['public', 'internal', 'confidential', 'restricted'] }));
      expect(keys).toContainEqual(expect.objectContaining({ key: 'pii', values: ['true'] }));
    });

    it('produces a catalog that passes its own validation', () => {
      expect(() => parseCatalog(generateCatalog({ assets: 2000, seed: 11 }))).not.toThrow();
    });
  });
});

describe('emulator/catalog', () => {
  describe('loadCatalog', () => {
    it('reads a valid JSON catalog file', () => {
      const catalog = smallCatalog();
      expect(loadCatalog(writeJson(catalog))).toEqual(catalog);
    });

    it('rejects unknown fields, naming the field and file', () => {
      const file = writeJson({ ...smallCatalog(), extra: 1 });
      try {
        loadCatalog(file);
        throw new Error('expected a rejection');
      } catch (err) {
        expect(err).toBeInstanceOf(InvalidInputError);
        expect((err as InvalidInputError).issues[0]).toMatchObject({ file });
      }
    });

    it('rejects a file that is not JSON', () => {
      const file = join(mkdtempSync(join(tmpdir(), 'emu-catalog-')), 'bad.json');
      writeFileSync(file, '{ nope');
      expect(() => loadCatalog(file)).toThrow(InvalidInputError);
    });
  });

  describe('parseCatalog', () => {
    const base = smallCatalog();
    const task = base.tasks[0];

    it('rejects bindings to unknown assets, unknown keys and values outside a key list', () => {
      const bad: Catalog = {
        ...base,
        bindings: [
          { assetId: '1', assetType: 'ACS::DataWorks::Task', key: 'pii', value: 'true' },
          { assetId: String(task.id), assetType: 'ACS::DataWorks::Task', key: 'nope', value: 'x' },
          { assetId: String(task.id), assetType: 'ACS::DataWorks::Task', key: 'classification', value: 'secret' },
        ],
      };
      expect(issuesOf(() => parseCatalog(bad))).toEqual([
        expect.stringMatching(/^bindings\[0\]: no ACS::DataWorks::Task with id 1/),
        expect.stringMatching(/^bindings\[1\]\.key: no tag key nope/),
        expect.stringMatching(/^bindings\[2\]\.value: "secret" is not a value of classification/),
      ]);
    });

    it('rejects two values of one key on one asset', () => {
      const id = String(task.id);
      const bad: Catalog = {
        ...base,
        bindings: [
          { assetId: id, assetType: 'ACS::DataWorks::Task', key: 'layer', value: 'ods' },
          { assetId: id, assetType: 'ACS::DataWorks::Task', key: 'layer', value: 'dwd' },
        ],
      };
      expect(issuesOf(() => parseCatalog(bad))).toEqual([expect.stringMatching(/^bindings\[1\]: duplicate/)]);
    });

    it('rejects a table whose MaxCompute project belongs to another workspace', () => {
      const bad: Catalog = { ...base, tables: [{ ...base.tables[0], projectId: 10001 }] };
      expect(issuesOf(() => parseCatalog(bad))).toEqual([expect.stringMatching(/^tables\[0\]: sales_dw is workspace 91234 Prod/)]);
    });
  });
});

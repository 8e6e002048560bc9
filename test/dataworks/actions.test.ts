import { InvalidInputError } from '../../shared/errors';
import { budgetOf } from '../../shared/dataworks';
import { ACTIONS, toWireCall, type ActionSpec, type RequestOf } from '../../shared/dataworks/actions';
import { findAction } from '../../emulator/actions';
import { createDataAssetTag } from '../../shared/dataworks/actions/create-data-asset-tag';
import { getTable } from '../../shared/dataworks/actions/get-table';
import { listDataAssetTags } from '../../shared/dataworks/actions/list-data-asset-tags';
import { listDataAssets } from '../../shared/dataworks/actions/list-data-assets';
import { listTables } from '../../shared/dataworks/actions/list-tables';
import { listTasks } from '../../shared/dataworks/actions/list-tasks';
import { tagDataAssets } from '../../shared/dataworks/actions/tag-data-assets';
import { unTagDataAssets } from '../../shared/dataworks/actions/un-tag-data-assets';
import { updateDataAssetTag } from '../../shared/dataworks/actions/update-data-asset-tag';

/** What the client sends for an entry of the action table, as a function of the request. */
const callOf =
  <A extends ActionSpec>(action: A) =>
  (request: RequestOf<A>) =>
    toWireCall(action, request);
const tagDataAssetsCall = callOf(tagDataAssets);
const unTagDataAssetsCall = callOf(unTagDataAssets);
const listDataAssetsCall = callOf(listDataAssets);
const listDataAssetTagsCall = callOf(listDataAssetTags);
const createDataAssetTagCall = callOf(createDataAssetTag);
const updateDataAssetTagCall = callOf(updateDataAssetTag);
const listTasksCall = callOf(listTasks);
const listTablesCall = callOf(listTables);
const getTableCall = callOf(getTable);

const TASK = 'ACS::DataWorks::Task' as const;

function issuesOf(fn: () => unknown): { field: string; message: string }[] {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidInputError);
    return (error as InvalidInputError).issues;
  }
  throw new Error('expected an InvalidInputError');
}

const ids = (n: number) => Array.from({ length: n }, (_, i) => String(7259557000 + i));
const tags = (n: number) => Array.from({ length: n }, (_, i) => ({ key: `k${i}`, value: 'v' }));

describe('dataworks/actions', () => {
  describe('the table', () => {
    it('has no entry for DeleteDataAssetTag, in any casing', () => {
      expect(ACTIONS.length).toBeGreaterThan(0);
      expect(ACTIONS.map((a) => a.name).filter((n) => /delete/i.test(n))).toEqual([]);
    });

    it('counts List* and Get* against the read budget and the rest against the write budget, as the emulator does', () => {
      for (const { name } of ACTIONS) {
        expect([name, budgetOf(name)]).toEqual([name, /^(List|Get)/.test(name) ? 'read' : 'write']);
        expect([name, findAction(name)?.budget]).toEqual([name, budgetOf(name)]);
      }
    });
  });

  describe('tagDataAssetsCall', () => {
    it('lays the call out as the SDK does: POST, query only, arrays and objects as JSON text', () => {
      expect(
        tagDataAssetsCall({
          tags: [{ key: 'owner', value: 'L3 data ~team!' }, { key: 'pii' }],
          dataAssetIds: ['1', '2'],
          dataAssetType: TASK,
          projectId: 10000,
          envType: 'Prod',
          autoTraceEnabled: false,
        }),
      ).toEqual({
        action: 'TagDataAssets',
        method: 'POST',
        query: {
          Tags: '[{"Key":"owner","Value":"L3 data ~team!"},{"Key":"pii"}]',
          DataAssetIds: '["1","2"]',
          DataAssetType: 'ACS::DataWorks::Task',
          ProjectId: '10000',
          EnvType: 'Prod',
          AutoTraceEnabled: 'false',
        },
      });
    });

    it('accepts exactly 100 ids and 20 tags', () => {
      expect(() => tagDataAssetsCall({ tags: tags(20), dataAssetIds: ids(100), dataAssetType: TASK })).not.toThrow();
    });

    it('refuses more than 100 ids or 20 tags per call, saying how to split', () => {
      expect(issuesOf(() => tagDataAssetsCall({ tags: tags(1), dataAssetIds: ids(101), dataAssetType: TASK }))).toEqual([
        { field: 'dataAssetIds', message: expect.stringMatching(/at most 100 .*batches of 100/) },
      ]);
      expect(issuesOf(() => unTagDataAssetsCall({ tags: tags(21), dataAssetIds: ids(1), dataAssetType: TASK }))).toEqual([
        { field: 'tags', message: expect.stringMatching(/at most 20 .*batches of 20/) },
      ]);
    });

    it('refuses empty lists', () => {
      const fields = issuesOf(() => tagDataAssetsCall({ tags: [], dataAssetIds: [], dataAssetType: TASK })).map((i) => i.field);
      expect(fields).toEqual(['tags', 'dataAssetIds']);
    });

    it('checks tag keys and values by the tag rules, naming the position', () => {
      const issues = issuesOf(() =>
        tagDataAssetsCall({
          tags: [{ key: 'ok', value: 'v' }, { key: 'dw:sys', value: 'v' }, { key: 'bad_key' }, { key: 'k', value: 'see https://x' }],
          dataAssetIds: ['1'],
          dataAssetType: TASK,
        }),
      );
      expect(issues).toEqual([
        { field: 'tags[1].key', message: expect.stringMatching(/reserved/) },
        { field: 'tags[2].key', message: expect.stringMatching(/use "-" instead of "_"/) },
        { field: 'tags[3].value', message: expect.stringMatching(/http/) },
      ]);
    });

    it('refuses asset and env types the API does not know, and typos in field names', () => {
      const issues = issuesOf(() =>
        tagDataAssetsCall({ tags: tags(1), dataAssetIds: ['1'], dataAssetType: 'Node' as never, envType: 'prod' as never, autoTraceEnable: true } as never),
      );
      expect(issues.map((i) => i.field)).toEqual(['dataAssetType', 'envType', '(root)']);
      expect(issues[0].message).toMatch(/ACS::DataWorks::Table, ACS::DataWorks::Task/);
      expect(issues[2].message).toMatch(/autoTraceEnable/);
    });
  });

  describe('unTagDataAssetsCall', () => {
    it('sends the same layout without AutoTraceEnabled', () => {
      const call = unTagDataAssetsCall({ tags: [{ key: 'k', value: 'v' }], dataAssetIds: ['9'], dataAssetType: 'ACS::DataWorks::Table' });
      expect(call).toEqual({
        action: 'UnTagDataAssets',
        method: 'POST',
        query: { Tags: '[{"Key":"k","Value":"v"}]', DataAssetIds: '["9"]', DataAssetType: 'ACS::DataWorks::Table' },
      });
    });
  });

  describe('listDataAssetsCall', () => {
    it('GETs with PageSize 100 unless told smaller, leaving unset filters out', () => {
      expect(listDataAssetsCall({ tags: [{ key: 'owner' }], dataAssetType: TASK, projectId: 7 })).toEqual({
        action: 'ListDataAssets',
        method: 'GET',
        query: { Tags: '[{"Key":"owner"}]', DataAssetType: 'ACS::DataWorks::Task', ProjectId: '7', PageNumber: '1', PageSize: '100' },
      });
      expect(listDataAssetsCall({ pageSize: 10, pageNumber: 3, tags: [] }).query).toEqual({ PageNumber: '3', PageSize: '10' });
    });

    it('refuses a page size over 100', () => {
      expect(issuesOf(() => listDataAssetsCall({ pageSize: 101 }))).toEqual([{ field: 'pageSize', message: expect.stringMatching(/at most 100/) }]);
      expect(issuesOf(() => listDataAssetsCall({ pageNumber: 0 }))[0].field).toBe('pageNumber');
    });
  });

  describe('listDataAssetTagsCall', () => {
    it('GETs the key filter and paging', () => {
      expect(listDataAssetTagsCall({ key: 'owner', category: 'Normal' })).toEqual({
        action: 'ListDataAssetTags',
        method: 'GET',
        query: { Key: 'owner', Category: 'Normal', PageNumber: '1', PageSize: '100' },
      });
    });
  });

  describe('createDataAssetTagCall', () => {
    it('POSTs Values and Managers as JSON text', () => {
      expect(createDataAssetTagCall({ key: 'cost-center', values: ['a', 'b'], valueType: 'String', managers: ['12345'], description: 'd' })).toEqual({
        action: 'CreateDataAssetTag',
        method: 'POST',
        query: { Key: 'cost-center', Values: '["a","b"]', Description: 'd', ValueType: 'String', Managers: '["12345"]' },
      });
    });

    it('checks the key and every value', () => {
      expect(issuesOf(() => createDataAssetTagCall({ key: 'acs:x', values: ['ok', 'x'.repeat(129)] })).map((i) => i.field)).toEqual([
        'key',
        'values[1]',
      ]);
    });
  });

  describe('updateDataAssetTagCall', () => {
    it('POSTs the full value list and refuses a ValueType (Update has none)', () => {
      expect(updateDataAssetTagCall({ key: 'k', values: ['a', 'b'] }).query).toEqual({ Key: 'k', Values: '["a","b"]' });
      expect(issuesOf(() => updateDataAssetTagCall({ key: 'k', valueType: 'String' } as never))[0].message).toMatch(/valueType/);
    });
  });

  describe('listTasksCall', () => {
    it('POSTs its parameters as a form, Ids as JSON text', () => {
      expect(listTasksCall({ projectId: 54275, projectEnv: 'Prod', owner: '1000', ids: [700006680527, 2] })).toEqual({
        action: 'ListTasks',
        method: 'POST',
        query: {},
        form: { ProjectId: '54275', ProjectEnv: 'Prod', Owner: '1000', Ids: '[700006680527,2]', PageNumber: '1', PageSize: '100' },
      });
    });

    it('requires the workspace', () => {
      expect(issuesOf(() => listTasksCall({} as never))[0].field).toBe('projectId');
    });
  });

  describe('listTablesCall', () => {
    it('GETs the tables under a parent entity', () => {
      expect(listTablesCall({ parentMetaEntityId: 'maxcompute-project:::sales_dw' })).toEqual({
        action: 'ListTables',
        method: 'GET',
        query: { ParentMetaEntityId: 'maxcompute-project:::sales_dw', PageNumber: '1', PageSize: '100' },
      });
    });
  });

  describe('getTableCall', () => {
    it('GETs one table with its business metadata', () => {
      expect(getTableCall({ id: 'maxcompute-table:::sales_dw::ods_user' })).toEqual({
        action: 'GetTable',
        method: 'GET',
        query: { Id: 'maxcompute-table:::sales_dw::ods_user', IncludeBusinessMetadata: 'true' },
      });
      expect(issuesOf(() => getTableCall({ id: '' }))[0].field).toBe('id');
    });
  });
});

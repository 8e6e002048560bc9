import {
  getTableResponse,
  listDataAssetsResponse,
  listDataAssetTagsResponse,
  listTablesResponse,
  listTasksResponse,
  writeResponse,
} from '../../shared/dataworks/schemas';

const paging = (name: string, items: unknown[]) => ({
  RequestId: 'REQ',
  PagingInfo: { TotalCount: items.length, PageNumber: 1, PageSize: 100, [name]: items },
});

describe('dataworks/schemas', () => {
  describe('listDataAssetsResponse', () => {
    it('reads assets and their tag mappings into camelCase', () => {
      const body = paging('DataAssets', [
        {
          Id: '7259557313',
          Name: 'ali_cn_es_gfn',
          Type: 'ACS::DataWorks::Task',
          EnvType: 'Prod',
          ProjectId: 54275,
          DataAssetTagMappings: [{ DataAssetId: '7259557313', Key: 'owner', Value: 'bob', Creator: 123, TagSource: 'UserDefined', AutoTraceEnabled: false }],
          AssetCategories: [{ Id: 'c' }],
        },
      ]);
      expect(listDataAssetsResponse.parse(body)).toEqual({
        items: [
          {
            id: '7259557313',
            name: 'ali_cn_es_gfn',
            type: 'ACS::DataWorks::Task',
            envType: 'Prod',
            projectId: 54275,
            tags: [{ key: 'owner', value: 'bob', creator: '123', tagSource: 'UserDefined', autoTraceEnabled: false }],
          },
        ],
        totalCount: 1,
        pageNumber: 1,
        pageSize: 100,
        requestId: 'REQ',
      });
    });

    it('is lenient about absent, null and textual counts', () => {
      const body = { PagingInfo: { TotalCount: '0', PageNumber: '1', PageSize: '100', DataAssets: null } };
      expect(listDataAssetsResponse.parse(body)).toEqual({ items: [], totalCount: 0, pageNumber: 1, pageSize: 100, requestId: undefined });
      const asset = { Id: '1', Name: 'n', Type: 'ACS::DataWorks::Table', EnvType: null, DataAssetTagMappings: null };
      expect(listDataAssetsResponse.parse(paging('DataAssets', [asset])).items[0]).toMatchObject({ id: '1', tags: [] });
    });

    it('is strict about ids and types', () => {
      const base = { Id: '1', Name: 'n', Type: 'ACS::DataWorks::Task' };
      expect(listDataAssetsResponse.safeParse(paging('DataAssets', [{ ...base, Id: 1 }])).success).toBe(false);
      expect(listDataAssetsResponse.safeParse(paging('DataAssets', [{ ...base, Id: '' }])).success).toBe(false);
      expect(listDataAssetsResponse.safeParse(paging('DataAssets', [{ ...base, Type: 'Node' }])).success).toBe(false);
      expect(listDataAssetsResponse.safeParse({ RequestId: 'R' }).success).toBe(false);
    });
  });

  describe('listDataAssetTagsResponse', () => {
    it('turns numeric managers into strings and defaults missing lists', () => {
      const body = paging('DataAssetTags', [
        { Key: 'owner', Category: 'Normal', ValueType: 'String', Values: ['a'], Managers: [12345, '678'] },
        { Key: 'pii' },
      ]);
      expect(listDataAssetTagsResponse.parse(body).items).toEqual([
        { key: 'owner', category: 'Normal', valueType: 'String', values: ['a'], managers: ['12345', '678'], description: undefined },
        { key: 'pii', values: [], managers: [], category: undefined, valueType: undefined, description: undefined },
      ]);
    });
  });

  describe('listTasksResponse', () => {
    it('reads tasks with their owner', () => {
      const body = paging('Tasks', [{ Id: 700006680527, Name: 't', Owner: '1000', ProjectId: 54275, ProjectEnv: 'Prod', Type: 'ODPS_SQL', ModifyTime: 5 }]);
      expect(listTasksResponse.parse(body).items).toEqual([
        { id: 700006680527, name: 't', owner: '1000', projectId: 54275, projectEnv: 'Prod', type: 'ODPS_SQL', modifyTime: 5 },
      ]);
    });

    it('refuses a task without a numeric id', () => {
      expect(listTasksResponse.safeParse(paging('Tasks', [{ Id: 'x', Name: 't', ProjectId: 1 }])).success).toBe(false);
    });
  });

  describe('listTablesResponse and getTableResponse', () => {
    const table = {
      Id: 'maxcompute-table:::sales_dw::ods_user',
      Name: 'ods_user',
      ParentMetaEntityId: 'maxcompute-project:::sales_dw',
      TableType: 'TABLE',
      TechnicalMetadata: { Owner: 'ALIYUN$dave', Location: 'x' },
      BusinessMetadata: { Tags: [{ Key: 'owner', Value: 'dave' }], Extension: { ProjectId: 54275, EnvType: 'Prod' } },
    };

    it('reads the owner, workspace and tags of a table', () => {
      expect(getTableResponse.parse({ RequestId: 'R', Success: true, Table: table })).toEqual({
        id: table.Id,
        name: 'ods_user',
        parentMetaEntityId: 'maxcompute-project:::sales_dw',
        tableType: 'TABLE',
        owner: 'ALIYUN$dave',
        projectId: 54275,
        envType: 'Prod',
        tags: [{ key: 'owner', value: 'dave' }],
        comment: undefined,
        modifyTime: undefined,
      });
    });

    it('lists tables without metadata', () => {
      const { TechnicalMetadata, BusinessMetadata, ...bare } = table;
      void TechnicalMetadata;
      void BusinessMetadata;
      expect(listTablesResponse.parse(paging('Tables', [bare])).items[0]).toMatchObject({ id: table.Id, owner: undefined, tags: undefined });
    });

    it('refuses an answer without the table', () => {
      expect(getTableResponse.safeParse({ RequestId: 'R', Success: true }).success).toBe(false);
    });
  });

  describe('writeResponse', () => {
    it('accepts Success as boolean true or the string "true"', () => {
      expect(writeResponse.parse({ RequestId: 'R1', Success: true })).toEqual({ requestId: 'R1' });
      expect(writeResponse.parse({ RequestId: 'R2', Success: 'true' })).toEqual({ requestId: 'R2' });
    });

    it.each([[{ Success: false }], [{ Success: 'false' }], [{ RequestId: 'R' }], [{ Data: true }], [{ Success: 'TRUE ' }]])(
      'refuses %j',
      (body) => {
        expect(writeResponse.safeParse(body).success).toBe(false);
      },
    );
  });
});

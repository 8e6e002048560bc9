import { parseEventBridgeEvent, SUBSCRIBED_EVENT_TYPES } from '../../../shared/triggers/eventbridge';
import { sampleEvent, sampleJson } from '../../support/fixtures';

type Json = Record<string, unknown>;
const nodeCreated = () => sampleJson('eventbridge-dataworks-node-change-created.json') as Json;
const tableCommit = () => sampleJson('eventbridge-dataworks-table-commit.json') as Json;
const upload = () => sampleJson('eventbridge-dataworks-upload-data-to-table.json') as Json;

describe('triggers/eventbridge', () => {
  describe('parseEventBridgeEvent', () => {
    it('maps NodeChangeCreated to the task it names', () => {
      expect(parseEventBridgeEvent(sampleEvent('eventbridge-dataworks-node-change-created.json'))).toEqual({
        targets: [{ kind: 'task', taskId: 700000000003, projectId: 91234 }],
        eventIds: ['6f0c2b8e-3a41-4c55-9d7e-2b1f0a9c4d11'],
        skipped: [],
        rejected: [],
      });
    });

    it('keeps the ids of the events that named an asset (for audit records): each one, the first 100 of a large batch', () => {
      const deploy = { ...tableCommit(), id: 'deploy-1', type: 'dataworks:TableChange:DeployTable', data: { ...(tableCommit().data as Json), eventCode: 'deploy-table' } };
      const file = { ...nodeCreated(), id: 'file-1', type: 'dataworks:FileChange:CommitFile' };
      const r = parseEventBridgeEvent([tableCommit(), deploy, file]);
      // two events about one table: one target, both ids; the skipped event's id is not among them
      expect(r.targets).toHaveLength(1);
      expect(r.eventIds).toEqual([tableCommit().id, 'deploy-1']);
      const batch = Array.from({ length: 150 }, (_, i) => ({ ...nodeCreated(), id: `node-${i}`, data: { ...(nodeCreated().data as Json), nodeId: 700000000100 + i } }));
      const many = parseEventBridgeEvent(batch);
      expect(many.targets.length).toBeGreaterThan(100);
      expect(many.eventIds).toEqual(batch.slice(0, 100).map((e) => e.id));
    });

    it('maps the streaming batch (an array) of NodeChangeUpdated events', () => {
      expect(parseEventBridgeEvent(sampleEvent('eventbridge-streaming-batch.json')).targets).toEqual([{ kind: 'task', taskId: 700000000003, projectId: 91234 }]);
    });

    it('maps CommitTable and DeployTable to the MaxCompute table', () => {
      const deploy = { ...tableCommit(), id: 'other', type: 'dataworks:TableChange:DeployTable', data: { ...(tableCommit().data as Json), eventCode: 'deploy-table', tableName: 'dim_region' } };
      expect(parseEventBridgeEvent([tableCommit(), deploy]).targets).toEqual([
        { kind: 'table', maxcomputeProject: 'sales_dw', tableName: 'dim_customer', projectId: 91234 },
        { kind: 'table', maxcomputeProject: 'sales_dw', tableName: 'dim_region', projectId: 91234 },
      ]);
    });

    it('maps UploadDataToTable through its odps.<project>.<table> guid, workspace from queryDwProjectId', () => {
      expect(parseEventBridgeEvent(sampleEvent('eventbridge-dataworks-upload-data-to-table.json')).targets).toEqual([
        { kind: 'table', maxcomputeProject: 'sales_dw', tableName: 'tmp_customer_upload', projectId: 91234 },
      ]);
    });

    it('skips uploads to non-MaxCompute tables with the guid in the reason', () => {
      const hive = { ...upload(), data: { ...(upload().data as Json), tableGuid: 'emr_hive.C-1.default.t1' } };
      const r = parseEventBridgeEvent(hive);
      expect(r.targets).toEqual([]);
      expect(r.skipped).toEqual([{ id: '7d1e5c3a-2b4f-4e6a-9c8d-0f1e2d3c4b5a', type: 'dataworks:ResourcesUpload:UploadDataToTable', reason: expect.stringContaining('emr_hive.C-1.default.t1') }]);
    });

    it.each([
      ['eventbridge-dataworks-file-commit.json', /DataStudio file/],
      ['eventbridge-dataworks-file-deploy.json', /DataStudio file/],
      ['eventbridge-dataworks-instance-status-changes.json', /instance run/],
      ['oss.json', /acs:oss events are not DataWorks/],
    ])('skips %s cleanly, with a reason', (file, reason) => {
      const r = parseEventBridgeEvent(sampleEvent(file));
      expect(r.targets).toEqual([]);
      expect(r.rejected).toEqual([]);
      expect(r.skipped).toEqual([expect.objectContaining({ reason: expect.stringMatching(reason) })]);
    });

    it('skips other sources and unknown DataWorks types', () => {
      const r = parseEventBridgeEvent([
        { ...nodeCreated(), source: 'acs.ecs' },
        { ...nodeCreated(), id: 'x2', type: 'dataworks:ProjectChange:ProjectDeleted' },
      ]);
      expect(r.skipped.map((s) => s.reason)).toEqual(['source acs.ecs is not acs.dataworks', 'event type dataworks:ProjectChange:ProjectDeleted names no asset autotag tags']);
    });

    it('reads RawData payloads (only `data`), inferring the type from eventCode', () => {
      const r = parseEventBridgeEvent([nodeCreated().data, tableCommit().data, { eventCode: 'commit-file', fileId: 1 }, { eventCode: 'something-else' }]);
      expect(r.targets).toEqual([
        { kind: 'task', taskId: 700000000003, projectId: 91234 },
        { kind: 'table', maxcomputeProject: 'sales_dw', tableName: 'dim_customer', projectId: 91234 },
      ]);
      expect(r.skipped).toEqual([
        { type: 'dataworks:FileChange:CommitFile', reason: expect.stringMatching(/DataStudio file/) },
        { type: 'something-else', reason: expect.stringMatching(/eventCode something-else/) },
      ]);
    });

    it('skips a repeated (source, id) in one batch as a duplicate', () => {
      const r = parseEventBridgeEvent([nodeCreated(), nodeCreated()]);
      expect(r.targets).toHaveLength(1);
      expect(r.skipped).toEqual([{ id: '6f0c2b8e-3a41-4c55-9d7e-2b1f0a9c4d11', type: 'dataworks:NodeChange:NodeChangeCreated', reason: 'duplicate of the event at index 0' }]);
    });

    it('collapses distinct events about one asset into one target, keeping a known workspace', () => {
      const noWorkspace = { ...tableCommit(), id: 'b', data: { ...(tableCommit().data as Json), projectId: undefined } };
      const r = parseEventBridgeEvent([noWorkspace, { ...tableCommit(), id: 'c' }]);
      expect(r.targets).toEqual([{ kind: 'table', maxcomputeProject: 'sales_dw', tableName: 'dim_customer', projectId: 91234 }]);
      expect(r.skipped).toEqual([]);
    });

    it('rejects a malformed event with its id and position, and still maps the rest of the batch', () => {
      const broken = { ...nodeCreated(), id: 'bad-1', data: { nodeId: 'abc', projectId: 91234 } };
      const r = parseEventBridgeEvent([broken, tableCommit()]);
      expect(r.targets).toEqual([expect.objectContaining({ kind: 'table' })]);
      expect(r.rejected).toEqual([{ id: 'bad-1', index: 0, issues: [expect.objectContaining({ field: 'data.nodeId' })] }]);
    });

    it('rejects a CloudEvent without an id, an unrecognisable item, and a non-JSON delivery, without throwing', () => {
      const { id: _omit, ...noId } = nodeCreated();
      const r = parseEventBridgeEvent([{ ...noId }, 42]);
      expect(r.rejected).toEqual([
        { index: 0, issues: [expect.objectContaining({ field: 'id' })] },
        { index: 1, issues: [expect.objectContaining({ message: expect.stringMatching(/not a CloudEvent/) })] },
      ]);
      expect(parseEventBridgeEvent(Buffer.from('not json')).rejected).toEqual([{ index: 0, issues: [expect.objectContaining({ message: expect.stringMatching(/not JSON/) })] }]);
    });

    it('refuses ids beyond 2^53 rather than rounding them to another task', () => {
      const r = parseEventBridgeEvent({ ...nodeCreated(), data: { nodeId: '90071992547409930', projectId: 1 } });
      expect(r.rejected[0].issues[0].message).toMatch(/2\^53/);
    });
  });

  describe('SUBSCRIBED_EVENT_TYPES', () => {
    it('lists exactly the five event types that name an asset', () => {
      expect([...SUBSCRIBED_EVENT_TYPES].sort()).toEqual([
        'dataworks:NodeChange:NodeChangeCreated',
        'dataworks:NodeChange:NodeChangeUpdated',
        'dataworks:ResourcesUpload:UploadDataToTable',
        'dataworks:TableChange:CommitTable',
        'dataworks:TableChange:DeployTable',
      ]);
    });
  });
});

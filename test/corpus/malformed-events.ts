/**
 * Malformed deliveries to the events function, as data: every DataWorks event type it maps with a data
 * field missing or of the wrong type, broken CloudEvent envelopes, RawData payloads (`eventSchema:
 * RawData`), its own look-again event, and streaming batches mixing good and bad items. Each bad item is
 * rejected (logged and dropped, never failing its batch) with the field and what it must be; a batch's good
 * items still run. test/triggers/eventbridge/bad-events.test.ts runs them through the built function.
 */
import type { Refusal } from './refusal';

export interface MalformedEvent {
  id: string;
  event: unknown;
  /** the items rejected, by their index in the delivery, each with its field and fix */
  rejected: (Refusal & { index: number })[];
  /** the distinct assets the good items name, which must still be run (default none: then no API call either) */
  targets?: number;
}

const cloudEvent = (type: string, data: unknown, over: Record<string, unknown> = {}) => ({
  specversion: '1.0',
  id: `evt-${type.split(':').pop()}`,
  source: 'acs.dataworks',
  type,
  data,
  ...over,
});
const NODE_CREATED = 'dataworks:NodeChange:NodeChangeCreated';
const NODE_UPDATED = 'dataworks:NodeChange:NodeChangeUpdated';
const COMMIT_TABLE = 'dataworks:TableChange:CommitTable';
const DEPLOY_TABLE = 'dataworks:TableChange:DeployTable';
const UPLOAD = 'dataworks:ResourcesUpload:UploadDataToTable';
/** the always-present task of the emulator's catalog (emulator/generate.ts FIXED_TASK) */
const GOOD_TASK = { nodeId: 700000000003, projectId: 91234 };

const DATAWORKS_ID = /must be a DataWorks id: a positive whole number, or its decimal string/;
const TEXT = /expected string/;
const one = (field: string, fix: RegExp, index = 0) => [{ index, field, fix }];

export const MALFORMED_EVENTS: MalformedEvent[] = [
  // NodeChangeCreated / NodeChangeUpdated: data.nodeId and data.projectId, DataWorks ids
  { id: 'NodeChangeCreated without nodeId', event: cloudEvent(NODE_CREATED, { projectId: 91234 }), rejected: one('data.nodeId', DATAWORKS_ID) },
  { id: 'NodeChangeCreated with a nodeId that is a word', event: cloudEvent(NODE_CREATED, { nodeId: 'abc', projectId: 91234 }), rejected: one('data.nodeId', DATAWORKS_ID) },
  { id: 'NodeChangeCreated with a negative nodeId', event: cloudEvent(NODE_CREATED, { nodeId: -5, projectId: 91234 }), rejected: one('data.nodeId', DATAWORKS_ID) },
  { id: 'NodeChangeCreated with a fractional nodeId', event: cloudEvent(NODE_CREATED, { nodeId: 1.5, projectId: 91234 }), rejected: one('data.nodeId', DATAWORKS_ID) },
  { id: 'NodeChangeCreated with a nodeId past 2^53', event: cloudEvent(NODE_CREATED, { nodeId: '99999999999999999999', projectId: 91234 }), rejected: one('data.nodeId', /larger than autotag can handle exactly \(2\^53\)/) },
  { id: 'NodeChangeCreated without projectId', event: cloudEvent(NODE_CREATED, { nodeId: 700000000003 }), rejected: one('data.projectId', DATAWORKS_ID) },
  { id: 'NodeChangeUpdated with a boolean projectId', event: cloudEvent(NODE_UPDATED, { nodeId: 700000000003, projectId: true }), rejected: one('data.projectId', DATAWORKS_ID) },
  { id: 'NodeChangeUpdated whose data is a string', event: cloudEvent(NODE_UPDATED, '{"nodeId":1}'), rejected: one('data', /expected object/) },
  { id: 'NodeChangeUpdated whose data is null', event: cloudEvent(NODE_UPDATED, null), rejected: one('data', /expected object/) },
  // TableChange (CommitTable, DeployTable): data.tableName, data.maxComputeProject, data.projectId
  { id: 'CommitTable without tableName', event: cloudEvent(COMMIT_TABLE, { maxComputeProject: 'sales_dw' }), rejected: one('data.tableName', TEXT) },
  { id: 'CommitTable with a numeric tableName', event: cloudEvent(COMMIT_TABLE, { tableName: 42, maxComputeProject: 'sales_dw' }), rejected: one('data.tableName', TEXT) },
  { id: 'CommitTable without maxComputeProject', event: cloudEvent(COMMIT_TABLE, { tableName: 'dim_customer' }), rejected: one('data.maxComputeProject', TEXT) },
  { id: 'DeployTable with an empty maxComputeProject', event: cloudEvent(DEPLOY_TABLE, { tableName: 'dim_customer', maxComputeProject: '' }), rejected: one('data.maxComputeProject', />=1 characters/) },
  { id: 'DeployTable with a projectId that is a word', event: cloudEvent(DEPLOY_TABLE, { tableName: 'dim_customer', maxComputeProject: 'sales_dw', projectId: 'sales' }), rejected: one('data.projectId', DATAWORKS_ID) },
  { id: 'DeployTable with a numeric tableType', event: cloudEvent(DEPLOY_TABLE, { tableName: 'dim_customer', maxComputeProject: 'sales_dw', tableType: 1 }), rejected: one('data.tableType', TEXT) },
  // UploadDataToTable: data.tableGuid, data.queryDwProjectId
  { id: 'UploadDataToTable without tableGuid', event: cloudEvent(UPLOAD, { queryDwProjectId: '91234' }), rejected: one('data.tableGuid', TEXT) },
  { id: 'UploadDataToTable with a numeric tableGuid', event: cloudEvent(UPLOAD, { tableGuid: 12345 }), rejected: one('data.tableGuid', TEXT) },
  { id: 'UploadDataToTable with a queryDwProjectId that is a name', event: cloudEvent(UPLOAD, { tableGuid: 'odps.sales_dw.t', queryDwProjectId: 'sales_dw' }), rejected: one('data.queryDwProjectId', DATAWORKS_ID) },
  // the CloudEvent envelope
  { id: 'a CloudEvent without id', event: { specversion: '1.0', source: 'acs.dataworks', type: NODE_CREATED, data: GOOD_TASK }, rejected: one('id', TEXT) },
  { id: 'a CloudEvent with a numeric id', event: cloudEvent(NODE_CREATED, GOOD_TASK, { id: 7 }), rejected: one('id', TEXT) },
  { id: 'a CloudEvent without type', event: { specversion: '1.0', id: 'e', source: 'acs.dataworks', data: GOOD_TASK }, rejected: one('type', TEXT) },
  { id: 'a CloudEvent without source', event: { specversion: '1.0', id: 'e', type: NODE_CREATED, data: GOOD_TASK }, rejected: one('source', TEXT) },
  { id: 'a CloudEvent with an empty specversion', event: cloudEvent(NODE_CREATED, GOOD_TASK, { specversion: '' }), rejected: one('specversion', />=1 characters/) },
  { id: 'a CloudEvent without data', event: { specversion: '1.0', id: 'e', source: 'acs.dataworks', type: NODE_CREATED }, rejected: one('data', /missing: a CloudEvent carries the event's details in data/) },
  // RawData: the bare data, with its eventCode
  { id: 'RawData node-change-created without nodeId', event: { eventCode: 'node-change-created', projectId: 91234 }, rejected: one('data.nodeId', DATAWORKS_ID) },
  { id: 'RawData commit-table without maxComputeProject', event: { eventCode: 'commit-table', tableName: 'dim_customer' }, rejected: one('data.maxComputeProject', TEXT) },
  { id: 'RawData upload-data-to-table with a numeric tableGuid', event: { eventCode: 'upload-data-to-table', tableGuid: 5 }, rejected: one('data.tableGuid', TEXT) },
  { id: 'RawData with a numeric eventCode', event: { eventCode: 5 }, rejected: one('eventCode', TEXT) },
  // not an event at all
  { id: 'an object that is no known event', event: { hello: 'world' }, rejected: one('(root)', /not a CloudEvent \(no specversion\), a DataWorks RawData payload \(no eventCode\) nor an OSS notification/) },
  { id: 'a number', event: 42, rejected: one('(root)', /not a CloudEvent/) },
  // the function's own look-again event
  {
    id: 'a look-again event with attempt 1 and no targets',
    event: cloudEvent('autotag:Targets:LookAgain', { attempt: 1, origin: 'o', targets: [] }, { source: 'autotag' }),
    rejected: [
      { index: 0, field: 'data.attempt', fix: /expected number to be >=2/ },
      { index: 0, field: 'data.targets', fix: /expected array to have >=1 items/ },
    ],
  },
  // streaming batches: the bad items are dropped, the good ones run
  {
    id: 'a batch of a good NodeChangeCreated, a bad one and a number',
    event: [cloudEvent(NODE_CREATED, GOOD_TASK), cloudEvent(NODE_CREATED, { nodeId: 'x', projectId: 91234 }, { id: 'evt-bad' }), 7],
    rejected: [
      { index: 1, field: 'data.nodeId', fix: DATAWORKS_ID },
      { index: 2, field: '(root)', fix: /not a CloudEvent/ },
    ],
    targets: 1,
  },
  {
    id: 'a RawData batch of a good upload and a bad commit-table',
    event: [{ eventCode: 'upload-data-to-table', tableGuid: 'odps.sales_dw.dim_customer', queryDwProjectId: '91234' }, { eventCode: 'commit-table', maxComputeProject: 'sales_dw' }],
    rejected: one('data.tableName', TEXT, 1),
    targets: 1,
  },
  {
    id: 'a batch whose good event comes after two broken envelopes',
    event: [{ specversion: '1.0' }, cloudEvent(COMMIT_TABLE, { tableName: 5 }), cloudEvent(NODE_UPDATED, GOOD_TASK, { id: 'evt-good' })],
    rejected: [
      { index: 0, field: 'id', fix: TEXT },
      { index: 1, field: 'data.tableName', fix: TEXT },
    ],
    targets: 1,
  },
];

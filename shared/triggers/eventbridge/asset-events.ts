/**
 * The DataWorks event types the events function knows, by EventBridge `type` (with their RawData
 * `eventCode`): `ASSET_EVENTS` map an event's `data` to the asset it names; `SKIPPED_EVENTS` say why the
 * others name none. A new event type is one row here (and, when it names an asset, one entry in s.yaml's
 * filter pattern, which a deploy test checks against `SUBSCRIBED_EVENT_TYPES`).
 */
import { z } from 'zod';
import { type InputIssue, toInputIssues } from '../../errors';
import type { AssetRef } from '../../discovery';

/** DataWorks ids are longs; JSON carries them as numbers or (RawData, upload events) decimal strings. */
const ID = 'must be a DataWorks id: a positive whole number, or its decimal string';
const longId = z
  .union([z.number({ error: ID }).int(ID).positive(ID), z.string({ error: ID }).regex(/^[1-9]\d*$/, ID)], { error: ID })
  .transform(Number)
  .refine(Number.isSafeInteger, 'is larger than autotag can handle exactly (2^53)');

// Producer-defined payloads: fields we do not read are ignored (not strict), fields we read are checked.
const nodeChangeData = z.object({ nodeId: longId, projectId: longId });
const tableChangeData = z.object({ tableName: z.string().min(1), maxComputeProject: z.string().min(1), projectId: longId.optional(), tableType: z.string().optional() });
const uploadData = z.object({ tableGuid: z.string().min(1), queryDwProjectId: longId.optional() });

/** What one event's `data` says: the asset it names, why it names none, or what is wrong with it. */
export type DataOutcome = { ref: AssetRef } | { skip: string } | { issues: InputIssue[] };

function withData<T>(schema: z.ZodType<T>, map: (data: T) => DataOutcome) {
  return (data: unknown): DataOutcome => {
    const parsed = schema.safeParse(data);
    return parsed.success ? map(parsed.data) : { issues: toInputIssues(parsed.error, 'data') };
  };
}

const nodeToTask = withData(nodeChangeData, (d) => ({ ref: { kind: 'task', taskId: d.nodeId, projectId: d.projectId } }));

const tableChangeToTable = withData(tableChangeData, (d) =>
  d.tableType !== undefined && d.tableType !== 'ODPS'
    ? { skip: `tableType ${d.tableType} is not a MaxCompute (ODPS) table` }
    : { ref: { kind: 'table', maxcomputeProject: d.maxComputeProject, tableName: d.tableName, projectId: d.projectId } },
);

/** `odps.<project>.<table>` only: EMR Hive and Hologres guids name tables autotag does not list. */
const uploadToTable = withData(uploadData, (d) => {
  const m = /^odps\.([^.]+)\.([^.]+)$/.exec(d.tableGuid);
  if (!m) return { skip: `tableGuid ${d.tableGuid} is not a MaxCompute table (odps.<project>.<table>)` };
  return { ref: { kind: 'table', maxcomputeProject: m[1], tableName: m[2], projectId: d.queryDwProjectId } };
});

const FILE_REASON =
  'file events name a DataStudio file before it is published, not a scheduling task; the NodeChange event sent when it is deployed names the task';

/** DataWorks event types that name an asset to tag, by EventBridge `type`, with their RawData `eventCode`. */
export const ASSET_EVENTS: Record<string, { eventCode: string; map: (data: unknown) => DataOutcome }> = {
  'dataworks:NodeChange:NodeChangeCreated': { eventCode: 'node-change-created', map: nodeToTask },
  'dataworks:NodeChange:NodeChangeUpdated': { eventCode: 'node-change-updated', map: nodeToTask },
  'dataworks:TableChange:CommitTable': { eventCode: 'commit-table', map: tableChangeToTable },
  'dataworks:TableChange:DeployTable': { eventCode: 'deploy-table', map: tableChangeToTable },
  'dataworks:ResourcesUpload:UploadDataToTable': { eventCode: 'upload-data-to-table', map: uploadToTable },
};

/** DataWorks event types that reach the function only by a wider subscription, and why they name no asset. */
export const SKIPPED_EVENTS: Record<string, { eventCode: string; reason: string }> = {
  'dataworks:NodeChange:NodeChangeDeleted': { eventCode: 'node-change-deleted', reason: 'the task was deleted: there is nothing to tag' },
  'dataworks:FileChange:CommitFile': { eventCode: 'commit-file', reason: FILE_REASON },
  'dataworks:FileChange:DeployFile': { eventCode: 'deploy-file', reason: FILE_REASON },
  'dataworks:FileChange:DeleteFile': { eventCode: 'delete-file', reason: FILE_REASON },
  'dataworks:FileChange:RunFile': { eventCode: 'run-file', reason: FILE_REASON },
  // A run changes neither the task's name, owner nor workspace, so it cannot change what a rule decides;
  // mapping it would re-evaluate every task on every run for nothing.
  'dataworks:InstanceStatusChanges:InstanceStatusChanges': {
    eventCode: 'instance-status-changes',
    reason: "an instance run changes no task's name, owner or workspace: nothing new to tag",
  },
};

/** The event types the events function subscribes to: exactly those that name an asset (s.yaml lists these). */
export const SUBSCRIBED_EVENT_TYPES: readonly string[] = Object.keys(ASSET_EVENTS);

/** RawData payloads carry only `eventCode`: the EventBridge `type` it stands for. */
export const TYPE_OF_CODE: ReadonlyMap<string, string> = new Map([...Object.entries(ASSET_EVENTS), ...Object.entries(SKIPPED_EVENTS)].map(([type, t]) => [t.eventCode, type]));

/**
 * The events function's input: EventBridge deliveries of DataWorks events, turned into the assets they
 * name. A delivery is one CloudEvent (event-driven rules), an array of them (streaming mode), or the bare
 * `data` of each (`eventSchema: RawData`) — reference, function-compute §2.3/2.4. Every item is mapped,
 * skipped with a reason, or rejected with its issues; one bad item never fails the batch, because an
 * async delivery that throws is retried whole and a malformed event would never parse on a retry either.
 *
 * Which events name an asset is the table `ASSET_EVENTS`; why the others do not, `SKIPPED_EVENTS`.
 */
import { z } from 'zod';
import { InvalidInputError, type InputIssue, toInputIssues } from '../errors';
import { decodeEvent } from './decode';
import type { AssetRef } from '../discovery';
import { isRecord } from '../json';

export const DATAWORKS_SOURCE = 'acs.dataworks';

export interface SkippedEvent {
  id?: string;
  type?: string;
  reason: string;
}

export interface RejectedEvent {
  id?: string;
  /** position in the delivery (0 for a single event) */
  index: number;
  issues: InputIssue[];
}

export interface EventTargets {
  /** distinct assets to re-read and evaluate */
  targets: AssetRef[];
  skipped: SkippedEvent[];
  rejected: RejectedEvent[];
}

/** DataWorks ids are longs; JSON carries them as numbers or (RawData, upload events) decimal strings. */
const longId = z
  .union([z.number().int().positive(), z.string().regex(/^[1-9]\d*$/, 'must be a positive decimal id')])
  .transform(Number)
  .refine(Number.isSafeInteger, 'is larger than autotag can handle exactly (2^53)');

// Producer-defined payloads: fields we do not read are ignored (not strict), fields we read are checked.
const nodeChangeData = z.object({ nodeId: longId, projectId: longId });
const tableChangeData = z.object({ tableName: z.string().min(1), maxComputeProject: z.string().min(1), projectId: longId.optional(), tableType: z.string().optional() });
const uploadData = z.object({ tableGuid: z.string().min(1), queryDwProjectId: longId.optional() });

type Outcome = { ref: AssetRef } | { skip: string } | { issues: InputIssue[] };

function withData<T>(schema: z.ZodType<T>, map: (data: T) => Outcome) {
  return (data: unknown): Outcome => {
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
const ASSET_EVENTS: Record<string, { eventCode: string; map: (data: unknown) => Outcome }> = {
  'dataworks:NodeChange:NodeChangeCreated': { eventCode: 'node-change-created', map: nodeToTask },
  'dataworks:NodeChange:NodeChangeUpdated': { eventCode: 'node-change-updated', map: nodeToTask },
  'dataworks:TableChange:CommitTable': { eventCode: 'commit-table', map: tableChangeToTable },
  'dataworks:TableChange:DeployTable': { eventCode: 'deploy-table', map: tableChangeToTable },
  'dataworks:ResourcesUpload:UploadDataToTable': { eventCode: 'upload-data-to-table', map: uploadToTable },
};

/** DataWorks event types that reach the function only by a wider subscription, and why they name no asset. */
const SKIPPED_EVENTS: Record<string, { eventCode: string; reason: string }> = {
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

const TYPE_OF_CODE = new Map([...Object.entries(ASSET_EVENTS), ...Object.entries(SKIPPED_EVENTS)].map(([type, t]) => [t.eventCode, type]));

// CloudEvents allows extension attributes (EventBridge adds aliyun*), so the envelope is not strict.
const cloudEventSchema = z.object({
  specversion: z.string().min(1),
  id: z.string().min(1),
  source: z.string().min(1),
  type: z.string().min(1),
  data: z.unknown(),
});

const rawDataSchema = z.object({ eventCode: z.string().min(1) });

const ossNotificationSchema = z.object({ events: z.array(z.object({ eventName: z.string(), eventSource: z.string() })) });

interface Item {
  index: number;
  id?: string;
  source?: string;
  type?: string;
  data?: unknown;
  issues?: InputIssue[];
  /** set when the item is recognisably not a DataWorks event */
  notDataWorks?: string;
}

/** One delivered item → the fields we route on, or its issues. */
function classify(value: unknown, index: number): Item[] {
  if (isRecord(value) && 'specversion' in value) {
    const parsed = cloudEventSchema.safeParse(value);
    const id = typeof value.id === 'string' ? value.id : undefined;
    if (!parsed.success) return [{ index, id, issues: toInputIssues(parsed.error) }];
    const { id: eventId, source, type, data } = parsed.data;
    return [{ index, id: eventId, source, type, data }];
  }
  if (isRecord(value) && 'eventCode' in value) {
    const parsed = rawDataSchema.safeParse(value);
    if (!parsed.success) return [{ index, issues: toInputIssues(parsed.error) }];
    const type = TYPE_OF_CODE.get(parsed.data.eventCode);
    if (!type) return [{ index, type: parsed.data.eventCode, notDataWorks: `eventCode ${parsed.data.eventCode} names no asset autotag tags` }];
    return [{ index, source: DATAWORKS_SOURCE, type, data: value }];
  }
  const oss = ossNotificationSchema.safeParse(value);
  if (oss.success) {
    return oss.data.events.map((e) => ({ index, type: e.eventName, notDataWorks: `${e.eventSource} events are not DataWorks asset changes` }));
  }
  return [
    {
      index,
      issues: [{ field: '(root)', message: 'not a CloudEvent (no specversion), a DataWorks RawData payload (no eventCode) nor an OSS notification' }],
    },
  ];
}

function refKey(ref: AssetRef): string {
  return ref.kind === 'task' ? `task:${ref.taskId}` : `table:${ref.maxcomputeProject}.${ref.tableName}`;
}

/** Never throws: what cannot be read is returned in `rejected`. */
export function parseEventBridgeEvent(event: unknown): EventTargets {
  const out: EventTargets = { targets: [], skipped: [], rejected: [] };
  let decoded: unknown;
  try {
    decoded = decodeEvent(event, 'EventBridge event');
  } catch (e) {
    if (!(e instanceof InvalidInputError)) throw e;
    out.rejected.push({ index: 0, issues: e.issues });
    return out;
  }

  const items = (Array.isArray(decoded) ? decoded : [decoded]).flatMap((v, i) => classify(v, i));
  const seen = new Map<string, number>();
  const refs = new Map<string, AssetRef>();

  for (const item of items) {
    const { id, type } = item;
    if (item.issues) {
      out.rejected.push({ id, index: item.index, issues: item.issues });
      continue;
    }
    if (item.notDataWorks) {
      out.skipped.push({ id, type, reason: item.notDataWorks });
      continue;
    }
    if (item.source !== DATAWORKS_SOURCE) {
      out.skipped.push({ id, type, reason: `source ${item.source} is not ${DATAWORKS_SOURCE}` });
      continue;
    }
    // EventBridge is at-least-once: the same (source, id) may come twice, even in one batch.
    if (id !== undefined) {
      const key = `${item.source}\u0000${id}`;
      const first = seen.get(key);
      if (first !== undefined) {
        out.skipped.push({ id, type, reason: `duplicate of the event at index ${first}` });
        continue;
      }
      seen.set(key, item.index);
    }
    const mapping = type === undefined ? undefined : ASSET_EVENTS[type];
    if (!mapping) {
      const reason = (type && SKIPPED_EVENTS[type]?.reason) ?? `event type ${type} names no asset autotag tags`;
      out.skipped.push({ id, type, reason });
      continue;
    }
    const outcome = mapping.map(item.data);
    if ('issues' in outcome) out.rejected.push({ id, index: item.index, issues: outcome.issues });
    else if ('skip' in outcome) out.skipped.push({ id, type, reason: outcome.skip });
    else {
      const key = refKey(outcome.ref);
      const earlier = refs.get(key);
      // Two events about one asset: evaluate it once, keeping the workspace whichever event carried it.
      refs.set(key, earlier ? { ...earlier, projectId: earlier.projectId ?? outcome.ref.projectId } : outcome.ref);
    }
  }
  out.targets = [...refs.values()];
  return out;
}

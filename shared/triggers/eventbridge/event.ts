/**
 * The events function's input: EventBridge deliveries of DataWorks events, turned into the assets they
 * name. A delivery is one CloudEvent (event-driven rules), an array of them (streaming mode), or the bare
 * `data` of each (`eventSchema: RawData`) — reference, function-compute §2.3/2.4. Every item is mapped,
 * skipped with a reason, or rejected with its issues; one bad item never fails the batch, because an
 * async delivery that throws is retried whole and a malformed event would never parse on a retry either.
 *
 * Which events name an asset, and why the others do not, is the table in `asset-events.ts`. The function's
 * own look-again event (look-again.ts) names assets an earlier invocation could not find yet.
 */
import { z } from 'zod';
import { InvalidInputError, type InputIssue, toInputIssues } from '../../errors';
import { decodeEvent } from '../../runtime';
import { targetKey, type AssetRef } from '../../discovery';
import { isRecord } from '../../json';
import { redactAndClip } from '../../log';
import { ASSET_EVENTS, SKIPPED_EVENTS, TYPE_OF_CODE } from './asset-events';
import { LOOK_AGAIN_SOURCE, LOOK_AGAIN_TYPE, parseLookAgain } from './look-again';

const DATAWORKS_SOURCE = 'acs.dataworks';
/**
 * How much of a field of an event (its id, type, a value quoted in a reason) the function logs and reports:
 * events come from outside, and a megabyte id must not become a megabyte log line.
 */
const MAX_EVENT_FIELD = 256;
const MAX_REASON = 1024;
/** event ids an audit record carries: a streaming batch may hold thousands, a record stays small */
const MAX_EVENT_IDS = 100;
const bounded = (text: string | undefined, max = MAX_EVENT_FIELD) => (text === undefined ? undefined : redactAndClip(text, max));
const boundedIssues = (issues: InputIssue[]) => issues.map((i) => ({ field: redactAndClip(i.field, MAX_EVENT_FIELD), message: redactAndClip(i.message, MAX_REASON) }));

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
  /** the ids of the events that named them (the first MAX_EVENT_IDS), bounded as every reported field */
  eventIds: string[];
  skipped: SkippedEvent[];
  rejected: RejectedEvent[];
  /** set when the delivery continues an earlier look for late assets: the attempt it is (2 = the first hand-on) */
  lookAgain?: { attempt: number; origin: string };
}

// CloudEvents allows extension attributes (EventBridge adds aliyun*), so the envelope is not strict.
const cloudEventSchema = z.object({
  specversion: z.string().min(1),
  id: z.string().min(1),
  source: z.string().min(1),
  type: z.string().min(1),
  data: z.unknown().refine((d) => d !== undefined, "missing: a CloudEvent carries the event's details in data"),
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
    if (!type) return [{ index, type: parsed.data.eventCode, notDataWorks: `eventCode ${bounded(parsed.data.eventCode)} names no asset autotag tags` }];
    return [{ index, source: DATAWORKS_SOURCE, type, data: value }];
  }
  const oss = ossNotificationSchema.safeParse(value);
  if (oss.success) {
    return oss.data.events.map((e) => ({ index, type: e.eventName, notDataWorks: `${bounded(e.eventSource)} events are not DataWorks asset changes` }));
  }
  return [
    {
      index,
      issues: [{ field: '(root)', message: 'not a CloudEvent (no specversion), a DataWorks RawData payload (no eventCode) nor an OSS notification' }],
    },
  ];
}

/** Never throws: what cannot be read is returned in `rejected`. */
export function parseEventBridgeEvent(event: unknown): EventTargets {
  const out: EventTargets = { targets: [], eventIds: [], skipped: [], rejected: [] };
  let decoded: unknown;
  try {
    decoded = decodeEvent(event, 'EventBridge event');
  } catch (e) {
    if (!(e instanceof InvalidInputError)) throw e;
    out.rejected.push({ index: 0, issues: boundedIssues(e.issues) });
    return out;
  }

  const items = (Array.isArray(decoded) ? decoded : [decoded]).flatMap((v, i) => classify(v, i));
  const seen = new Map<string, number>();
  const refs = new Map<string, AssetRef>();
  const addRef = (ref: AssetRef, eventId: string | undefined) => {
    if (eventId !== undefined && out.eventIds.length < MAX_EVENT_IDS) out.eventIds.push(bounded(eventId)!);
    const key = targetKey(ref);
    const earlier = refs.get(key);
    // Two events about one asset: evaluate it once, keeping the workspace whichever event carried it.
    refs.set(key, earlier ? { ...earlier, projectId: earlier.projectId ?? ref.projectId } : ref);
  };

  for (const item of items) {
    const { id, type } = item;
    // what is reported of the event: every field bounded (the full id still tells duplicates apart)
    const skip = (reason: string) => out.skipped.push({ id: bounded(id), type: bounded(type), reason: bounded(reason, MAX_REASON)! });
    const reject = (issues: InputIssue[]) => out.rejected.push({ id: bounded(id), index: item.index, issues: boundedIssues(issues) });
    if (item.issues) {
      reject(item.issues);
      continue;
    }
    if (item.notDataWorks) {
      skip(item.notDataWorks);
      continue;
    }
    if (item.source === LOOK_AGAIN_SOURCE && type === LOOK_AGAIN_TYPE) {
      const again = parseLookAgain(item.data);
      if ('issues' in again) reject(again.issues);
      else {
        again.targets.forEach((ref, i) => addRef(ref, i === 0 ? id : undefined));
        if (again.attempt > (out.lookAgain?.attempt ?? 0)) out.lookAgain = { attempt: again.attempt, origin: again.origin };
      }
      continue;
    }
    if (item.source !== DATAWORKS_SOURCE) {
      skip(`source ${bounded(item.source)} is not ${DATAWORKS_SOURCE}`);
      continue;
    }
    // EventBridge is at-least-once: the same (source, id) may come twice, even in one batch.
    if (id !== undefined) {
      const key = `${item.source}\u0000${id}`;
      const first = seen.get(key);
      if (first !== undefined) {
        skip(`duplicate of the event at index ${first}`);
        continue;
      }
      seen.set(key, item.index);
    }
    const mapping = type === undefined ? undefined : ASSET_EVENTS[type];
    if (!mapping) {
      skip((type && SKIPPED_EVENTS[type]?.reason) ?? `event type ${bounded(type)} names no asset autotag tags`);
      continue;
    }
    const outcome = mapping.map(item.data);
    if ('issues' in outcome) reject(outcome.issues);
    else if ('skip' in outcome) skip(outcome.skip);
    else addRef(outcome.ref, id);
  }
  out.targets = [...refs.values()];
  return out;
}

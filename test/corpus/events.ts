/**
 * Hostile events, as data: each goes to the events function, which must not echo any of its fields whole —
 * what it reports (skipped, rejected) and logs of an id, a type, a source or a quoted value is bounded, the cut
 * marked — and must make no API call (none of these names an asset to read). The corpus of issue 10 grows here.
 */
const MB = 1024 * 1024;
const huge = (c: string) => c.repeat(MB);

const cloudEvent = (over: Record<string, unknown>) => ({
  specversion: '1.0',
  id: 'evt-1',
  source: 'acs.dataworks',
  type: 'dataworks:NodeChange:NodeChangeDeleted',
  data: { eventCode: 'node-change-deleted', nodeId: 1, projectId: 1 },
  ...over,
});

export interface HostileEvent {
  id: string;
  event: unknown;
  /** where the function files it */
  outcome: 'skipped' | 'rejected';
}

export const HOSTILE_EVENTS: HostileEvent[] = [
  { id: 'a 1 MB id', event: cloudEvent({ id: huge('i') }), outcome: 'skipped' },
  { id: 'a 1 MB type', event: cloudEvent({ type: huge('t') }), outcome: 'skipped' },
  { id: 'a 1 MB source', event: cloudEvent({ source: huge('s') }), outcome: 'skipped' },
  { id: 'a 1 MB eventCode (RawData)', event: { eventCode: huge('c') }, outcome: 'skipped' },
  { id: 'a 1 MB OSS event source', event: { events: [{ eventName: huge('n'), eventSource: huge('o') }] }, outcome: 'skipped' },
  { id: 'a 1 MB id on an event with bad data', event: cloudEvent({ id: huge('x'), type: 'dataworks:NodeChange:NodeChangeCreated', data: { nodeId: 'not-an-id' } }), outcome: 'rejected' },
  { id: 'a 1 MB upload tableGuid', event: cloudEvent({ type: 'dataworks:ResourcesUpload:UploadDataToTable', data: { tableGuid: huge('g') } }), outcome: 'skipped' },
  { id: 'the same 1 MB id twice', event: [cloudEvent({ id: huge('d') }), cloudEvent({ id: huge('d') })], outcome: 'skipped' },
];

/** No report field or log line may come near an event field's size. */
export const MAX_LOGGED = 4096;

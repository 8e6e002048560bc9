/**
 * CloudEvents as the fake's buses take them (EventBridge limits page: id up to 128 letters, digits and
 * hyphens starting with a letter or digit; source 128, subject 512 and type 64 characters; an event at
 * most 256 KB) and as EventBridge passes them on: stamped with `aliyunpublishtime`,
 * `aliyuneventbusname` (the bus it went through), `aliyunaccountid` and `aliyunregionid`; any other
 * attributes (e.g. `aliyunoriginalaccountid`) and `data` pass through untouched.
 */
import { z } from 'zod';

const MAX_EVENT_BYTES = 256 * 1024;

export const cloudEventSchema = z
  .looseObject({
    specversion: z.literal('1.0'),
    id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9-]{0,127}$/, 'must be up to 128 letters, digits and hyphens, starting with a letter or digit'),
    source: z.string().min(1).max(128),
    type: z.string().min(1).max(64),
    subject: z.string().max(512).optional(),
    time: z.string().optional(),
    datacontenttype: z.string().optional(),
    data: z.unknown().optional(),
  })
  .refine((e) => Buffer.byteLength(JSON.stringify(e)) <= MAX_EVENT_BYTES, 'an event is at most 256 KB');

export type CloudEvent = z.infer<typeof cloudEventSchema>;

export function stamped(event: CloudEvent, bus: string, accountId: string, region: string, now: number): CloudEvent {
  return { ...event, aliyunpublishtime: new Date(now).toISOString(), aliyuneventbusname: bus, aliyunaccountid: accountId, aliyunregionid: region };
}

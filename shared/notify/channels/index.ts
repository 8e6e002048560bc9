/** The notification channels by kind, as a configuration names them (`kind: dingtalk`). */
import type { ChannelSpec } from './channel';
import { dingtalk } from './dingtalk';
import { webhook } from './webhook';

export { type ChannelConfig, type ChannelSpec } from './channel';
export { WEBHOOK_FORMAT_VERSION } from './webhook';

export const CHANNELS = { dingtalk, webhook } as const satisfies Record<string, ChannelSpec>;

export type ChannelKind = keyof typeof CHANNELS;

export const CHANNEL_KINDS = Object.keys(CHANNELS) as [ChannelKind, ...ChannelKind[]];

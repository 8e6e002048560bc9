/**
 * Why part of the catalog was never scanned, each reason with the words a person reads and what to do about
 * it. A new reason is one entry here; the collector, the schema of the JSON and every renderer read this table.
 */

export interface UnscannedReasonSpec {
  label: string;
  advice: string;
}

export const UNSCANNED_REASONS = {
  'source-not-configured': {
    label: 'no source reads it',
    advice: 'add the workspace, env or MaxCompute project to the rule set’s sources',
  },
  'partition-unreadable': {
    label: 'could not be read',
    advice: 'see the message; the next run reads it again',
  },
  deadline: {
    label: 'time ran out before it was read',
    advice: 'raise the time budget or split the run into shards',
  },
  'out-of-scope': {
    label: 'left out of this run',
    advice: 'the run was limited to some workspaces, rules or a shard',
  },
} as const satisfies Record<string, UnscannedReasonSpec>;

export type UnscannedReason = keyof typeof UNSCANNED_REASONS;

export const UNSCANNED_REASON_NAMES = Object.keys(UNSCANNED_REASONS) as [UnscannedReason, ...UnscannedReason[]];

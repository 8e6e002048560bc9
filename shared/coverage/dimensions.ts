/**
 * The ways coverage is broken down (workspace, env, asset type): each says which slice an asset or an unscanned
 * partition belongs to, how a slice is named, and in which order slices are listed. A new breakdown is one
 * entry here; the collector and every renderer read this table.
 */
import { ASSET_KINDS, ENV_TYPES, type AssetKind, type EnvType } from '../dataworks';

/** What a dimension reads: an asset, or an unscanned partition, which may not say. */
export interface Placed {
  kind?: AssetKind;
  projectId?: number;
  envType?: EnvType;
}

/** The slice of things that did not report the dimension's field (tables listed by ListTables have no workspace). */
export const NOT_REPORTED = '-';
/** The slice that gathers workspaces past the limit. */
export const OTHERS = '…';

export interface DimensionSpec {
  /** for headings: "Workspace" */
  title: string;
  /** the slice of `x`, or undefined when `x` does not say */
  valueOf(x: Placed): string | undefined;
  label(value: string): string;
  /** listing order between two slices (already sized): most assets first unless the values have an order */
  compare(a: { value: string; assets: number }, b: { value: string; assets: number }): number;
}

/** Most assets first, the gathered rest last. */
const bySizeThenValue = (a: { value: string; assets: number }, b: { value: string; assets: number }) =>
  Number(a.value === OTHERS) - Number(b.value === OTHERS) || b.assets - a.assets || a.value.localeCompare(b.value, 'en', { numeric: true });

/** Slices in a fixed order (`order`), the not-reported slice last. */
const inOrder = (order: readonly string[]) => (a: { value: string }, b: { value: string }) => rank(order, a.value) - rank(order, b.value);
const rank = (order: readonly string[], v: string) => (order.includes(v) ? order.indexOf(v) : order.length);

const special = (value: string): string | undefined =>
  value === NOT_REPORTED ? 'not reported' : value === OTHERS ? 'other workspaces' : undefined;

export const DIMENSIONS = {
  workspace: {
    title: 'Workspace',
    valueOf: (x) => (x.projectId === undefined ? undefined : String(x.projectId)),
    label: (v) => special(v) ?? `workspace ${v}`,
    compare: bySizeThenValue,
  },
  env: {
    title: 'Environment',
    valueOf: (x) => x.envType,
    label: (v) => special(v) ?? v,
    compare: inOrder(ENV_TYPES),
  },
  kind: {
    title: 'Asset type',
    valueOf: (x) => x.kind,
    label: (v) => special(v) ?? (v in ASSET_KINDS ? ASSET_KINDS[v as AssetKind].plural : v),
    compare: inOrder(Object.keys(ASSET_KINDS)),
  },
} as const satisfies Record<string, DimensionSpec>;

export type DimensionName = keyof typeof DIMENSIONS;

export const DIMENSION_NAMES = Object.keys(DIMENSIONS) as DimensionName[];

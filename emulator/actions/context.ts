/**
 * What an action handler gets and gives back. A handler reads its parameters, reads or changes the store,
 * and returns the response body without `RequestId` (the server adds it), or throws a ServiceError.
 */
import { LIMITS } from '../../shared/dataworks';
import type { WireParams } from '../params';
import { invalidParameter } from '../service-error';
import type { ViolationKind } from '../stats';
import type { CatalogStore, ListingReads } from '../store';
import type { BudgetClass } from '../throttle';
import type { VisibilityGate } from '../visibility';

/** Who an AccessKey is, as STS GetCallerIdentity answers (actions/identity.ts says how each key gets one). */
export interface CallerIdentity {
  IdentityType: 'Account' | 'RAMUser' | 'AssumedRoleUser';
  AccountId: string;
  Arn: string;
  PrincipalId: string;
  UserId?: string;
  RoleId?: string;
}

export interface ActionContext {
  readonly store: CatalogStore;
  /** which assets reads see yet: a read asks it last, for what would otherwise be in its answer */
  readonly visibility: VisibilityGate;
  readonly params: WireParams;
  /** the emulated user id of the caller (recorded as CreateUser / Creator) */
  readonly caller: string;
  /** who the caller's AccessKey is (STS GetCallerIdentity) */
  readonly identity: CallerIdentity;
  /** epoch ms */
  readonly now: number;
  /** what ListDataAssets sees: only tagged assets (the documented behaviour) or every asset */
  readonly listScope: 'tagged' | 'all';
  /** TagDataAssets on a key bound to another value: refused (default), or the value replaced (and recorded) */
  readonly tagConflict: 'reject' | 'replace';
  /** records the sizes of the id and tag lists of this call */
  observe(counts: { dataAssetIds?: number; tags?: number }): void;
  violation(kind: ViolationKind, message: string, detail?: Record<string, unknown>): void;
  /** records what a TagDataAssets call bound: bindings made, and bindings asked for that were there already */
  bound(counts: { made: number; repeated: number }): void;
}

export interface ActionSpec {
  /**
   * the DataWorks quota it takes; absent: an action of another service the emulator also answers (STS), which
   * takes no DataWorks budget, gets no injected fault and is counted apart from DataWorks calls
   */
  budget?: BudgetClass;
  /** the API version it belongs to, default DataWorks' (API_VERSION) */
  version?: string;
  handle(ctx: ActionContext): Record<string, unknown>;
}

export interface Page<T> {
  TotalCount: number;
  PageNumber: number;
  PageSize: number;
  items: T[];
}

/**
 * A listing's matches in listing order (what `build` returns, hidden assets included). While no asset is hidden
 * there is no read to count, so one query's pages share one walk (kept by the store until what it `reads`
 * changes); otherwise each request walks again and asks for each match, so hidden ones count the read.
 */
export function listed<T>(ctx: ActionContext, query: unknown[], reads: ListingReads, idOf: (item: T) => string, build: () => T[]): readonly T[] {
  if (!ctx.visibility.hiding) return ctx.store.listing(JSON.stringify(query), reads, build);
  return build().filter((item) => ctx.visibility.asked(idOf(item)));
}

/** One page of `items` (default page 1 of 10); a PageSize over 100 is refused and recorded as a violation. */
export function pageOf<T>(ctx: ActionContext, items: readonly T[], paging: { PageNumber?: number; PageSize?: number }): Page<T> {
  const PageNumber = paging.PageNumber ?? 1;
  const PageSize = paging.PageSize ?? 10;
  if (PageSize > LIMITS.pageSize) {
    ctx.violation('over-limit', `PageSize ${PageSize} is over ${LIMITS.pageSize}`, { pageSize: PageSize });
    throw invalidParameter('InvalidParameter', `PageSize must be at most ${LIMITS.pageSize}, got ${PageSize}.`);
  }
  const start = (PageNumber - 1) * PageSize;
  return { TotalCount: items.length, PageNumber, PageSize, items: items.slice(start, start + PageSize) };
}

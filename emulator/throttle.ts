/**
 * The account-wide QPS quotas of DataWorks Enterprise Edition (reference dataworks-api.md §4.3): one budget
 * for reads (List*, Get*) and one for writes, each a sliding one-second window. A request over budget is
 * answered `Throttling.User` and does not use up budget.
 */

export type BudgetClass = 'read' | 'write';

export class QpsLimiter {
  private readonly accepted: Record<BudgetClass, number[]> = { read: [], write: [] };
  private limits: Record<BudgetClass, number>;

  /** `0` means unlimited */
  constructor(
    read: number,
    write: number,
    private readonly now: () => number,
  ) {
    this.limits = { read, write };
  }

  setLimits(read: number, write: number): void {
    this.limits = { read, write };
  }

  /** true when the request fits in its budget (and is counted), false when it must be throttled */
  tryAcquire(budget: BudgetClass): boolean {
    const limit = this.limits[budget];
    if (limit === 0) return true;
    const now = this.now();
    const window = this.accepted[budget];
    while (window.length > 0 && window[0] <= now - 1000) window.shift();
    if (window.length >= limit) return false;
    window.push(now);
    return true;
  }
}

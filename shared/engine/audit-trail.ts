/**
 * A run's audit trail: every record goes to the audit sink (deps.audit; without one, an info log line) in the
 * order things happen. A sink that throws (a log file that can no longer be appended to) ends the trail there:
 * a run makes no change it cannot record, so `failure` is set at once and the writer starts no new call. Later
 * records are not offered to the sink again (the log ends at a clean point, with no gap a later append could
 * leave) but logged as errors and kept, every one, for the report: they are the changes of the writes in flight
 * when the sink failed, so they are bounded by the write concurrency, not by the catalog, and no applied change
 * goes unrecorded. An intent the sink did not take stops its unbind before it starts: it changed nothing and
 * is not kept.
 */
import { AuditLogError, isAutotagError } from '../errors';
import type { Logger } from '../log';
import type { RunReport } from './run-types';
import type { AuditRecord } from './types';

const MESSAGES: Record<AuditRecord['kind'], string> = { intent: 'tag change intended', binding: 'tag changed', 'tag-key': 'tag key changed' };

/** The audit sink of a run without one of its own: an info log line per record (in FC, the function's log store). */
export const auditToLog =
  (logger: Logger) =>
  (record: AuditRecord): void =>
    logger.info(MESSAGES[record.kind], { audit: record });

function auditFailureOf(e: unknown): AuditLogError {
  if (e instanceof AuditLogError) return e;
  const problem = isAutotagError(e) ? e.message : `the audit sink threw: ${e instanceof Error ? e.message : String(e)}`;
  return new AuditLogError(problem, undefined, { cause: e });
}

export class AuditTrail {
  /** set by the first record the sink could not take */
  failure: AuditLogError | undefined;
  private readonly unwritten: AuditRecord[] = [];

  constructor(
    private readonly sink: (record: AuditRecord) => void,
    private readonly logger: Logger,
  ) {}

  /** Offers `record` to the sink; false when it was not written (this time, or an earlier record failed). */
  record(record: AuditRecord): boolean {
    if (!this.failure) {
      try {
        this.sink(record);
        return true;
      } catch (e) {
        this.failure = auditFailureOf(e);
        this.logger.error('the audit sink failed: no further write starts', { error: this.failure.toJSON() });
      }
    }
    if (record.kind !== 'intent') {
      this.unwritten.push(record);
      this.logger.error('audit record not written (the audit sink failed)', { audit: record });
    }
    return false;
  }

  /** What the report says of a failed trail (nothing when the sink took every record). */
  report(): RunReport['auditFailure'] {
    if (!this.failure) return undefined;
    return { code: this.failure.code, message: this.failure.message, unwritten: this.unwritten.length, records: [...this.unwritten] };
  }
}

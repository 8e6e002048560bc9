/**
 * What a run leaves for people besides its report: its coverage (counted while it runs, with what it never
 * scanned counted apart), the size of what no source reads (for an on-demand pass), and the files a scheduled
 * run keeps under a folder by day and run id.
 */
export { collectRunCoverage, type RunCoverage } from './coverage';
export { countUnreadScopes } from './count';
export { runReportsFolder, writeRunReports, type RunPlace } from './store';
export { unscannedOf, type ScopeCount } from './unscanned';

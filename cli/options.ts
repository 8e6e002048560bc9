/**
 * Parsers for flag values and the groups of flags several commands share (`--region/--endpoint`,
 * `--read-qps/--write-qps`, `--rule/--project`), so each flag is spelled, checked and described once. A bad
 * value fails in commander before any command runs, and the CLI exits 2.
 */
import { InvalidArgumentError, Option, type Command } from 'commander';
import { DURATION_HINT, parseDuration } from '../shared/clock';
import { coverageFile } from './render/coverage';
import { RUN_FORMAT_NAMES } from './run-output';

export function positiveInt(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < 1) throw new InvalidArgumentError('must be a whole number of at least 1');
  return n;
}

/** A count that may be zero (e.g. --max-bindings 0 allows no write at all). */
export function nonNegativeInt(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n)) throw new InvalidArgumentError('must be a whole number (0 or more)');
  return n;
}

export function positiveNumber(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('must be a number greater than 0');
  return n;
}

export function fraction(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n > 1) throw new InvalidArgumentError('must be a number from 0 to 1');
  return n;
}

export function duration(value: string): number {
  const ms = parseDuration(value);
  if (ms === undefined) throw new InvalidArgumentError(`must be ${DURATION_HINT}`);
  return ms;
}

/** Variadic workspace ids: each value parsed, all collected. */
function projectIds(value: string, previous: number[] | undefined): number[] {
  return [...(previous ?? []), positiveInt(value)];
}

export interface TargetFlags {
  region?: string;
  endpoint?: string;
}

export interface BudgetFlags {
  readQps?: number;
  writeQps?: number;
}

export interface ScopeFlags {
  rule?: string[];
  project?: number[];
}

/** `--region`, `--endpoint`: which DataWorks API to call. */
export function addTargetOptions(cmd: Command): Command {
  return cmd
    .option('--region <id>', 'region id, e.g. cn-hangzhou (default: AUTOTAG_REGION, else ALIBABA_CLOUD_REGION_ID)')
    .option('--endpoint <url>', 'API URL instead of the region\'s (default: DATAWORKS_ENDPOINT); http:// only for loopback, e.g. the emulator');
}

/** `--read-qps`, `--write-qps`: the client-side rate limits. */
export function addBudgetOptions(cmd: Command, which: { write: boolean }): Command {
  cmd.option('--read-qps <n>', 'read calls per second (default: AUTOTAG_READ_QPS, else 50, the account quota; shared by every caller and shard)', positiveNumber);
  if (which.write) cmd.option('--write-qps <n>', 'write calls per second (default: AUTOTAG_WRITE_QPS, else 20, the account quota; shared by every caller and shard)', positiveNumber);
  return cmd;
}

/** `--rule`, `--project`: narrow a run. */
export function addScopeOptions(cmd: Command): Command {
  return cmd
    .option('--rule <id...>', 'only these rules (ids from the rule file)')
    .option('--project <id...>', 'only assets of these DataWorks workspaces (numeric ids)', projectIds);
}

/** `--table-cache <dir>`, `--no-table-cache`, `--table-cache-ttl`: table details kept across runs (cli/table-cache.ts). */
export function addTableCacheOptions(cmd: Command): Command {
  return cmd
    .option('--table-cache <dir>', 'keep table owners and workspaces (GetTable) across runs in this folder (default: AUTOTAG_TABLE_CACHE, else ~/.cache/autotag)')
    .option('--no-table-cache', 'read every table\'s details again, keep nothing')
    .option('--table-cache-ttl <duration>', 'trust a cached table\'s details this long, e.g. 12h, 7d (default: AUTOTAG_TABLE_CACHE_TTL, else 7d)', duration);
}

/** `--log-level`: the engine's JSON log lines on stderr (off by default: the CLI prints its own summary). */
export function addLogOption(cmd: Command): Command {
  return cmd.addOption(new Option('--log-level <level>', 'write JSON log lines at this level and above to stderr (default: AUTOTAG_LOG_LEVEL, else none)').choices(['debug', 'info', 'warn', 'error']));
}

/** `--coverage <file>`, `--no-coverage`: the coverage plan and apply count while they run. */
export function addCoverageOptions(cmd: Command): Command {
  return cmd
    .option('--coverage <file>', 'also write the run\'s coverage: the page (.html, opens from the file) or the JSON (.json); a summary follows the report either way', coverageFile)
    .option('--no-coverage', 'count no coverage, print no coverage summary');
}

/** `--format text|json|csv` of plan and apply (`--json` stays, as `--format json`); `what`: what each prints. */
export function addFormatOption(cmd: Command, what: string): Command {
  return cmd.addOption(new Option('--format <format>', `output: ${what} (default text)`).choices(RUN_FORMAT_NAMES));
}

/** `--out`, `--detailed-exitcode`, `--explain`: what a dry run (plan, apply --dry-run) can do besides printing. */
export function addPlanOptions(cmd: Command, prefix = ''): Command {
  return cmd
    .option('--out <file>', `${prefix}save the plan to this file (JSON lines, as --json prints them, the report last), for apply --plan; written whole or not at all`)
    .option('--detailed-exitcode', `${prefix}exit 0 when the plan would change nothing, 4 when it is complete and would change something (other codes unchanged)`)
    .option('--explain <asset...>', `${prefix}explain these assets (ids or names, as the plan shows them) from the plan's own evaluation, as autotag explain does`);
}

/** The command line asks for JSON output (`--json`, `--format json`): errors then print as a JSON document, and nothing is coloured. */
export function asksForJson(argv: readonly string[]): boolean {
  return argv.some((a, i) => a === '--json' || a === '--format=json' || (a === '--format' && argv[i + 1] === 'json'));
}

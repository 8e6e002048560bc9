/**
 * `autotag invoke <function>`: runs a Function Compute handler on this machine the way FC would: the built
 * bundle `dist/<function>/index.js` (what `s deploy` ships, with its rules/ folder), the event file as a
 * Buffer, a fake context (request id, function name and timeout, no STS credentials so the default chain
 * is used), and the configuration as environment variables. The function's log lines go to stderr, its
 * result to stdout; the exit code follows the result.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import type { RunReport } from '../../shared/engine';
import { ConfigurationError, InvalidInputError, type InputIssue } from '../../shared/errors';
import type { LogLevel } from '../../shared/log';
import { EXIT, exitCodeOfReport, type ExitCode } from '../exit-codes';
import type { TargetFlags } from '../options';
import { counted } from '../render/format';
import { renderError } from '../render/error';
import { renderReport } from '../render/report';
import { eprintln, printJson, println, type Terminal } from '../terminal';
import { isRecord } from '../../shared/json';

export interface InvokeFlags extends TargetFlags {
  event: string;
  rules?: string;
  /** the fake context's function timeout, seconds */
  timeout: number;
  json?: boolean;
  logLevel?: LogLevel;
}

type Handler = (event: unknown, context: unknown) => Promise<unknown>;

const FUNCTION_NAME = /^[a-z0-9][a-z0-9_-]*$/i;

/** Function names with a built bundle under `distDir`. */
function builtFunctions(distDir: string): string[] {
  if (!existsSync(distDir)) return [];
  return readdirSync(distDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(distDir, d.name, 'index.js')))
    .map((d) => d.name)
    .sort();
}

function loadHandler(name: string, distDir: string): Handler {
  const known = builtFunctions(distDir);
  if (!FUNCTION_NAME.test(name) || !known.includes(name)) {
    throw new InvalidInputError(
      [{ field: 'function', message: `no built function "${name}" in ${distDir} (built: ${known.join(', ') || 'none'}); run npm run build after changing functions/` }],
      'invoke',
    );
  }
  const mod = createRequire(__filename)(join(distDir, name, 'index.js')) as { handler?: unknown };
  if (typeof mod.handler !== 'function') throw new InvalidInputError([{ field: 'function', message: `functions/${name} exports no handler` }], 'invoke');
  return mod.handler as Handler;
}

/** The environment FC would give the function, from the flags; what the user set already stays unless a flag says otherwise. */
function functionEnv(flags: InvokeFlags): Record<string, string> {
  return {
    ...(flags.rules && { AUTOTAG_RULES: resolve(flags.rules) }),
    ...(flags.endpoint && { DATAWORKS_ENDPOINT: flags.endpoint }),
    ...(flags.region && { AUTOTAG_REGION: flags.region }),
    ...(flags.logLevel && { AUTOTAG_LOG_LEVEL: flags.logLevel }),
  };
}

function readEvent(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (e) {
    throw new InvalidInputError([{ file, field: '--event', message: `cannot read the event file: ${(e as Error).message}` }], 'invoke');
  }
}

/** The run report inside a handler's result (scheduled `{kind:'run', report}`, events `{report}`), if any. */
function reportIn(result: unknown): RunReport | undefined {
  return isRecord(result) && isRecord(result.report) && typeof result.report.status === 'string' ? (result.report as unknown as RunReport) : undefined;
}

/** The events function's word on assets it did not run: not found after its last look, refused, handed on. */
function eventNotes(result: unknown): string[] {
  if (!isRecord(result)) return [];
  const items = (field: string) => (Array.isArray(result[field]) ? result[field].filter(isRecord) : []);
  const handedOn = isRecord(result.handedOn) ? result.handedOn : undefined;
  return [
    ...items('notFound').map((n) => `Not found: ${String(n.asset)} (looked for in ${counted(Number(n.attempts), 'invocation')})${n.reason ? `: ${String(n.reason)}` : ''}`),
    ...items('invalid').map((n) => `Refused by the API (dropped): ${String(n.asset)}: ${String(n.code)}`),
    ...(handedOn && Array.isArray(handedOn.assets) ? [`Looking again in ${String(handedOn.delaySeconds)} s (attempt ${String(handedOn.attempt)}): ${handedOn.assets.join(', ')}`] : []),
  ];
}

/**
 * A failure the function returned rather than threw (an async function's bad input or configuration, not
 * retried), said as the CLI says a thrown one. The error arrives as JSON, so it is rebuilt to be rendered.
 */
function returnedFailure(result: unknown): string | undefined {
  if (!isRecord(result) || result.status !== 'failed' || !isRecord(result.error)) return undefined;
  const { code, issues, subject, message } = result.error;
  const list = Array.isArray(issues) ? (issues.filter(isRecord) as unknown as InputIssue[]) : [];
  if (code === 'INVALID_CONFIGURATION') return renderError(new ConfigurationError(list));
  if (code === 'INVALID_INPUT') return renderError(new InvalidInputError(list, typeof subject === 'string' ? subject : 'input'));
  return typeof message === 'string' ? message : undefined;
}

/** What the result says about the invocation, as an exit code. */
function exitCodeOfResult(result: unknown): ExitCode {
  if (!isRecord(result)) return EXIT.ok;
  const report = reportIn(result);
  if (report) return exitCodeOfReport(report);
  if (result.status === 'failed') {
    const code = isRecord(result.error) ? result.error.code : undefined;
    return code === 'INVALID_INPUT' || code === 'INVALID_CONFIGURATION' ? EXIT.invalidInput : code === 'GUARD_BLAST_RADIUS' ? EXIT.stopped : EXIT.failed;
  }
  if (typeof result.statusCode === 'number') return result.statusCode < 400 ? EXIT.ok : result.statusCode < 500 ? EXIT.invalidInput : EXIT.failed;
  return EXIT.ok;
}

/**
 * Runs `fn` with the process's stdout sent to stderr: the function logs to stdout (FC ships that to its
 * logstore), while here stdout must hold only the result.
 */
async function withStdoutOnStderr<T>(fn: () => Promise<T>): Promise<T> {
  const write = process.stdout.write;
  process.stdout.write = process.stderr.write.bind(process.stderr) as typeof process.stdout.write;
  try {
    return await fn();
  } finally {
    process.stdout.write = write;
  }
}

export async function invokeCommand(name: string, flags: InvokeFlags, term: Terminal, distDir: string): Promise<ExitCode> {
  const handler = loadHandler(name, distDir);
  const event = readEvent(flags.event);
  // The function reads its configuration from the environment at its cold start, as in FC.
  Object.assign(process.env, functionEnv(flags));
  const context = { requestId: `local-${randomUUID()}`, region: flags.region, function: { name, timeout: flags.timeout } };
  const result = await withStdoutOnStderr(() => handler(event, context));
  const report = reportIn(result);
  const failure = returnedFailure(result);
  if (failure) eprintln(term, `autotag: ${failure}`);
  // a result that is no object (none of autotag's handlers returns one) is wrapped, so the document has its formatVersion
  if (flags.json) printJson(term, isRecord(result) ? result : { result });
  else if (report || eventNotes(result).length) println(term, [...(report ? [renderReport(report, { paint: term.paint.out })] : []), ...eventNotes(result), '(the whole result: add --json)'].join('\n'));
  else println(term, JSON.stringify(result, null, 2));
  return exitCodeOfResult(result);
}

/**
 * The `autotag` executable (bundled to dist/cli.js): wires the CLI to this process (argv, stdout/stderr,
 * signals) and exits with the code the command chose, once stdout and stderr have drained.
 *
 * Signals: a command that can stop at a safe point (plan, apply, emulator) asks for `gracefulStop()`; the
 * first SIGINT/SIGTERM then aborts that signal and the command ends on its own. Any other command, or a
 * second signal while stopping, exits at once with 130 (SIGINT) or 143 (SIGTERM).
 */
import { setMaxListeners } from 'node:events';
import { join } from 'node:path';
import { redactString } from '../shared/log';
import { boundHeapGrowth } from '../shared/runtime';
import { exitCodeOfSignal, STOP_SIGNALS, type StopSignal } from './exit-codes';
import { asksForJson } from './options';
import { runCli } from './program';
import { drained, processTerminal } from './terminal';

async function exit(code: number): Promise<never> {
  await Promise.all([drained(process.stdout), drained(process.stderr)]);
  process.exit(code);
}

// A reader that went away (`autotag plan --json | head`) is no reason to crash with a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
  });
}

boundHeapGrowth();

const stopping = new AbortController();
// every call waiting for the rate limiter listens for the stop: dozens at once is normal, not a leak
setMaxListeners(0, stopping.signal);
let graceful = false;
const onSignal = (signal: StopSignal) => {
  if (graceful && !stopping.signal.aborted) return stopping.abort(signal);
  process.stderr.write(`autotag: ${signal}${graceful ? ' again' : ''}: exiting at once\n`);
  void exit(exitCodeOfSignal(signal));
};
for (const signal of STOP_SIGNALS) process.on(signal, onSignal);

const gracefulStop = () => {
  graceful = true;
  return stopping.signal;
};

// dist/cli.js sits one level below the repository root, next to rules/, and beside the function bundles.
// read before commander: colour is settled before anything is printed, help and errors included
const colourOff = process.argv.includes('--no-color') || asksForJson(process.argv);
runCli(process.argv, { term: processTerminal(colourOff), gracefulStop, rulesDir: join(__dirname, '..', 'rules'), distDir: __dirname, env: process.env }).then(
  (code) => exit(code),
  (error: unknown) => {
    process.stderr.write(`autotag: unexpected error: ${redactString(error instanceof Error ? (error.stack ?? error.message) : String(error))}\n`);
    return exit(1);
  },
);

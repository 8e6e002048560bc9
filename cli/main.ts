/**
 * The `autotag` executable (bundled to dist/cli.js): wires the CLI to this process (argv, stdout/stderr,
 * signals) and exits with the code the command chose.
 */
import { join } from 'node:path';
import { runCli } from './program';
import { processTerminal } from './terminal';

const untilStopped = () =>
  new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });

// dist/cli.js sits one level below the repository root, next to rules/, and beside the function bundles.
runCli(process.argv, { term: processTerminal(), untilStopped, rulesDir: join(__dirname, '..', 'rules'), distDir: __dirname }).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`autotag: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);

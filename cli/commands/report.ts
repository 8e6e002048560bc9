/**
 * `autotag report --run <id> [file]`: the pieces of one scheduled run (its shards, their continuations, every
 * delivery FC made of them) read back from the scheduled function's log lines as one report. The lines come
 * from a file or stdin, as JSON lines or as Simple Log Service entries (`aliyunlog log get_log_all` output:
 * shared/log read.ts), and may hold other runs' lines: only the run's are read.
 */
import { readFileSync } from 'node:fs';
import { InvalidInputError } from '../../shared/errors';
import { readLogRecords } from '../../shared/log';
import { combineRunPieces } from '../../shared/triggers';
import { examples, type CommandDeclaration } from '../command';
import { EXIT, type ExitCode } from '../exit-codes';
import { counted } from '../render/format';
import { renderRunPieces } from '../render/run-pieces';
import { eprintln, printJson, println, type Terminal } from '../terminal';

interface ReportFlags {
  run: string;
  json?: boolean;
}

function readInput(file: string | undefined): string {
  const from = file === undefined || file === '-' ? 0 : file;
  try {
    return readFileSync(from, 'utf8');
  } catch (e) {
    throw new InvalidInputError([{ field: 'file', message: `cannot read ${from === 0 ? 'stdin' : from}: ${(e as Error).message}` }], 'report');
  }
}

async function reportCommand(file: string | undefined, flags: ReportFlags, term: Terminal): Promise<ExitCode> {
  const { records, skipped } = readLogRecords(readInput(file));
  const report = combineRunPieces(records, flags.run);
  if (!report) {
    const message = `no log line of run ${flags.run} in ${counted(records.length + skipped, 'line')}: export the scheduled function's log for the time of the run (autotag report --help)`;
    if (flags.json) printJson(term, { error: { code: 'RUN_NOT_FOUND', message } });
    eprintln(term, `${term.paint.err.bad('autotag:')} ${message}`);
    return EXIT.failed;
  }
  if (flags.json) printJson(term, report);
  else println(term, renderRunPieces(report));
  return report.status === 'ok' ? EXIT.ok : EXIT.failed;
}

export function declareReportCommand({ program, guard, term }: CommandDeclaration): void {
  program
    .command('report')
    .description("one scheduled run as one report, read from the scheduled function's log lines: its shards and the pieces each ran in (continuations), every delivery FC made of them, the totals, what is unread, the failures")
    .requiredOption('--run <id>', 'the run id: the request id of the timer invocation (the "scheduled run" line\'s runId), or a shard\'s')
    .argument('[file]', 'the log lines: JSON lines, or Simple Log Service entries (a JSON array or one per line, the line in `message`); default stdin')
    .option('--json', 'print the report as one JSON document')
    .addHelpText(
      'after',
      examples([
        "aliyunlog log get_log_all --project <project> --logstore <logstore> --from_time '2025-06-01 02:00:00+8:00' --to_time '2025-06-01 05:00:00+8:00' --query '\"1-6650a1b2-0123456789abcdef01234567\"' > run.json",
        'autotag report --run 1-6650a1b2-0123456789abcdef01234567 run.json',
        'autotag report --run 1-6650a1b2-0123456789abcdef01234567 --json < run.json',
      ]) +
        '\nExit codes: 0 the run is complete with nothing failed, 1 it is incomplete, partial or blocked (or not in the lines), 2 the file cannot be read.\n',
    )
    .action(guard((file: string | undefined, flags: ReportFlags) => reportCommand(file, flags, term), (_file, flags) => ({ json: flags.json })));
}

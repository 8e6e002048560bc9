/**
 * `apply --audit-log <file>`: the audit records as JSON lines appended to a regular file. The file is opened
 * (created if missing) before the run makes any API call, so a path that cannot take the log is refused as
 * input (exit 2, naming the flag and the fix) instead of failing after the first writes. One descriptor is
 * kept for the run; each record is written whole (a line cut short by a full disk or a size limit is cut back
 * off), and an `intent` (an overwrite about to unbind the old value) is flushed to disk before the unbind starts. An append that fails later (disk full, a file that vanished
 * under a reader, a broken pipe) throws AuditLogError: the engine then starts no further write.
 */
import { closeSync, constants, fdatasyncSync, fstatSync, ftruncateSync, openSync, writeSync, type Stats } from 'node:fs';
import { dirname } from 'node:path';
import { AuditLogError, InvalidInputError } from '../shared/errors';
import type { AuditRecord } from '../shared/engine';

const FLAG = '--audit-log';

export interface AuditFile {
  append(record: AuditRecord): void;
  close(): void;
}

const DIRECTORY = 'is a directory: name a file in it (e.g. <folder>/autotag-audit.jsonl)';
const FIFO = 'is a FIFO: a run would stall or lose its audit when no one reads it; name a regular file';
const NOT_REGULAR = 'is not a regular file (a device or socket): name a regular file the log can be appended to';

/** What is wrong with an existing file as an audit log (nothing: a regular file). */
function kindProblem(stats: Stats): string | undefined {
  if (stats.isFile()) return undefined;
  return stats.isDirectory() ? DIRECTORY : stats.isFIFO() ? FIFO : NOT_REGULAR;
}

/** Why `path` cannot be opened for appending, as a person fixes it. */
function openProblem(path: string, code: string | undefined): string {
  switch (code) {
    case 'ENOENT':
      return `cannot be created: the folder ${dirname(path)} does not exist; create it (mkdir -p ${dirname(path)}) or name a file in an existing folder`;
    case 'ENOTDIR':
      return `cannot be created: part of the path ${dirname(path)} is not a folder; name a file in an existing folder`;
    case 'EISDIR':
      return DIRECTORY;
    case 'ENXIO':
      return FIFO;
    case 'EACCES':
    case 'EPERM':
      return 'cannot be written (permission denied): name a file you can write, or fix its permissions';
    case 'EROFS':
      return 'is on a read-only file system: name a file on a writable one';
    default:
      return `cannot be opened for appending (${code ?? 'unknown error'}): name a file you can write`;
  }
}

/** A record written in part (the file reached its size limit mid-line) is cut back off, so the log ends at a whole line. */
function cutBack(fd: number, written: number): void {
  try {
    ftruncateSync(fd, fstatSync(fd).size - written);
  } catch {
    // the log ends with part of a line; the error that follows says the log failed
  }
}

const refuse = (path: string, problem: string) => new InvalidInputError([{ field: FLAG, message: `${path} ${problem}` }], 'flags');

/** Opens `path` for appending, or refuses it as input; call before the run's first API call. */
export function openAuditFile(path: string): AuditFile {
  let fd: number;
  try {
    // O_NONBLOCK: a FIFO without a reader fails at once (ENXIO) instead of blocking the open
    fd = openSync(path, constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_NONBLOCK, 0o644);
  } catch (e) {
    throw refuse(path, openProblem(path, (e as NodeJS.ErrnoException).code));
  }
  const problem = kindProblem(fstatSync(fd));
  if (problem) {
    closeSync(fd);
    throw refuse(path, problem);
  }
  return {
    append(record) {
      const bytes = Buffer.from(JSON.stringify(record) + '\n');
      let at = 0;
      try {
        while (at < bytes.length) at += writeSync(fd, bytes, at);
        if (record.kind === 'intent') fdatasyncSync(fd);
      } catch (e) {
        if (at > 0 && at < bytes.length) cutBack(fd, at);
        const code = (e as NodeJS.ErrnoException).code;
        throw new AuditLogError(`cannot append to ${path}: ${(e as Error).message}`, code, { cause: e });
      }
    },
    close: () => closeSync(fd),
  };
}

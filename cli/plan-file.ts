/**
 * A saved plan on disk (`plan --out`, `apply --plan`): JSON lines, exactly what `plan --json` streams, its
 * report line last. Written to a temporary file beside the target and renamed over it only once the report
 * line is in, so a run that crashes or is killed never leaves a half plan under the name given (and a file
 * without its report line is refused as incomplete anyway). The target is checked before any API call.
 */
import { closeSync, createReadStream, fsyncSync, openSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { AutotagError, InvalidInputError } from '../shared/errors';

/** bytes buffered before a write: one system call per 64 KiB, not per record */
const BUFFER_BYTES = 64 * 1024;

/** The plan file could not be written to its end (the disk filled, say): nothing was saved under its name. */
export class PlanFileError extends AutotagError {
  readonly code = 'PLAN_FILE_WRITE';
  constructor(
    readonly path: string,
    cause: unknown,
  ) {
    super(`could not write the plan to ${path} (${(cause as NodeJS.ErrnoException).code ?? String(cause)}): nothing was saved there`, { cause });
  }
}

const refuse = (flag: string, message: string): never => {
  throw new InvalidInputError([{ field: flag, message }], 'plan file');
};

export class PlanFile {
  private buffer = '';
  private failure: unknown;

  private constructor(
    readonly path: string,
    private readonly temp: string,
    private fd: number | undefined,
  ) {}

  /** Opens the temporary file beside `path`: refused (exit 2, naming `flag`) when `path` cannot be written. */
  static create(path: string, flag = '--out'): PlanFile {
    const existing = statOf(path);
    if (existing?.isDirectory()) refuse(flag, `${path} is a folder: name the file to write the plan to`);
    const temp = join(dirname(path), `.${basename(path)}.${process.pid}.partial`);
    try {
      return new PlanFile(path, temp, openSync(temp, 'w', 0o644));
    } catch (e) {
      return refuse(flag, `cannot write ${path} (${(e as NodeJS.ErrnoException).code ?? String(e)}): the folder must exist and be writable`);
    }
  }

  /** Adds one line; never throws (it runs inside the run's observer): a failure is kept for `commit`. */
  write(line: string): void {
    if (this.failure !== undefined) return;
    this.buffer += line;
    if (this.buffer.length >= BUFFER_BYTES) this.flush();
  }

  /** Writes what is buffered, syncs it, and renames the file to its name: the plan is saved. */
  commit(): void {
    this.flush();
    if (this.failure === undefined) {
      try {
        fsyncSync(this.fd!);
      } catch (e) {
        this.failure = e;
      }
    }
    this.close();
    if (this.failure !== undefined) {
      this.discard();
      throw new PlanFileError(this.path, this.failure);
    }
    renameSync(this.temp, this.path);
  }

  /** Removes the temporary file: nothing is saved under the plan's name. */
  discard(): void {
    this.close();
    try {
      unlinkSync(this.temp);
    } catch {
      // already gone
    }
  }

  private flush(): void {
    if (this.failure !== undefined || !this.buffer) return;
    try {
      writeSync(this.fd!, this.buffer);
    } catch (e) {
      this.failure = e;
    }
    this.buffer = '';
  }

  private close(): void {
    if (this.fd === undefined) return;
    closeSync(this.fd);
    this.fd = undefined;
  }
}

function statOf(path: string) {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/**
 * The lines of a saved plan, streamed from the file each time they are iterated (the file is opened then: a
 * reader opened early would drop the lines read before iteration starts); refused (exit 2, naming `flag`)
 * at once when it is no file.
 */
export function planFileLines(path: string, flag = '--plan'): AsyncIterable<string> {
  const stat = statOf(path);
  if (!stat) refuse(flag, `${path} does not exist: save a plan with autotag plan --out ${path}`);
  if (!stat!.isFile()) refuse(flag, `${path} is not a file`);
  return { [Symbol.asyncIterator]: () => createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity })[Symbol.asyncIterator]() };
}

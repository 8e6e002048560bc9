/**
 * A rule-set file's bytes, read only when it is a regular file of at most MAX_RULE_FILE_BYTES: a FIFO would
 * block the read forever and a device such as /dev/zero never ends, so what the path is, and its size, are
 * checked on the opened file before anything is read.
 */
import { constants, type Stats } from 'node:fs';
import { open } from 'node:fs/promises';

/** 1 MiB: a thousand rules take about 100 KiB; anything larger is a mistake or an attack. Documented in rules/README.md. */
export const MAX_RULE_FILE_BYTES = 1024 * 1024;

export type RuleFileBytes = { bytes: Buffer } | { problem: string };

const TOO_LARGE = (size: string) =>
  `the rule set is ${size}, more than the ${MAX_RULE_FILE_BYTES.toLocaleString('en-US')} bytes (1 MiB) a rule set may have: split it into several rule sets`;

/** Why `text` is too large to be a rule set, if it is. */
export function ruleTextSizeProblem(text: string): string | undefined {
  const bytes = Buffer.byteLength(text, 'utf8');
  return bytes > MAX_RULE_FILE_BYTES ? TOO_LARGE(`${bytes.toLocaleString('en-US')} bytes`) : undefined;
}

function kindOf(st: Stats): string {
  if (st.isFIFO()) return 'a named pipe (FIFO)';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

function openProblem(e: NodeJS.ErrnoException): string {
  switch (e.code) {
    case 'ENOENT':
      return 'no such file: check the path';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied: make the file readable';
    case 'ENXIO':
      return 'is a socket, not a rule-set file';
    default:
      return e.message;
  }
}

export async function readRuleFile(path: string): Promise<RuleFileBytes> {
  let handle;
  try {
    // O_NONBLOCK: opening a FIFO to read would otherwise wait for a writer, for ever
    handle = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    return { problem: openProblem(e as NodeJS.ErrnoException) };
  }
  try {
    const st = await handle.stat();
    if (st.isDirectory()) return { problem: 'is a directory, not a rule-set file' };
    if (!st.isFile()) return { problem: `is ${kindOf(st)}, not a rule-set file: a rule set must be a regular file` };
    if (st.size > MAX_RULE_FILE_BYTES) return { problem: TOO_LARGE(`${st.size.toLocaleString('en-US')} bytes`) };
    // one byte more than measured: a file that grew meanwhile is noticed, and never read past the limit
    const buffer = Buffer.alloc(st.size + 1);
    let length = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      length += bytesRead;
      if (bytesRead === 0 || length === buffer.length) break;
    }
    if (length > st.size) return { problem: 'the file changed while it was read: try again' };
    return { bytes: buffer.subarray(0, length) };
  } finally {
    await handle.close();
  }
}

/**
 * Where the table-details cache keeps its files: a directory, on a local disk (the CLI) or on a shared mount
 * that outlives an FC instance (an OSS bucket through fc3's `ossMountConfig`, or NAS). Names are relative
 * paths of `/`-separated safe segments. A file is written whole to a temporary name beside it and then
 * renamed over the old one: on a local disk the rename is atomic; on an OSS mount it is a copy then a delete
 * (research: rename is not atomic there), so a reader sees the old object, the new one or none — never a mix,
 * and the cache validates whatever it reads anyway. Concurrent writers of one file: the last rename wins.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

export interface CacheStore {
  /** the file's text, or undefined when there is none */
  read(name: string): Promise<string | undefined>;
  /** replaces the file with `text` */
  write(name: string, text: string): Promise<void>;
  /** for messages */
  readonly location: string;
}

const SAFE_NAME = /^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/;

function pathOf(dir: string, name: string): string {
  if (!SAFE_NAME.test(name) || name.split('/').some((s) => s === '.' || s === '..')) throw new Error(`not a cache file name: ${name}`);
  return join(dir, ...name.split('/'));
}

export function directoryStore(dir: string): CacheStore {
  return {
    location: dir,
    async read(name) {
      try {
        return await readFile(pathOf(dir, name), 'utf8');
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw e;
      }
    },
    async write(name, text) {
      const path = pathOf(dir, name);
      await mkdir(dirname(path), { recursive: true });
      const temporary = `${path}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
      try {
        await writeFile(temporary, text, 'utf8');
        await rename(temporary, path);
      } catch (e) {
        await rm(temporary, { force: true });
        throw e;
      }
    },
  };
}

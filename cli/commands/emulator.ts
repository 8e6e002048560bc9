/**
 * `autotag emulator`: the DataWorks emulator as a process of its own, for trying the CLI (or the functions)
 * with no cloud account. It prints ONE JSON line on stdout: the URL and the AccessKey pair it accepts. That
 * pair is a throwaway for a local fake, and this line is the only place the CLI ever prints a secret.
 */
import { loadCatalog, startEmulator, type Emulator, type EmulatorOptions } from '../../emulator';
import { InvalidInputError } from '../../shared/errors';
import { versioned } from '../../shared/json';
import { EXIT, type ExitCode } from '../exit-codes';
import { eprintln, println, type Terminal } from '../terminal';

export interface EmulatorFlags {
  port: number;
  host?: string;
  assets: number;
  seed: number;
  readQps?: number;
  writeQps?: number;
  failRate?: number;
  listScope?: 'tagged' | 'all';
  /** a catalog JSON file instead of a generated one */
  catalog?: string;
}

function emulatorOptions(flags: EmulatorFlags): EmulatorOptions {
  return {
    port: flags.port,
    host: flags.host,
    catalog: flags.catalog ? loadCatalog(flags.catalog) : undefined,
    assets: flags.assets,
    seed: flags.seed,
    readQps: flags.readQps,
    writeQps: flags.writeQps,
    listScope: flags.listScope,
    faults: flags.failRate ? { failRate: flags.failRate, seed: flags.seed } : undefined,
  };
}

/** The emulator, or an input error naming the port when it cannot listen there. */
async function listen(flags: EmulatorFlags): Promise<Emulator> {
  try {
    return await startEmulator(emulatorOptions(flags));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'EADDRINUSE' && code !== 'EACCES' && code !== 'EADDRNOTAVAIL') throw e;
    throw new InvalidInputError([{ field: '--port', message: `cannot listen on ${flags.host ?? '127.0.0.1'}:${flags.port} (${code}): pick another port, or 0 for a free one` }], 'emulator options');
  }
}

/** Runs until `stop` fires (SIGINT/SIGTERM in the real CLI), then closes the server. */
export async function emulatorCommand(flags: EmulatorFlags, term: Terminal, stop: AbortSignal): Promise<ExitCode> {
  const emulator = await listen(flags);
  const { accessKeyId, accessKeySecret } = emulator.credentials;
  const catalog = emulator.catalog();
  println(
    term,
    JSON.stringify(
      versioned({
        url: emulator.url,
        endpoint: emulator.endpoint,
        accessKeyId,
        accessKeySecret,
        note: 'a throwaway AccessKey pair for this local emulator only; autotag prints a secret nowhere else',
      }),
    ),
  );
  eprintln(
    term,
    [
      `DataWorks emulator listening on ${emulator.url} (${catalog.tables.length + catalog.tasks.length} assets). Stop it with Ctrl-C.`,
      'In another shell, set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET to the pair above, then:',
      `  autotag plan --rules rules/example.yaml --endpoint ${emulator.url}`,
    ].join('\n'),
  );
  if (!stop.aborted) await new Promise((resolve) => stop.addEventListener('abort', resolve, { once: true }));
  await emulator.stop();
  eprintln(term, 'emulator stopped');
  return EXIT.ok;
}

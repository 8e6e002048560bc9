/**
 * The entry bundled.test.ts bundles: the local FC run from a bundle (as dist/cli.js or dist/bench.js would
 * hold it), one anonymous HTTP-trigger request to the function bundle named in argv, the answer on stdout
 * as JSON; a failure to start is its message on stderr and exit code 1.
 */
import { startLocalFc } from '../../../emulator/fc';

async function main(): Promise<void> {
  const [bundle, path] = process.argv.slice(2);
  const fc = await startLocalFc({ callers: [{ accessKeyId: 'LTAIprobe', accessKeySecret: 'probe-secret' }], functions: [{ name: 'probe', bundle, timeout: 10 }] });
  try {
    const trigger = await fc.startHttpTrigger('probe', { authType: 'anonymous' });
    const res = await fetch(`${trigger.url}${path}`);
    process.stdout.write(JSON.stringify({ status: res.status, body: await res.text() }));
  } finally {
    await fc.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});

import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { fixtureBundle } from '../../support/local-fc';

// The local FC forks its instances from instance-main.js beside the running file: from sources that is
// emulator/fc/ (every other test here), in a bundle it is the bundle's folder, where npm run build puts it.
const DIST = resolve(__dirname, '..', '..', '..', 'dist');

interface ProbeRun {
  code: number;
  stdout: string;
  stderr: string;
}

const runProbe = (probe: string): Promise<ProbeRun> =>
  new Promise((done) => {
    execFile(process.execPath, [probe, fixtureBundle('http-echo'), '/plain'], (error, stdout, stderr) => done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }));
  });

describe('the local FC in a bundle', () => {
  let bare: string;
  let withRunner: string;
  beforeAll(async () => {
    bare = mkdtempSync(join(tmpdir(), 'autotag-fc-bundle-'));
    withRunner = mkdtempSync(join(tmpdir(), 'autotag-fc-bundle-'));
    await build({ entryPoints: [join(__dirname, 'bundled-probe.ts')], outfile: join(bare, 'probe.js'), bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'warning' });
    cpSync(join(bare, 'probe.js'), join(withRunner, 'probe.js'));
    cpSync(join(DIST, 'instance-main.js'), join(withRunner, 'instance-main.js'));
  });
  afterAll(() => {
    for (const dir of [bare, withRunner]) if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('npm run build puts the instance runner beside the CLI and benchmark bundles', () => {
    expect(['cli.js', 'bench.js', 'instance-main.js'].filter((file) => existsSync(join(DIST, file)))).toEqual(['cli.js', 'bench.js', 'instance-main.js']);
  });

  it('runs a function from a bundle with the built runner beside it', async () => {
    const run = await runProbe(join(withRunner, 'probe.js'));
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(run.stdout)).toEqual({ status: 200, body: 'just text' });
  });

  it('refuses to start, saying what is missing, when no runner is beside the bundle', async () => {
    const run = await runProbe(join(bare, 'probe.js'));
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`instance runner ${join(bare, 'instance-main.js')} is missing`);
  });
});

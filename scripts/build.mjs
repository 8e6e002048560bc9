// Bundles the CLI, the benchmark and one folder per FC function with esbuild: one file each, so a
// function's cold start loads a single small module and `s deploy` ships only dist/<name>/.
import { build } from 'esbuild';
import { readdirSync, existsSync, cpSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const quiet = process.argv.includes('--quiet');
// proxy-agent: an optional dependency of urllib (under @alicloud/fc2 → ali-oss), required only when a proxy is
// configured and not installed; left external so the bundle builds, as it would fail only on that path.
const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: 'linked', logLevel: quiet ? 'warning' : 'info', legalComments: 'none',
  // error classes set `name` from their constructor: minified bundles must keep it
  keepNames: true, external: ['proxy-agent'] };

const functions = readdirSync('functions', { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join('functions', d.name, 'index.ts')))
  .map((d) => d.name);

const jobs = functions.map((name) =>
  build({ ...common, entryPoints: [join('functions', name, 'index.ts')], outfile: join('dist', name, 'index.js'), minify: true }),
);
if (existsSync('cli/main.ts')) {
  jobs.push(build({ ...common, entryPoints: ['cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } }));
}
if (existsSync('bench/main.ts')) {
  jobs.push(build({ ...common, entryPoints: ['bench/main.ts'], outfile: 'dist/bench.js' }));
}
// The local FC (emulator/fc) forks its instances from instance-main.js, plain JS it finds beside the running
// file: emulator/fc/ from sources, dist/ for the CLI and the benchmark once a bundle of theirs includes it.
if (existsSync('emulator/fc/instance-main.js')) {
  jobs.push(build({ ...common, entryPoints: ['emulator/fc/instance-main.js'], outfile: 'dist/instance-main.js' }));
}
await Promise.all(jobs);

// Each function ships its rule sets: dist/<name>/rules/ is what AUTOTAG_RULES=rules finds beside index.js.
if (existsSync('rules')) {
  for (const name of functions) {
    const target = join('dist', name, 'rules');
    rmSync(target, { recursive: true, force: true });
    cpSync('rules', target, { recursive: true });
  }
}

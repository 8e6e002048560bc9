/**
 * `npm run build` once before any suite (jest's global setup, global-setup.ts, calls it), so the suites that run what users run (the
 * built CLI, the FC bundles, the benchmark) share one build instead of rebuilding dist/ under each other.
 */
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

export default function buildOnce(): void {
  execFileSync('npm', ['run', 'build', '--silent', '--', '--quiet'], { cwd: resolve(__dirname, '..'), stdio: 'inherit' });
}

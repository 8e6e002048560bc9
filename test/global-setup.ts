/** Jest global setup: build dist/ once (build-once.ts), then open the emulators' violation log (violation-log-setup.ts). */
import buildOnce from './build-once';
import openViolationLog from './violation-log-setup';

export default function globalSetup(): void {
  buildOnce();
  openViolationLog();
}

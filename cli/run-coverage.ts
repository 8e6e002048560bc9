/**
 * Coverage after `plan` and `apply`: counted while the run goes (every evaluated asset once, counts only), then
 * a few lines after the report (the share of assets carrying each key the rule set declares, what was never
 * scanned) and, with `--coverage <file>`, the page (`.html`) or the JSON (`.json`) written there. `--no-coverage`
 * counts nothing and prints nothing. The full breakdown is `autotag coverage`.
 */
import { writeFileSync } from 'node:fs';
import type { Clock } from '../shared/clock';
import { renderCoverageSummary } from '../shared/coverage';
import type { RunObserver, RunReport } from '../shared/engine';
import { collectRunCoverage } from '../shared/reports';
import type { RuleSet } from '../shared/rules';
import { COVERAGE_FORMATS, formatOfFile } from './render/coverage';
import { eprintln, type Terminal } from './terminal';

export interface CoverageFlags {
  /** a file to write (`.html` or `.json`), or false: --no-coverage */
  coverage?: string | false;
}

export interface CoverageOutput {
  observer: Pick<RunObserver, 'asset'>;
  /** writes the file asked for (and says so on stderr); the summary for the text output */
  finish(report: RunReport): string[];
}

export function coverageOutput(ruleSet: RuleSet, flags: CoverageFlags, term: Terminal, clock: Clock): CoverageOutput {
  if (flags.coverage === false) return { observer: {}, finish: () => [] };
  const coverage = collectRunCoverage(ruleSet, clock.now);
  return {
    observer: { asset: coverage.asset },
    finish(report) {
      const covered = coverage.report(report);
      const file = flags.coverage;
      if (file) {
        const format = formatOfFile(file);
        writeFileSync(file, COVERAGE_FORMATS[format](covered));
        eprintln(term, `autotag: coverage ${format === 'html' ? 'page' : 'report'} written to ${file}`);
      }
      return renderCoverageSummary(covered);
    },
  };
}

/**
 * Coverage as the CLI writes it: the three renderings of shared/coverage by name (`--format text|json|html`),
 * and which one a file asks for by its extension (`--coverage report.html`, `--coverage report.json`).
 */
import { InvalidArgumentError } from 'commander';
import { renderCoverageHtml, renderCoverageJson, renderCoverageText, type CoverageReport } from '../../shared/coverage';

export const COVERAGE_FORMATS = {
  text: (r: CoverageReport) => renderCoverageText(r),
  json: (r: CoverageReport) => renderCoverageJson(r),
  html: (r: CoverageReport) => renderCoverageHtml(r),
} as const;

export type CoverageFormat = keyof typeof COVERAGE_FORMATS;
export const COVERAGE_FORMAT_NAMES = Object.keys(COVERAGE_FORMATS) as CoverageFormat[];

const BY_EXTENSION: Readonly<Record<string, CoverageFormat>> = { '.html': 'html', '.htm': 'html', '.json': 'json' };
const formatOf = (path: string): CoverageFormat | undefined => BY_EXTENSION[/\.[^./\\]+$/.exec(path.toLowerCase())?.[0] ?? ''];

/** A flag parser (commander): a file whose name says which format it wants, else exit 2 before any call. */
export function coverageFile(path: string): string {
  if (!formatOf(path)) throw new InvalidArgumentError('must end in .html (the page) or .json (the report)');
  return path;
}

/** The format of a file `coverageFile` accepted. */
export function formatOfFile(path: string): CoverageFormat {
  return formatOf(path)!;
}

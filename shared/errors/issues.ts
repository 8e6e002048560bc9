/**
 * Problems with user input, as every boundary reports them (rule files, API request arguments, events,
 * HTTP bodies, configuration): where the field is, what is wrong, how to fix it. One way to write a field's
 * path, and one way to turn zod's findings into issues.
 */
import type { z } from 'zod';

/** One problem with user input: where it is, what is wrong, how to fix it. */
export interface InputIssue {
  /** dotted path of the field, e.g. `rules[2].match.name` or `DataAssetIds` */
  field: string;
  message: string;
  /** the file the input came from, when there is one */
  file?: string;
  /** the rule the field belongs to, when there is one */
  ruleId?: string;
}

export type Path = readonly PropertyKey[];

export function formatIssue(issue: InputIssue): string {
  const where = [issue.file, issue.ruleId ? `rule ${issue.ruleId}` : undefined, issue.field].filter(Boolean).join(': ');
  return `${where}: ${issue.message}`;
}

/** `title:` then one indented line per issue: the message of every error that carries issues. */
export function issuesMessage(title: string, issues: readonly InputIssue[]): string {
  return `${title}:\n${issues.map((i) => `  - ${formatIssue(i)}`).join('\n')}`;
}

/**
 * `['rules', 2, 'match']` → `rules[2].match`; keys that are not plain words are quoted (`tags["cost center"]`).
 * `prefix` (itself a path, e.g. `context.credentials`) goes in front as written. An empty path is ''.
 */
export function fieldPath(path: Path, prefix = ''): string {
  let out = prefix;
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (/^[$A-Za-z0-9_-]+$/.test(String(seg))) out += out ? `.${String(seg)}` : String(seg);
    else out += `[${JSON.stringify(String(seg))}]`;
  }
  return out;
}

/** zod's issues as InputIssues, under `prefix` when given; an issue about the whole value is `(root)`. */
export function toInputIssues(error: z.core.$ZodError, prefix?: string): InputIssue[] {
  return error.issues.map((issue) => ({ field: fieldPath(issue.path, prefix) || '(root)', message: issue.message }));
}

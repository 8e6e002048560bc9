/**
 * zod's issues as autotag's InputIssues, so every boundary (events, HTTP bodies, configuration) reports a
 * bad field the same way: a dotted path with `[n]` for array positions, and zod's message.
 */
import type { z } from 'zod';
import type { InputIssue } from '../errors';

/** `['rules', 2, 'match']` → `rules[2].match`, under `prefix` when given. */
export function fieldPath(path: readonly PropertyKey[], prefix?: string): string {
  let out = prefix ?? '';
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : `${out ? '.' : ''}${String(part)}`;
  return out || '(root)';
}

export function toInputIssues(error: z.core.$ZodError, prefix?: string): InputIssue[] {
  return error.issues.map((issue) => ({ field: fieldPath(issue.path, prefix), message: issue.message }));
}

/**
 * How a place in a rule-set file is written in messages (`rules[2].match.name`), and how zod's findings
 * become issues a user can act on: one per problem, naming the rule and the field.
 */
import type { z } from 'zod';
import { fieldPath, type InputIssue, type Path } from '../errors';
import { isRecord } from '../json';

/** An issue (without the file: the loader adds it). */
export function issueAt(path: Path, message: string, ruleId?: string): InputIssue {
  return ruleId === undefined ? { field: fieldPath(path), message } : { field: fieldPath(path), message, ruleId };
}

/** The id of the rule a path points into, read from the raw document (it may be invalid elsewhere). */
function ruleIdAt(data: unknown, path: Path): string | undefined {
  if (path[0] !== 'rules' || typeof path[1] !== 'number' || !isRecord(data) || !Array.isArray(data.rules)) return undefined;
  const rule: unknown = data.rules[path[1]];
  return isRecord(rule) && typeof rule.id === 'string' ? rule.id : undefined;
}

/** Every zod issue as InputIssues, with the rule id looked up in the raw document. */
export function issuesFromZod(error: z.ZodError, data: unknown): InputIssue[] {
  return error.issues.flatMap((iss) => convert(iss, [], data));
}

function convert(iss: z.core.$ZodIssue, base: Path, data: unknown): InputIssue[] {
  const path = [...base, ...iss.path];
  const at = (p: Path, message: string) => issueAt(p, message, ruleIdAt(data, p));
  switch (iss.code) {
    case 'unrecognized_keys':
      // the closed-object hook wrote the message (with a did-you-mean); point at the key when there is one
      return [at(iss.keys.length === 1 ? [...path, iss.keys[0]] : path, iss.message)];
    case 'invalid_union': {
      // when exactly one alternative got past the top level (its problems are deeper), that is what the user meant
      const deeper = iss.errors.filter((branch) => branch.length > 0 && branch.every((b) => b.path.length > 0));
      if (deeper.length === 1) return deeper[0].flatMap((b) => convert(b, path, data));
      return [at(path, `${iss.message}${describeInput(iss.input)}`)];
    }
    case 'invalid_type':
      if (iss.input === undefined) return [at(path, missingMessage(path))];
      return [at(path, `expected ${iss.expected === 'int' ? 'a whole number' : iss.expected}${describeInput(iss.input)}`)];
    case 'invalid_value': {
      if (iss.input === undefined) return [at(path, missingMessage(path))];
      const options = iss.values.map((v) => JSON.stringify(v)).join(' | ');
      const near = iss.values.find((v) => typeof v === 'string' && typeof iss.input === 'string' && v.toLowerCase() === iss.input.toLowerCase());
      return [at(path, `must be ${options}${describeInput(iss.input)}${near !== undefined ? ` (did you mean ${JSON.stringify(near)}? values are case-sensitive)` : ''}`)];
    }
    case 'too_small':
      if (iss.origin === 'array') return [at(path, `must list at least ${String(iss.minimum)} item${iss.minimum === 1 ? '' : 's'}`)];
      if (iss.origin === 'string') return [at(path, 'must not be empty')];
      return [at(path, `must be ${iss.inclusive ? 'at least' : 'more than'} ${String(iss.minimum)}${describeInput(iss.input)}`)];
    case 'too_big':
      return [at(path, `must be ${iss.inclusive ? 'at most' : 'less than'} ${String(iss.maximum)}${describeInput(iss.input)}`)];
    default:
      return [at(path, iss.message)];
  }
}

function missingMessage(path: Path): string {
  const name = String(path[path.length - 1] ?? 'value');
  return name === 'version' ? 'missing: a rule set starts with "version: 1"' : `missing: "${name}" is required here`;
}

function describeInput(input: unknown): string {
  if (input === undefined) return '';
  if (input === null) return ' (got null)';
  if (Array.isArray(input)) return ' (got a list)';
  if (typeof input === 'object') return ' (got a map)';
  return ` (got ${typeof input} ${JSON.stringify(input)})`;
}

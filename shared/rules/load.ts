/**
 * Loading a rule set: text -> document -> file format -> model -> checks. Everything wrong is collected and
 * thrown at once as one InvalidInputError naming file, rule and field of each issue; nothing here calls an API.
 */
import { readFile } from 'node:fs/promises';
import { normalizeSources } from '../discovery';
import { InvalidInputError, type InputIssue } from '../errors';
import { readDocument } from './document';
import { isRecord } from '../json';
import { issuesFromZod } from './issues';
import { compileMatch } from './match';
import { normalizeRule, normalizeTagKeys, TextReader } from './normalize';
import { ruleSchema, ruleSetFileSchema, sourcesSchema, tagKeySpecSchema, type RuleSetFile } from './schema';
import type { RuleSet } from './types';
import { validateParts, type RuleSetParts } from './validate';

const SUBJECT = 'rule set';

/** Parses a rule set written in YAML or JSON. Throws InvalidInputError listing every issue found. */
export function parseRuleSet(text: string, file?: string): RuleSet {
  const doc = readDocument(text);
  if ('issues' in doc) throw invalid(doc.issues, file);
  const reader = new TextReader(doc.numberTexts);
  if (!isRecord(doc.data)) {
    throw invalid([{ field: '', message: 'expected a map at the top of the file, starting with "version: 1"' }], file);
  }
  const parsed = ruleSetFileSchema.safeParse(doc.data, { reportInput: true });
  const issues = parsed.success ? [] : issuesFromZod(parsed.error, doc.data);
  const parts = parsed.success ? completeParts(parsed.data, reader) : partialParts(doc.data, reader);
  issues.push(...validateParts(parts));
  if (!parsed.success || issues.length > 0) throw invalid(issues, file);

  const rules = parts.rules.map((r) => r.rule);
  for (const rule of rules) compileMatch(rule.match); // compile patterns now, not on the first asset
  return {
    version: 1,
    ...(file !== undefined && { file }),
    ...(parsed.data.name !== undefined && { name: parsed.data.name }),
    tagKeys: parts.tagKeys!,
    sources: parts.sources!,
    rules,
    settings: { maxBindings: parsed.data.settings.maxBindings },
  };
}

/** Reads and parses a rule-set file; read failures are InvalidInputErrors naming the file too. */
export async function loadRuleSet(path: string): Promise<RuleSet> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file: check the path' : code === 'EISDIR' ? 'is a directory, not a rule-set file' : (e as Error).message;
    throw invalid([{ field: '', message: `cannot read the rule set: ${why}` }], path);
  }
  return parseRuleSet(text, path);
}

function invalid(issues: InputIssue[], file?: string): InvalidInputError {
  return new InvalidInputError(file === undefined ? issues : issues.map((i) => ({ file, ...i })), SUBJECT);
}

function completeParts(data: RuleSetFile, reader: TextReader): RuleSetParts {
  return {
    tagKeys: normalizeTagKeys(data.tagKeys, reader),
    sources: normalizeSources(data.sources),
    rules: data.rules.map((rule, index) => ({ index, rule: normalizeRule(rule, index, reader) })),
  };
}

/** The parts that parse on their own when the whole does not, so their checks still run and report. */
function partialParts(data: Record<string, unknown>, reader: TextReader): RuleSetParts {
  const tagKeys = tagKeySpecSchema.array().safeParse(data.tagKeys);
  const sources = sourcesSchema.safeParse(data.sources);
  const rules = Array.isArray(data.rules) ? data.rules : [];
  return {
    tagKeys: tagKeys.success ? normalizeTagKeys(tagKeys.data, reader) : undefined,
    sources: sources.success ? normalizeSources(sources.data) : undefined,
    rules: rules.flatMap((raw: unknown, index) => {
      const rule = ruleSchema.safeParse(raw);
      return rule.success ? [{ index, rule: normalizeRule(rule.data, index, reader) }] : [];
    }),
  };
}

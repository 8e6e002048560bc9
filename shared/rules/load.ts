/**
 * Loading a rule set: text -> document -> file format -> model -> checks. Everything wrong is collected and
 * thrown at once as one InvalidInputError naming file, rule and field of each issue; nothing here calls an API.
 */
import { normalizeSources } from '../discovery';
import { registerNotifySecrets } from '../notify';
import { InvalidInputError, type InputIssue } from '../errors';
import { MAX_NESTING, readDocument } from './document';
import { readRuleFile, ruleTextSizeProblem } from './file';
import { decodeUtf8, isRecord } from '../json';
import { issuesFromZod } from './issues';
import { compileMatch } from './match';
import { normalizeRule, normalizeTagKeys, TextReader } from './normalize';
import { salvage } from './salvage';
import { ruleSchema, ruleSetFileSchema, sourcesSchema, tagKeySpecSchema, type RuleFile, type RuleSetFile, type TagKeySpecFile } from './schema';
import type { RuleSet, TagKeySpec } from './types';
import { validateParts, type RuleSetParts } from './validate';

const SUBJECT = 'rule set';

/** Parses a rule set written in YAML or JSON. Throws InvalidInputError listing every issue found. */
export function parseRuleSet(text: string, file?: string): RuleSet {
  const tooLarge = ruleTextSizeProblem(text);
  if (tooLarge) throw invalid([{ field: '', message: tooLarge }], file);
  const doc = readDocument(text);
  if ('issues' in doc) throw invalid(doc.issues, file);
  const reader = new TextReader(doc.numberTexts);
  if (!isRecord(doc.data)) {
    throw invalid([{ field: '', message: 'expected a map at the top of the file, starting with "version: 1"' }], file);
  }
  // a secret written in the file is masked before any message could show it
  registerNotifySecrets(doc.data.notify);
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
    ...(parsed.data.notify !== undefined && { notify: parsed.data.notify }),
  };
}

/**
 * Parses a rule set given as data (an HTTP body's `rules` object): as its JSON text, so it is read exactly as
 * the same text in a file would be. Data too deep to serialise is an issue like any other.
 */
export function parseRuleSetData(data: Record<string, unknown>, file?: string): RuleSet {
  let text: string;
  try {
    text = JSON.stringify(data);
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    throw invalid([{ field: '', message: `nested too deeply to read: a rule set needs about ten levels, and at most ${MAX_NESTING} are allowed` }], file);
  }
  return parseRuleSet(text, file);
}

/**
 * Reads and parses a rule-set file: only a regular file of at most 1 MiB (`file.ts`), of UTF-8 text. What
 * stops it is an InvalidInputError naming the file too.
 */
export async function loadRuleSet(path: string): Promise<RuleSet> {
  const read = await readRuleFile(path);
  if ('problem' in read) throw invalid([{ field: '', message: `cannot read the rule set: ${read.problem}` }], path);
  const decoded = decodeUtf8(read.bytes);
  if ('problem' in decoded) throw invalid([{ field: `line ${decoded.line}, column ${decoded.column}`, message: decoded.problem }], path);
  return parseRuleSet(decoded.text, path);
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

/**
 * The parts that parse on their own when the whole does not, so their checks still run and report: each tag key
 * and each rule keeps the fields that parse (`salvage.ts`). A rule that lost a field is `partial`: its own
 * fields are checked, but not what needs the whole rule (how it overlaps others, whether a source can feed it).
 * The declared keys count only when every entry kept its key, so no check calls a key undeclared by mistake.
 */
function partialParts(data: Record<string, unknown>, reader: TextReader): RuleSetParts {
  const sources = sourcesSchema.safeParse(data.sources);
  return {
    tagKeys: salvagedTagKeys(data.tagKeys, reader),
    sources: sources.success ? normalizeSources(sources.data) : undefined,
    rules: (Array.isArray(data.rules) ? data.rules : []).flatMap((raw: unknown, index) => {
      const part = salvage(ruleSchema, raw);
      if (!part || !isRecord(part.value)) return [];
      const rule = { id: typeof part.value.id === 'string' ? part.value.id : rawId(raw), match: {}, tags: {}, ...part.value } as RuleFile;
      return [{ index, rule: normalizeRule(rule, index, reader), ...(!part.whole && { partial: true as const }) }];
    }),
  };
}

/** A rule's id as written, for messages, when it is not a valid id. */
function rawId(raw: unknown): string {
  return isRecord(raw) && typeof raw.id === 'string' ? raw.id : '';
}

function salvagedTagKeys(raw: unknown, reader: TextReader): TagKeySpec[] | undefined {
  if (!Array.isArray(raw)) return undefined;
  const specs: TagKeySpecFile[] = [];
  for (const entry of raw) {
    const part = salvage(tagKeySpecSchema, entry)?.value;
    if (!isRecord(part) || typeof part.key !== 'string') return undefined;
    specs.push(part as TagKeySpecFile);
  }
  return normalizeTagKeys(specs, reader);
}

/**
 * Rule-set text (YAML, or JSON, which is YAML 1.2) to plain data. One parser for both, so duplicate keys are
 * an error in either. It also keeps the source text of every number whose JS value would print differently
 * (`1.50`, `007`, a 19-digit id), so a number written where text is expected is read exactly as written.
 *
 * Whatever the parser can raise is an issue naming line and column, never a crash: syntax errors, its own
 * resource limits (nesting too deep for it, too many aliases), and warnings (an unknown tag such as
 * `!!js/function` would otherwise be dropped silently). Only plain data is accepted: maps, lists, strings,
 * numbers, booleans and null, nested at most MAX_NESTING levels, with no tag beyond YAML's core ones.
 */
import { isCollection, isMap, isPair, isScalar, isSeq, parseDocument, type Node } from 'yaml';
import { fieldPath, type InputIssue, type Path } from '../errors';
import { placeOf, textIssues } from './text';

export interface RuleSetDocument {
  data: unknown;
  /** field path -> source text, for numbers whose `String(value)` is not what the user wrote */
  numberTexts: ReadonlyMap<string, string>;
}

/** A rule set needs about ten levels (rules, a rule, match, any/all/not, name, a pattern); this leaves room. */
export const MAX_NESTING = 64;
/** Alias expansions the parser allows (its guard against "billion laughs"). */
const MAX_ALIAS_COUNT = 100;
/** Values the data may hold once aliases are expanded: a 1 MiB file written out holds far fewer. */
const MAX_VALUES = 1_000_000;
const CORE_TAGS = new Set(['str', 'int', 'float', 'bool', 'null', 'map', 'seq'].map((t) => `tag:yaml.org,2002:${t}`));
const NOT_YAML = '(the file is not valid YAML or JSON)';
const TOO_DEEP = `nested more than ${MAX_NESTING} levels deep (a rule set needs about ten): flatten it`;

export function readDocument(text: string): RuleSetDocument | { issues: InputIssue[] } {
  const raw = textIssues(text);
  if (raw.length) return { issues: raw };
  const doc = parseDocument(text, { uniqueKeys: true });
  const at = (offset: number | undefined) => (offset === undefined ? '' : placeOf(text, offset));

  const parserIssues = [...doc.errors, ...doc.warnings].map((e) => ({ code: e.code, field: at(e.pos[0]), message: e.message.replace(/ at line \d+, column \d+:[\s\S]*$/, '') }));
  const exhausted = parserIssues.find((e) => e.code === 'RESOURCE_EXHAUSTION');
  if (exhausted) return { issues: [{ field: exhausted.field, message: TOO_DEEP }] };
  if (parserIssues.length) return { issues: parserIssues.map((e) => ({ field: e.field, message: `${describeParserIssue(e.code, e.message)} ${NOT_YAML}` })) };

  const shapeIssues = nodeIssues(doc.contents, at);
  if (shapeIssues.length) return { issues: shapeIssues };
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    return { issues: [{ field: '', message: `${(e as Error).message}: use fewer aliases (*name), or write the values out` }] };
  }
  const expanded = expansionProblem(data);
  if (expanded) return { issues: [{ field: '', message: expanded }] };
  const numberTexts = new Map<string, string>();
  collectNumberTexts(doc.contents, [], numberTexts);
  return { data, numberTexts };
}

function describeParserIssue(code: string, message: string): string {
  if (code === 'TAG_RESOLVE_FAILED') return `${message}: rule sets hold plain maps, lists, text, numbers and booleans; remove the tag`;
  return message;
}

/** Tags beyond the core ones and nesting past MAX_NESTING, walked without recursion (the tree may be deep). */
function nodeIssues(root: unknown, at: (offset: number | undefined) => string): InputIssue[] {
  const issues: InputIssue[] = [];
  const stack: { node: unknown; depth: number }[] = [{ node: root, depth: 1 }];
  while (stack.length) {
    const { node, depth } = stack.pop()!;
    if (isPair(node)) {
      stack.push({ node: node.key, depth }, { node: node.value, depth });
      continue;
    }
    if (!isScalar(node) && !isCollection(node)) continue; // null, or an alias (checked once resolved)
    const offset = node.range?.[0];
    if (node.tag !== undefined && !CORE_TAGS.has(node.tag)) {
      issues.push({ field: at(offset), message: `the tag ${node.tag.replace(/^tag:yaml\.org,2002:/, '!!')} is not allowed: rule sets hold plain maps, lists, text, numbers and booleans; remove the tag` });
    }
    if (isCollection(node)) {
      if (depth > MAX_NESTING) return [{ field: at(offset), message: TOO_DEEP }];
      for (const item of node.items) stack.push({ node: item, depth: depth + 1 });
    }
  }
  return issues;
}

/**
 * What aliases made of the data that the text does not show: a value that holds itself (nesting without end),
 * or a few anchored values repeated into millions. Walked without recursion.
 */
function expansionProblem(value: unknown): string | undefined {
  const stack: { v: unknown; depth: number }[] = [{ v: value, depth: 0 }];
  for (let seen = 0; stack.length; seen++) {
    const { v, depth } = stack.pop()!;
    if (seen > MAX_VALUES) return `aliases (*name) expand the rule set to more than ${MAX_VALUES.toLocaleString('en-US')} values: write it out, or use fewer aliases`;
    if (typeof v !== 'object' || v === null) continue;
    if (depth >= MAX_NESTING) return `${TOO_DEEP}; an alias (*name) may refer to a value that holds it`;
    for (const child of Object.values(v)) stack.push({ v: child, depth: depth + 1 });
  }
  return undefined;
}

function collectNumberTexts(node: Node | null | unknown, path: Path, out: Map<string, string>): void {
  if (isMap(node)) {
    for (const pair of node.items) collectNumberTexts(pair.value, [...path, String(isScalar(pair.key) ? pair.key.value : pair.key)], out);
  } else if (isSeq(node)) {
    node.items.forEach((item, i) => collectNumberTexts(item, [...path, i], out));
  } else if (isScalar(node) && typeof node.value === 'number' && node.source !== undefined && node.source !== String(node.value)) {
    out.set(fieldPath(path), node.source);
  }
}

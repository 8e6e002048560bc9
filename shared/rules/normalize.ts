/**
 * File format (what `schema.ts` accepts) to the model of `types.ts`: every shorthand expanded, every default
 * applied, so the engine sees one spelling of each thing.
 *
 * Text coercion: where text is expected (tag values, declared values, owners, managers) YAML's unquoted
 * scalars are accepted: `true`/`false` become "true"/"false", and a number becomes the text exactly as written
 * (`level: 3` -> "3", `ratio: 1.50` -> "1.50", `owner: 1107550004250001` -> "1107550004250001"), never a
 * reformatted float. Quote a value to make this explicit.
 */
import { fieldPath, type Path } from '../errors';
import { CONDITION_KEYS, CONDITIONS, type ConditionKey, type Match, type MatchFile } from './conditions';
import type { Scalar } from './format';
import type { RuleFile, TagKeySpecFile } from './schema';
import type { Rule, TagKeySpec } from './types';

/** Reads scalars as text, using the source text of numbers the document recorded. */
export class TextReader {
  constructor(private readonly numberTexts: ReadonlyMap<string, string>) {}
  text(value: Scalar, path: Path): string {
    if (typeof value === 'number') return this.numberTexts.get(fieldPath(path)) ?? String(value);
    return String(value);
  }
  texts(value: Scalar | Scalar[], path: Path): string[] {
    return Array.isArray(value) ? value.map((v, i) => this.text(v, [...path, i])) : [this.text(value, path)];
  }
}

export function normalizeTagKeys(raw: TagKeySpecFile[], reader: TextReader): TagKeySpec[] {
  return raw.map((spec, i) =>
    defined({
      key: spec.key,
      values: spec.values && reader.texts(spec.values, ['tagKeys', i, 'values']),
      description: spec.description,
      valueType: spec.valueType,
      managers: spec.managers && reader.texts(spec.managers, ['tagKeys', i, 'managers']),
    }),
  );
}

export function normalizeRule(raw: RuleFile, index: number, reader: TextReader): Rule {
  const path = ['rules', index];
  const tags = Object.fromEntries(Object.entries(raw.tags).map(([key, value]) => [key, reader.text(value, [...path, 'tags', key])]));
  return defined({
    id: raw.id,
    description: raw.description,
    match: normalizeMatch(raw.match, [...path, 'match'], reader),
    tags,
    onConflict: raw.onConflict,
    priority: raw.priority,
  });
}

/** Each condition normalizes its own key; a key it drops (undefined) is left out. */
function normalizeMatch(raw: MatchFile, path: Path, reader: TextReader): Match {
  const out: Match = {};
  for (const key of CONDITION_KEYS) normalizeCondition(key, raw, out, path, reader);
  return out;
}

function normalizeCondition<K extends ConditionKey>(key: K, raw: MatchFile, out: Match, path: Path, reader: TextReader): void {
  const value = raw[key];
  if (value === undefined) return;
  const normalized = CONDITIONS[key].normalize(value, {
    at: [...path, key],
    texts: (v, at) => reader.texts(v, at),
    match: (m, at) => normalizeMatch(m, at, reader),
  });
  if (normalized !== undefined) out[key] = normalized;
}

/** The object without its undefined fields, so models compare and serialize cleanly. */
function defined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

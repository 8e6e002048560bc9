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
import type { MatchFile, RuleFile, TagKeySpecFile } from './schema';
import type { Match, NamePattern, Rule, TagKeySpec, TagTest } from './types';

type Scalar = string | number | boolean;

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

function normalizeMatch(raw: MatchFile, path: Path, reader: TextReader): Match {
  const tags = raw.tags && {
    has: raw.tags.has && tagTests(raw.tags.has, [...path, 'tags', 'has'], reader),
    lacks: raw.tags.lacks && tagTests(raw.tags.lacks, [...path, 'tags', 'lacks'], reader),
  };
  return defined({
    type: raw.type,
    name: raw.name !== undefined ? list(raw.name).map(namePattern) : undefined,
    projects: raw.projects,
    env: raw.env,
    owner: raw.owner !== undefined ? reader.texts(raw.owner, [...path, 'owner']) : undefined,
    tags: tags && (tags.has || tags.lacks) ? defined(tags) : undefined,
    not: raw.not && normalizeMatch(raw.not, [...path, 'not'], reader),
    any: raw.any?.map((m, i) => normalizeMatch(m, [...path, 'any', i], reader)),
    all: raw.all?.map((m, i) => normalizeMatch(m, [...path, 'all', i], reader)),
  });
}

function namePattern(p: string | NamePattern): NamePattern {
  return typeof p === 'string' ? { glob: p } : { ...p };
}

function tagTests(raw: string[] | Record<string, Scalar | Scalar[]>, path: Path, reader: TextReader): TagTest[] | undefined {
  const tests = Array.isArray(raw)
    ? raw.map((key) => ({ key }))
    : Object.entries(raw).map(([key, values]) => ({ key, values: unique(reader.texts(values, [...path, key])) }));
  return tests.length > 0 ? tests : undefined;
}

function list<T>(v: T | T[]): T[] {
  return Array.isArray(v) ? v : [v];
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}

/** The object without its undefined fields, so models compare and serialize cleanly. */
function defined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/**
 * The JSON Schema of rule files (draft-07, the draft editors support best), for `$schema` / yaml-language-server
 * and CI: the file format's zod schemas exported, so an editor flags what the loader refuses. One schema cannot
 * refer to the file's own `tagKeys`, so it cannot know which values a rule may set; the schema made for one rule
 * set (`ruleSetJsonSchema(ruleSet)`) can: its rules may set only the declared keys, and only their declared values.
 */
import { z } from 'zod';
import { tagValue } from './format';
import { ruleSetFileSchema } from './schema';
import type { RuleSet, TagKeySpec } from './types';

/** The schema's identity (a URN: it is printed by `autotag schema`, not served anywhere); its last part is the format's version. */
export const RULE_SET_SCHEMA_ID = 'urn:autotag:rule-set:1';

type JsonSchema = Record<string, unknown>;

export function ruleSetJsonSchema(ruleSet?: RuleSet): JsonSchema {
  const schema: JsonSchema = {
    ...z.toJSONSchema(ruleSetFileSchema, { target: 'draft-7', io: 'input' }),
    $id: RULE_SET_SCHEMA_ID,
    title: 'autotag rule set',
  };
  if (!ruleSet) return schema;
  const name = ruleSet.name ?? ruleSet.file ?? 'inline';
  const rule = at(schema, 'properties', 'rules', 'items', 'properties');
  rule.tags = { ...at(rule, 'tags'), properties: Object.fromEntries(ruleSet.tagKeys.map((k) => [k.key, declaredValue(k)])), additionalProperties: false };
  return { ...schema, $id: `${RULE_SET_SCHEMA_ID}:${encodeURIComponent(name)}`, title: `autotag rule set, with the tag keys of ${name}` };
}

/**
 * What a rule may set a declared key to: its values, each also as the number or boolean YAML reads when it is
 * written unquoted (the loader reads those back as text), or any tag value when none are declared.
 */
function declaredValue(spec: TagKeySpec): JsonSchema {
  if (!spec.values) return z.toJSONSchema(tagValue, { target: 'draft-7', io: 'input' });
  const unquoted = spec.values.flatMap((v): (number | boolean)[] => (/^(true|false)$/.test(v) ? [v === 'true'] : /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(v) ? [Number(v)] : []));
  return { enum: [...new Set([...spec.values, ...unquoted])], description: spec.description ?? `the values declared for ${spec.key}` };
}

/** The object at `path` in a schema zod wrote (the path is the file format's own, so it is there). */
function at(schema: JsonSchema, ...path: string[]): JsonSchema {
  return path.reduce<JsonSchema>((node, key) => node[key] as JsonSchema, schema);
}

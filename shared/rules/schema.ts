/**
 * The rule-set FILE format (YAML or JSON), as zod schemas: every shorthand a user may write, every default,
 * closed objects so a typo'd key fails. A Match is assembled from the conditions' own schemas (`conditions/`).
 * `normalize.ts` expands what this accepts into the model of `types.ts`; `json-schema.ts` exports the same
 * schemas for editors.
 */
import { z } from 'zod';
import { CONDITION_KEYS, CONDITIONS, type MatchFile } from './conditions';
import { sourcesShape } from '../discovery';
import { notifySectionSchema } from '../notify';
import { closed } from '../json';
import { tagKey, tagValue, text } from './format';

/** Rule ids: 1-64 lowercase letters, digits and "-", starting with a letter or digit (safe in logs, URLs, file names). */
const RULE_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

/**
 * The Match schema, one optional key per registered condition. The keys are getters, built once on first use,
 * because `not`, `any` and `all` nest the Match schema itself.
 */
const matchSchema: z.ZodType<MatchFile> = closed(conditionShape(() => matchSchema)).meta({
  id: 'Match',
  description: 'conditions on one asset; all given fields must hold',
});

function conditionShape(match: () => z.ZodType<MatchFile>): Record<string, z.ZodType> {
  const shape: Record<string, z.ZodType> = {};
  for (const key of CONDITION_KEYS) {
    const condition = CONDITIONS[key];
    let built: z.ZodType | undefined;
    Object.defineProperty(shape, key, {
      enumerable: true,
      get: () => (built ??= condition.schema(match()).optional().meta({ description: condition.description })),
    });
  }
  return shape;
}

export const ruleSchema = closed({
  id: z.string().regex(RULE_ID, {
    error: (iss) =>
      `rule ids are 1-64 lowercase letters, digits and "-", starting with a letter or digit` +
      (typeof iss.input === 'string' ? ` (got "${iss.input}"; try "${suggestRuleId(iss.input)}")` : ''),
  }),
  description: z.string().optional(),
  priority: z.number().int().default(0).meta({ description: 'higher wins when two matching rules set one key differently' }),
  match: matchSchema,
  tags: z.record(tagKey, tagValue).meta({ description: 'tag key -> value to bind' }),
  onConflict: z.enum(['skip', 'overwrite']).default('skip').meta({ description: 'when the asset already has the key with another value' }),
});

function suggestRuleId(id: string): string {
  return (
    id
      .toLowerCase()
      .replace(/[^a-z0-9-]+/g, '-')
      .replace(/^-+/, '')
      .slice(0, 64) || 'rule-1'
  );
}

export const tagKeySpecSchema = closed({
  key: tagKey,
  values: z.array(tagValue).optional().meta({ description: 'allowed values; rules may only set these' }),
  description: z.string().optional(),
  valueType: z.enum(['Boolean', 'Int', 'String', 'Double']).optional(),
  managers: z.array(text).optional().meta({ description: 'account ids allowed to manage the key' }),
});

/** `sources`: one section per discovery source, each defined by its source (shared/discovery/sources). */
export const sourcesSchema = closed(sourcesShape());

export const ruleSetFileSchema = closed({
  /** editors' JSON Schema pointer, allowed so JSON files can reference the schema */
  $schema: z.string().optional(),
  version: z.literal(1),
  name: z.string().min(1).optional(),
  tagKeys: z.array(tagKeySpecSchema).min(1).meta({ description: 'keys the rules use: created if missing, values merged in; never deleted' }),
  sources: sourcesSchema,
  settings: closed({
    maxBindings: z.number().int().positive().default(5000).meta({ description: 'a run planning more writes stops before writing' }),
  }).prefault({}),
  rules: z.array(ruleSchema).min(1),
  notify: notifySectionSchema.optional(),
});

export type RuleSetFile = z.output<typeof ruleSetFileSchema>;
export type RuleFile = z.output<typeof ruleSchema>;
export type { MatchFile } from './conditions';
export type TagKeySpecFile = z.output<typeof tagKeySpecSchema>;

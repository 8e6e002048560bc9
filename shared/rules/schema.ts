/**
 * The rule-set FILE format (YAML or JSON), as zod schemas: every shorthand a user may write, every default,
 * closed objects so a typo'd key fails. `normalize.ts` expands what this accepts into the model of `types.ts`;
 * `ruleSetJsonSchema()` exports the same schemas for editors.
 */
import { z } from 'zod';
import { envType as env, sourcesShape, workspaceIds as projectIds } from '../discovery';
import { closed } from '../json';

/** Rule ids: 1-64 lowercase letters, digits and "-", starting with a letter or digit (safe in logs, URLs, file names). */
const RULE_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

/** Where text is expected, YAML's unquoted `true` or `3` is accepted too and read as text (see normalize.ts). */
const text = z.union([z.string(), z.number(), z.boolean()], {
  error: 'expected text (a string; unquoted numbers and true/false are read as text)',
});
const textOrList = z.union([text, z.array(text).min(1)], { error: 'expected a value or a non-empty list of values' });

const namePattern = z.union(
  [
    z.string().min(1),
    closed({ glob: z.string().min(1) }),
    closed({ regex: z.string().min(1).meta({ description: 'JavaScript regular expression, searched in the name (anchor it with ^ and $)' }) }),
  ],
  { error: 'expected a glob string, { glob: "..." } or { regex: "..." }' },
);

const tagTests = z
  .union([z.array(z.string().min(1)).min(1), z.record(z.string(), textOrList)], {
    error: 'expected a list of tag keys (present with any value), or a map of tag key to a value or list of values',
  })
  .meta({ description: 'a list of keys, or key -> value | values' });

const matchSchema = closed({
  type: z.enum(['table', 'task']).optional(),
  name: z
    .union([namePattern, z.array(namePattern).min(1)], {
      error: 'expected a glob string, { glob: "..." }, { regex: "..." } or a list of those',
    })
    .optional()
    .meta({ description: 'glob (whole name, case-sensitive), { regex }, or a list: any of them' }),
  projects: projectIds.optional(),
  env: env.optional(),
  owner: textOrList.optional().meta({ description: "the asset's own owner: account ids for tasks, engine-side names for tables" }),
  tags: closed({ has: tagTests.optional(), lacks: tagTests.optional() }).optional(),
  get not() {
    return matchSchema.optional();
  },
  get any() {
    return z.array(matchSchema).min(1).optional();
  },
  get all() {
    return z.array(matchSchema).min(1).optional();
  },
}).meta({ id: 'Match', description: 'conditions on one asset; all given fields must hold' });

export const ruleSchema = closed({
  id: z.string().regex(RULE_ID, {
    error: (iss) =>
      `rule ids are 1-64 lowercase letters, digits and "-", starting with a letter or digit` +
      (typeof iss.input === 'string' ? ` (got "${iss.input}"; try "${suggestRuleId(iss.input)}")` : ''),
  }),
  description: z.string().optional(),
  priority: z.number().int().default(0).meta({ description: 'higher wins when two matching rules set one key differently' }),
  match: matchSchema,
  tags: z.record(z.string(), text).meta({ description: 'tag key -> value to bind' }),
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
  key: z.string(),
  values: z.array(text).optional().meta({ description: 'allowed values; rules may only set these' }),
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
});

export type RuleSetFile = z.output<typeof ruleSetFileSchema>;
export type RuleFile = z.output<typeof ruleSchema>;
export type MatchFile = z.output<typeof matchSchema>;
export type TagKeySpecFile = z.output<typeof tagKeySpecSchema>;

/** JSON Schema (draft-07, the draft editors support best) of the file format, for `$schema` / yaml-language-server. */
export function ruleSetJsonSchema(): object {
  return {
    ...z.toJSONSchema(ruleSetFileSchema, { target: 'draft-7', io: 'input' }),
    title: 'autotag rule set',
  };
}

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseRuleSet, ruleSetJsonSchema } from '../../../shared/rules';
import { CONDITION_KEYS, CONDITIONS } from '../../../shared/rules/conditions';
import { ruleSchema } from '../../../shared/rules/schema';
import { rule, ruleSet } from '../../support/rule-sets';

/** The hooks every condition must have, and what each must be. */
const REQUIRED: Record<string, (v: unknown) => boolean> = {
  description: (v) => typeof v === 'string' && v.length > 0,
  schema: (v) => typeof v === 'function',
  normalize: (v) => typeof v === 'function',
  cost: (v) => typeof v === 'number',
  reads: (v) => Array.isArray(v),
  compile: (v) => typeof v === 'function',
  explain: (v) => typeof v === 'function',
  // a facet of its own (meet, join, contradiction, contribution), or how it follows from nested matches
  footprint: (v) =>
    typeof v === 'object' && v !== null && typeof (v as { of?: unknown }).of === 'function' &&
    (!('facet' in v) || ['both', 'either', 'impossible'].every((f) => typeof (v.facet as Record<string, unknown>)[f] === 'function')),
};

/** The required hooks an entry lacks (or has in the wrong form). */
const missingHooks = (entry: object): string[] => Object.keys(REQUIRED).filter((hook) => !REQUIRED[hook]((entry as Record<string, unknown>)[hook]));

const jsonSchemaMatchKeys = () => {
  const schema = ruleSetJsonSchema() as { definitions: { Match: { properties: Record<string, unknown> } } };
  return Object.keys(schema.definitions.Match.properties);
};
const fileSchemaMatchKeys = () => Object.keys((ruleSchema.shape.match as unknown as { shape: Record<string, unknown> }).shape);

describe('rules/conditions registry', () => {
  it('has an entry for every Match key of the exported JSON Schema and of the file schema, in file order', () => {
    expect(jsonSchemaMatchKeys()).toEqual(CONDITION_KEYS);
    expect(fileSchemaMatchKeys()).toEqual(CONDITION_KEYS);
  });

  it('has an entry for every key a normalized Match can hold', () => {
    const match = {
      type: 'table', name: 'ods_*', projects: [1], env: 'Prod', owner: 'alice', tags: { has: ['pii'] },
      not: { name: '*_tmp' }, any: [{ env: 'Prod' }], all: [{ projects: [1] }],
    };
    const [parsed] = parseRuleSet(JSON.stringify(ruleSet({ rules: [rule({ match })] }))).rules;
    expect(Object.keys(parsed.match).filter((k) => !(k in CONDITIONS))).toEqual([]);
    expect(Object.keys(parsed.match)).toEqual(Object.keys(match));
  });

  it.each(CONDITION_KEYS)('"%s" has every hook a condition must have', (key) => {
    expect(missingHooks(CONDITIONS[key])).toEqual([]);
  });

  it('notices an entry without a hook every condition must have', () => {
    const { explain: _explain, footprint: _footprint, ...partial } = CONDITIONS.env;
    expect(missingHooks(partial)).toEqual(['explain', 'footprint']);
    expect(missingHooks({ ...CONDITIONS.env, footprint: { facet: {}, of: () => new Set() } })).toEqual(['footprint']);
  });

  it('is documented: rules/README.md names every condition', () => {
    const readme = readFileSync(join(__dirname, '../../../rules/README.md'), 'utf8');
    expect(CONDITION_KEYS.filter((key) => !new RegExp(`\`${key}\\b`).test(readme))).toEqual([]);
  });
});

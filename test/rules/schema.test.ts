import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import fc from 'fast-check';
import { parse } from 'yaml';
import { InvalidInputError } from '../../shared/errors';
import { parseRuleSet, ruleSetJsonSchema, RULE_SET_SCHEMA_ID, type RuleSet } from '../../shared/rules';
import { rule, ruleSet } from '../support/rule-sets';

// strict: anything ajv finds dubious in the schema fails the test; a type list (string | number | boolean) is valid draft-07
const validator = (rs?: RuleSet) => new Ajv({ allErrors: true, strict: true, allowUnionTypes: true }).compile(ruleSetJsonSchema(rs));
const example = (file: string): unknown => parse(readFileSync(join(__dirname, '../../rules', file), 'utf8'));

describe('rules/schema', () => {
  describe('ruleSetJsonSchema', () => {
    it('is a draft-07 schema', () => {
      expect(ruleSetJsonSchema()).toMatchObject({ $schema: 'http://json-schema.org/draft-07/schema#', type: 'object', title: 'autotag rule set' });
    });

    it.each(['example.yaml', 'governance.yaml'])('accepts rules/%s', (file) => {
      const validate = validator();
      expect(validate(example(file)) || validate.errors).toBe(true);
    });

    it('accepts the shorthands and unquoted values the loader accepts', () => {
      const validate = validator();
      const rs = ruleSet({
        sources: { tagged: { env: 'Dev' }, tasks: { projects: [1], env: ['Prod', 'Dev'] } },
        rules: [rule({ match: { name: ['a*', { regex: '^b' }], owner: 2001, tags: { has: { level: [1, 2] }, lacks: ['x'] } }, tags: { pii: true } })],
      });
      expect(validate(rs) || validate.errors).toBe(true);
    });

    it('rejects a typo in a key, deep in a match', () => {
      const validate = validator();
      expect(validate(ruleSet({ rules: [rule({ match: { any: [{ nmae: 'ods_*' }] } })] }))).toBe(false);
      expect(validate.errors).toContainEqual(expect.objectContaining({ keyword: 'additionalProperties', params: { additionalProperty: 'nmae' } }));
    });

    it('rejects a missing version and a wrong env', () => {
      const validate = validator();
      const { version: _omit, ...noVersion } = ruleSet({ rules: [rule({ match: { env: 'prod' } })] });
      expect(validate(noVersion)).toBe(false);
      expect(validate.errors?.map((e) => e.keyword)).toEqual(expect.arrayContaining(['required', 'enum']));
    });

    it('has an $id', () => {
      expect(ruleSetJsonSchema()).toMatchObject({ $id: RULE_SET_SCHEMA_ID });
      expect(RULE_SET_SCHEMA_ID).toMatch(/^urn:autotag:rule-set:\d+$/);
    });

    it.each([
      ['an underscore', 'cost_center'],
      ['a dot', 'cost.center'],
      ['a reserved prefix dw:', 'dw:owner'],
      ['a reserved prefix aliyun, in any case', 'AliYun-team'],
      ['more than 64 characters', 'k'.repeat(65)],
    ])('rejects a tag key with %s, in tagKeys and in a rule, as validate does', (_what, key) => {
      const validate = validator();
      expect(validate(ruleSet({ tagKeys: [{ key }], rules: [rule({ tags: { [key]: 'x' } })] }))).toBe(false);
      const paths = validate.errors?.map((e) => `${e.instancePath} ${e.keyword}`);
      expect(paths).toEqual(expect.arrayContaining(['/tagKeys/0/key pattern', '/rules/0/tags propertyNames']));
    });

    it.each([
      ['a URL', 'see https://wiki.example/x'],
      ['a line break', 'two\nlines'],
      ['more than 128 characters', 'v'.repeat(129)],
    ])('rejects a tag value holding %s, as validate does', (_what, value) => {
      const validate = validator();
      expect(validate(ruleSet({ rules: [rule({ tags: { team: value } })] }))).toBe(false);
      expect(validate.errors?.map((e) => e.instancePath)).toContain('/rules/0/tags/team');
    });

    it('agrees with validate on every tag key (generated)', () => {
      const validate = validator();
      const chars = fc.constantFrom(...'abcXYZ09-_.:@#*<>|[]()+=&%$!~ 数/'.split(''));
      const keys = fc.oneof(fc.string({ unit: chars, minLength: 0, maxLength: 70 }), fc.constantFrom('dw:', 'acs:', 'aliyun', 'ALIYUN').chain((p) => fc.string({ unit: chars, maxLength: 8 }).map((t) => p + t)));
      fc.assert(
        fc.property(keys, (key) => {
          const input = ruleSet({ tagKeys: [{ key }], rules: [rule({ tags: { [key]: 'x' } })] });
          let accepted = true;
          try {
            parseRuleSet(JSON.stringify(input));
          } catch (e) {
            if (!(e instanceof InvalidInputError)) throw e;
            accepted = false;
          }
          expect(validate(input)).toBe(accepted);
        }),
        { numRuns: 500 },
      );
    });

    describe('made for one rule set', () => {
      const base = parseRuleSet(JSON.stringify(ruleSet({ tagKeys: [{ key: 'classification', values: ['public', 'internal'] }, { key: 'level', values: ['1', '2'] }, { key: 'pii', values: ['true'] }, { key: 'team' }] })));

      it('accepts the declared keys and values, unquoted numbers and booleans included', () => {
        const validate = validator(base);
        const rs = ruleSet({ tagKeys: [{ key: 'classification' }], rules: [rule({ tags: { classification: 'internal', level: 2, pii: true, team: 'anyone' } })] });
        expect(validate(rs) || validate.errors).toBe(true);
      });

      it('rejects a value not declared for its key, and a key not declared, as validate does', () => {
        const validate = validator(base);
        expect(validate(ruleSet({ rules: [rule({ tags: { classification: 'secret', level: 3, colour: 'red' } })] }))).toBe(false);
        expect(validate.errors?.map((e) => `${e.instancePath} ${e.keyword}`)).toEqual(
          expect.arrayContaining(['/rules/0/tags/classification enum', '/rules/0/tags/level enum', '/rules/0/tags additionalProperties']),
        );
      });

      it('has an $id of its own and names the rule set it was made for', () => {
        expect(ruleSetJsonSchema({ ...base, name: 'data platform' })).toMatchObject({ $id: `${RULE_SET_SCHEMA_ID}:data%20platform`, title: expect.stringContaining('data platform') });
      });

      it.each(['example.yaml', 'governance.yaml'])('accepts rules/%s with the schema made for it', (file) => {
        const data = example(file);
        const validate = validator(parseRuleSet(JSON.stringify(data)));
        expect(validate(data) || validate.errors).toBe(true);
      });
    });
  });
});

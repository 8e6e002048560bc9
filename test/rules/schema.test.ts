import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { ruleSetJsonSchema } from '../../shared/rules';
import { rule, ruleSet } from '../support/rule-sets';

// strict: anything ajv finds dubious in the schema fails the test; a type list (string | number | boolean) is valid draft-07
const validator = () => new Ajv({ allErrors: true, strict: true, allowUnionTypes: true }).compile(ruleSetJsonSchema());
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
  });
});

/**
 * The commands that read a rule file, through the built CLI: validate reports every problem of a file at once and
 * warns about rules no source feeds (saying what cannot be known offline); the JSON Schema has an $id and refuses
 * the tag keys validate refuses, and, made for one file, the keys and values it does not declare (checked with ajv).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { ROOT, runCli, tempFiles } from './built-cli';

const file = tempFiles('autotag-rule-file-');

describe('validate (built CLI, as a process)', () => {
  it('reports every problem of a file at once: structural ones and those they used to hide', async () => {
    const bad = file(
      'bad.yaml',
      [
        'version: 1',
        'tagKeys:',
        '  - { key: classification, values: [public, internal], colour: red }',
        '  - { key: "dw:owner" }',
        'sources: { tagged: true, tablez: {} }',
        'rules:',
        '  - id: broken',
        '    match: { name: { regex: "(" }, nmae: x }',
        '    tags: { classification: secret, pii_x: "true" }',
      ].join('\n'),
    );
    const r = await runCli(['validate', bad]);
    expect(r.code).toBe(2);
    for (const field of ['tagKeys[0].colour', 'sources.tablez', 'rules[0].match.nmae', 'tagKeys[1].key', 'rules[0].tags.classification', 'rules[0].tags.pii_x', 'rules[0].match.name']) {
      expect(r.stderr).toContain(`${bad}: ${field.startsWith('rules') ? 'rule broken: ' : ''}${field}: `);
    }
  });

  it('warns about a table rule no table source may feed, saying what cannot be known offline', async () => {
    const example = readFileSync(join(ROOT, 'rules', 'example.yaml'), 'utf8');
    const old = file('old-example.yaml', example.replace(/maxcomputeProjects: \[.*\]/, 'maxcomputeProjects: [sales_dw]'));
    const r = await runCli(['validate', old]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('1 warning (allowed, but probably not what you meant):');
    expect(r.stdout).toContain('rule pii-user-tables: rules[0].match: whether MaxCompute project sales_dw holds tables of workspace 10001 in Prod cannot be known offline');
    const declared = file('declared.yaml', example.replace(/maxcomputeProjects: \[.*\]/, 'maxcomputeProjects: [{ name: sales_dw, workspace: 91234, env: Prod }]'));
    const json = await runCli(['validate', declared, '--json']);
    expect(JSON.parse(json.stdout)).toMatchObject({
      valid: true,
      warnings: [{ ruleId: 'pii-user-tables', message: expect.stringContaining('no source lists tables of workspace 10001 in Prod, so only tables that already carry a tag can match') }],
    });
    expect((await runCli(['validate', join(ROOT, 'rules', 'example.yaml'), '--json'])).stdout).toContain('"warnings": []');
  });
});

describe('schema (built CLI, as a process)', () => {
  const ajv = () => new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
  const example = parse(readFileSync(join(ROOT, 'rules', 'example.yaml'), 'utf8')) as { rules: { tags: Record<string, unknown> }[]; tagKeys: { key: string }[] };
  const withTags = (tags: Record<string, unknown>) => ({ ...example, rules: [{ ...example.rules[0], tags }] });

  it('has an $id and refuses the tag keys validate refuses', async () => {
    const r = await runCli(['schema']);
    const schema = JSON.parse(r.stdout) as { $id: string };
    expect(schema.$id).toMatch(/^urn:autotag:rule-set:/);
    const validate = ajv().compile(schema);
    expect(validate(example)).toBe(true);
    expect(validate(withTags({ pii_x: 'true' }))).toBe(false);
    expect(validate({ ...example, tagKeys: [...example.tagKeys, { key: 'dw:owner' }] })).toBe(false);
  });

  it('with --rules, refuses the keys and values that file does not declare', async () => {
    const r = await runCli(['schema', '--rules', 'rules/example.yaml']);
    expect(r.code).toBe(0);
    const validate = ajv().compile(JSON.parse(r.stdout) as object);
    expect(validate(example) || validate.errors).toBe(true);
    expect(validate(withTags({ classification: 'secret' }))).toBe(false);
    expect(validate(withTags({ team: 'growth' }))).toBe(false);
    const cli = await runCli(['validate', file('secret.yaml', readFileSync(join(ROOT, 'rules', 'example.yaml'), 'utf8').replace('classification: confidential', 'classification: secret'))]);
    expect(cli.code).toBe(2);
  });
});

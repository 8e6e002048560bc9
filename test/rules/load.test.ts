import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvalidInputError } from '../../shared/errors';
import { loadRuleSet, parseRuleSet, type RuleSet } from '../../shared/rules';
import { FILE, issuesOf, rule, ruleSet } from '../support/rule-sets';

const EXAMPLE = join(__dirname, '../../rules/example.yaml');
const GOVERNANCE = join(__dirname, '../../rules/governance.yaml');

describe('rules/load', () => {
  describe('loadRuleSet', () => {
    it('loads the example to the normalized model', async () => {
      const expected: RuleSet = {
        version: 1,
        file: EXAMPLE,
        tagKeys: [
          { key: 'classification', values: ['public', 'internal', 'confidential', 'restricted'], description: 'Data sensitivity level' },
          { key: 'pii', values: ['true'] },
        ],
        sources: {
          tagged: {},
          tasks: { projects: [10001, 10002], env: ['Prod'] },
          tables: { maxcomputeProjects: ['user_dw'], assetIdFormat: 'metaEntityId', placement: { user_dw: { workspace: 10001, env: 'Prod' } } },
        },
        rules: [
          {
            id: 'pii-user-tables',
            description: 'ODS tables about users hold personal data',
            match: {
              type: 'table',
              name: [{ glob: 'ods_user_*' }],
              projects: [10001],
              env: 'Prod',
              owner: ['alice'],
              tags: { lacks: [{ key: 'classification' }] },
              not: { name: [{ glob: '*_tmp_*' }] },
            },
            tags: { classification: 'confidential', pii: 'true' },
            onConflict: 'skip',
            priority: 0,
          },
        ],
        settings: { maxBindings: 5000 },
      };
      expect(await loadRuleSet(EXAMPLE)).toStrictEqual(expected);
    });

    it('loads the governance rule set, whose overlapping rules all differ in priority', async () => {
      const rs = await loadRuleSet(GOVERNANCE);
      expect(rs.name).toBe('data-platform-governance');
      expect(rs.settings.maxBindings).toBe(2000);
      expect(rs.sources.tasks).toEqual({ projects: [10001, 10002], env: ['Prod', 'Dev'] });
      const byId = new Map(rs.rules.map((r) => [r.id, r]));
      expect(byId.get('pii-detect')?.tags).toEqual({ pii: 'true' });
      expect(byId.get('team-growth-tasks')?.match.owner).toEqual(['190000000000735', '190000000000736']);
      expect(byId.get('classification-personal')).toMatchObject({ priority: 20, onConflict: 'overwrite' });
    });

    it('names the file when it cannot be read', async () => {
      const missing = join(tmpdir(), 'autotag-no-such-rules.yaml');
      await expect(loadRuleSet(missing)).rejects.toMatchObject({
        code: 'INVALID_INPUT',
        issues: [{ file: missing, field: '', message: expect.stringContaining('no such file') }],
      });
    });

    it('names the file in every issue of an invalid file', async () => {
      const dir = await mkdtemp(join(tmpdir(), 'autotag-rules-'));
      const path = join(dir, 'bad.yaml');
      await writeFile(path, JSON.stringify(ruleSet({ rules: [rule({ tags: { 'cost_center': 'x' } })] })));
      const err: InvalidInputError = await loadRuleSet(path).then(
        () => Promise.reject(new Error('expected a rejection')),
        (e: InvalidInputError) => e,
      );
      expect(err).toBeInstanceOf(InvalidInputError);
      expect(err.issues.length).toBeGreaterThan(0);
      for (const issue of err.issues) expect(issue.file).toBe(path);
      expect(err.message).toContain(`${path}: rule r1: rules[0].tags.cost_center:`);
    });
  });

  describe('parseRuleSet', () => {
    it('expands shorthands and applies defaults', () => {
      const rs = parseRuleSet(
        JSON.stringify(
          ruleSet({
            sources: { tagged: { projects: [10001], env: 'Dev' }, tasks: { projects: [10001], env: 'Dev' }, tables: { maxcomputeProjects: ['sales_dw'], assetIdFormat: 'guid' } },
            rules: [
              rule({
                match: {
                  name: ['ods_*', { glob: 'dim_*' }, { regex: '^dws_' }],
                  owner: 'alice',
                  tags: { has: ['pii'], lacks: { classification: ['public', 'internal'], team: 'growth' } },
                },
              }),
            ],
          }),
        ),
      );
      expect(rs.sources).toEqual({
        tagged: { projects: [10001], env: 'Dev' },
        tasks: { projects: [10001], env: ['Dev'] },
        tables: { maxcomputeProjects: ['sales_dw'], assetIdFormat: 'guid' },
      });
      expect(rs.rules[0]).toStrictEqual({
        id: 'r1',
        match: {
          name: [{ glob: 'ods_*' }, { glob: 'dim_*' }, { regex: '^dws_' }],
          owner: ['alice'],
          tags: {
            has: [{ key: 'pii' }],
            lacks: [
              { key: 'classification', values: ['public', 'internal'] },
              { key: 'team', values: ['growth'] },
            ],
          },
        },
        tags: { classification: 'internal' },
        onConflict: 'skip',
        priority: 0,
      });
      expect(rs.settings).toEqual({ maxBindings: 5000 });
      expect(rs.file).toBeUndefined();
    });

    it('treats "tagged: false" as no tagged source', () => {
      const rs = parseRuleSet(JSON.stringify(ruleSet({ sources: { tagged: false, tables: { maxcomputeProjects: ['sales_dw'] } } })));
      expect(rs.sources).toEqual({ tables: { maxcomputeProjects: ['sales_dw'], assetIdFormat: 'metaEntityId' } });
    });

    it('reads unquoted YAML booleans and numbers as text, numbers exactly as written', () => {
      const rs = parseRuleSet(`
version: 1
tagKeys:
  - key: pii
    values: [true, false]
  - key: level
    values: [1, 2, 3]
  - key: ratio
  - key: code
sources: { tasks: { projects: [10001] } }
rules:
  - id: coerced
    match:
      type: task
      owner: [2001, 1107550004250001234]
      tags: { has: { level: [2, 3] } }
    tags: { pii: true, level: 3, ratio: 1.50, code: 007 }
`);
      expect(rs.tagKeys.map((k) => k.values)).toEqual([['true', 'false'], ['1', '2', '3'], undefined, undefined]);
      expect(rs.rules[0].tags).toEqual({ pii: 'true', level: '3', ratio: '1.50', code: '007' });
      expect(rs.rules[0].match.owner).toEqual(['2001', '1107550004250001234']);
      expect(rs.rules[0].match.tags?.has).toEqual([{ key: 'level', values: ['2', '3'] }]);
    });

    it('reads JSON, booleans and numbers included', () => {
      const rs = parseRuleSet(JSON.stringify(ruleSet({ rules: [rule({ tags: { pii: true } })] })));
      expect(rs.rules[0].tags).toEqual({ pii: 'true' });
    });

    it('accepts a $schema key so JSON files can point editors at the schema', () => {
      expect(() => parseRuleSet(JSON.stringify(ruleSet({ $schema: './autotag-rules.schema.json' })))).not.toThrow();
    });

    it('reports every issue at once: shape and meaning, across rules', () => {
      const issues = issuesOf(
        ruleSet({
          sources: {},
          rules: [rule({ id: 'bad-shape', match: { nmae: 'x' } }), rule({ id: 'bad-meaning', tags: { 'cost_center': 'x' } })],
        }),
      );
      expect(issues.map((i) => [i.ruleId, i.field])).toEqual(
        expect.arrayContaining([
          ['bad-shape', 'rules[0].match.nmae'],
          [undefined, 'sources'],
          ['bad-meaning', 'rules[1].tags.cost_center'],
        ]),
      );
    });

    it('checks the meaning of every part that parses, even inside a tag key entry or a rule with a structural error', () => {
      const issues = issuesOf(
        ruleSet({
          tagKeys: [{ key: 'classification', values: ['public', 'internal'], colour: 'red' }, { key: 'dw:owner' }],
          sources: { tagged: true, tablez: {} },
          rules: [
            rule({ id: 'broken', match: { name: { regex: '(' }, not: { name: { regex: '^ods_(?!tmp)' }, projectz: [1] } }, tags: { classification: 'secret', 'pii_x': 'true', odd: { x: 1 } } }),
            rule({ id: 'Bad_Id', tags: { 'dw:y': '1' } }),
          ],
        }),
      );
      const fields = issues.map((i) => i.field);
      // structural
      expect(fields).toEqual(expect.arrayContaining(['tagKeys[0].colour', 'sources.tablez', 'rules[0].match.not.projectz', 'rules[0].tags.odd', 'rules[1].id']));
      // and what they used to hide
      expect(issues).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ field: 'tagKeys[1].key', message: expect.stringContaining('"dw:"') }),
          expect.objectContaining({ ruleId: 'broken', field: 'rules[0].tags.classification', message: expect.stringContaining('value "secret" is not declared') }),
          expect.objectContaining({ ruleId: 'broken', field: 'rules[0].tags.pii_x', message: expect.stringContaining('use "-" instead of "_"') }),
          expect.objectContaining({ ruleId: 'broken', field: 'rules[0].match.name', message: expect.stringContaining('invalid regex') }),
          expect.objectContaining({ ruleId: 'broken', field: 'rules[0].match.not.name', message: expect.stringContaining('lookaround') }),
          expect.objectContaining({ ruleId: 'Bad_Id', field: 'rules[1].tags["dw:y"]', message: expect.stringContaining('"dw:"') }),
        ]),
      );
    });

    it('reads a notify section, validated with the rest of the file', () => {
      const rs = parseRuleSet(JSON.stringify(ruleSet({ notify: { kind: 'webhook', url: { env: 'HOOK_URL' }, events: ['conflicts'] } })));
      expect(rs.notify).toMatchObject({ kind: 'webhook', url: { env: 'HOOK_URL' }, events: ['conflicts'] });
      const issues = issuesOf(ruleSet({ notify: { kind: 'slack', url: 'x', events: ['always'], colour: 1 }, rules: [rule({ tags: { 'dw:x': 'y' } })] }));
      expect(issues.map((i) => i.field)).toEqual(expect.arrayContaining(['notify.kind', 'notify.url', 'notify.events[0]', 'notify.colour', 'rules[0].tags["dw:x"]']));
    });

    it('reports nothing about a part it could not read: no undeclared key when a tag key entry lost its key, no empty tags when tags did not parse', () => {
      const issues = issuesOf(ruleSet({ tagKeys: [{ key: 5 }, { key: 'layer' }], rules: [rule({ id: 'r', tags: { team: 'x' } }), rule({ id: 's', tags: 'layer=ods' })] }));
      expect(issues.map((i) => i.field).sort()).toEqual(['rules[1].tags', 'tagKeys[0].key']);
    });

    describe('rejects', () => {
      it('text that is not YAML or JSON, naming line and column', () => {
        expect(issuesOf('version: 1\nrules: [\n  - id: x\n')[0]).toEqual({
          file: FILE,
          field: expect.stringMatching(/^line \d+, column \d+$/),
          message: expect.stringContaining('not valid YAML or JSON'),
        });
      });

      it('a key written twice in one map', () => {
        expect(issuesOf('version: 1\nversion: 1\n')[0]).toMatchObject({ field: 'line 2, column 1', message: expect.stringContaining('unique') });
      });

      it('an empty file', () => {
        expect(issuesOf('# nothing yet\n')).toEqual([{ file: FILE, field: '', message: expect.stringContaining('"version: 1"') }]);
      });

      it('a missing version', () => {
        const { version: _omit, ...rest } = ruleSet();
        expect(issuesOf(rest)).toEqual([{ file: FILE, field: 'version', message: 'missing: a rule set starts with "version: 1"' }]);
      });

      it('another version', () => {
        expect(issuesOf(ruleSet({ version: 2 }))).toEqual([{ file: FILE, field: 'version', message: 'must be 1 (got number 2)' }]);
      });

      it('an unknown top-level key, suggesting the right one', () => {
        expect(issuesOf(ruleSet({ setting: { maxBindings: 10 } }))).toEqual([
          { file: FILE, field: 'setting', message: expect.stringContaining('unknown key "setting" (did you mean "settings"?)') },
        ]);
      });

      it('an unknown key in a match, naming rule and field', () => {
        expect(issuesOf(ruleSet({ rules: [rule({ match: { nmae: 'ods_*' } })] }))).toEqual([
          { file: FILE, ruleId: 'r1', field: 'rules[0].match.nmae', message: expect.stringContaining('unknown key "nmae" (did you mean "name"?)') },
        ]);
      });

      it('an unknown key deep in a not/any branch', () => {
        expect(issuesOf(ruleSet({ rules: [rule({ match: { any: [{ type: 'table' }, { not: { onwer: 'x' } }] } })] }))).toEqual([
          expect.objectContaining({ ruleId: 'r1', field: 'rules[0].match.any[1].not.onwer', message: expect.stringContaining('did you mean "owner"?') }),
        ]);
      });

      it('a value of the wrong type', () => {
        expect(issuesOf(ruleSet({ rules: [rule({ priority: 'high' })] }))).toEqual([
          { file: FILE, ruleId: 'r1', field: 'rules[0].priority', message: 'expected number (got string "high")' },
        ]);
      });

      it('a fractional priority', () => {
        expect(issuesOf(ruleSet({ rules: [rule({ priority: 1.5 })] }))[0]).toMatchObject({ field: 'rules[0].priority', message: expect.stringContaining('whole number') });
      });

      it('an env in the wrong case, suggesting the right one', () => {
        expect(issuesOf(ruleSet({ rules: [rule({ match: { env: 'prod' } })] }))).toEqual([
          { file: FILE, ruleId: 'r1', field: 'rules[0].match.env', message: expect.stringContaining('(did you mean "Prod"? values are case-sensitive)') },
        ]);
      });

      it('a name that is none of the accepted forms', () => {
        expect(issuesOf(ruleSet({ rules: [rule({ match: { name: { glbo: 'ods_*' } } })] }))).toEqual([
          { file: FILE, ruleId: 'r1', field: 'rules[0].match.name', message: expect.stringContaining('expected a glob string, { glob: "..." }, { regex: "..." } or a list of those') },
        ]);
      });

      it('an empty regex inside a name list, pointing at it', () => {
        expect(issuesOf(ruleSet({ rules: [rule({ match: { name: ['ods_*', { regex: '' }] } })] }))).toEqual([
          { file: FILE, ruleId: 'r1', field: 'rules[0].match.name[1].regex', message: 'must not be empty' },
        ]);
      });

      it('an empty rules list', () => {
        expect(issuesOf(ruleSet({ rules: [] }))).toEqual([{ file: FILE, field: 'rules', message: 'must list at least 1 item' }]);
      });

      it('a missing match', () => {
        const { match: _omit, ...noMatch } = rule();
        expect(issuesOf(ruleSet({ rules: [noMatch] }))).toEqual([
          { file: FILE, ruleId: 'r1', field: 'rules[0].match', message: 'missing: "match" is required here' },
        ]);
      });

      it('duplicate rule ids', () => {
        expect(issuesOf(ruleSet({ rules: [rule(), rule({ match: { type: 'task' } })] }))).toEqual([
          { file: FILE, ruleId: 'r1', field: 'rules[1].id', message: 'rule id "r1" is already used by rules[0]: rule ids must be unique' },
        ]);
      });

      it('a rule id of the wrong shape, suggesting one', () => {
        expect(issuesOf(ruleSet({ rules: [rule({ id: 'PII_Users' })] }))).toEqual([
          { file: FILE, ruleId: 'PII_Users', field: 'rules[0].id', message: expect.stringContaining('(got "PII_Users"; try "pii-users")') },
        ]);
      });

      it('a tag key declared twice', () => {
        const rs = ruleSet();
        expect(issuesOf({ ...rs, tagKeys: [...(rs.tagKeys as object[]), { key: 'pii' }] })).toEqual([
          { file: FILE, field: 'tagKeys[3].key', message: 'tag key "pii" is declared twice (also tagKeys[1]): merge the two entries' },
        ]);
      });

      it('a tag key with an underscore, saying what to use instead', () => {
        expect(issuesOf(ruleSet({ tagKeys: [{ key: 'classification' }, { key: 'cost_center' }] }))).toEqual([
          { file: FILE, field: 'tagKeys[1].key', message: expect.stringContaining('use "-" instead of "_"') },
        ]);
      });

      it('a tag key with a reserved prefix', () => {
        expect(issuesOf(ruleSet({ tagKeys: [{ key: 'classification' }, { key: 'acs:owner' }] }))).toEqual([
          { file: FILE, field: 'tagKeys[1].key', message: 'tag key must not start with "acs:" (reserved)' },
        ]);
      });

      it('a tag key longer than 64 characters', () => {
        expect(issuesOf(ruleSet({ tagKeys: [{ key: 'classification' }, { key: 'k'.repeat(65) }] }))[0]).toMatchObject({
          field: 'tagKeys[1].key',
          message: expect.stringContaining('1-64 characters'),
        });
      });

      it('a declared value longer than 128 characters', () => {
        expect(issuesOf(ruleSet({ tagKeys: [{ key: 'classification', values: ['internal', 'v'.repeat(129)] }] }))).toEqual([
          { file: FILE, field: 'tagKeys[0].values[1]', message: 'tag value must be at most 128 characters (got 129)' },
        ]);
      });

      it('a tag value holding a URL', () => {
        expect(issuesOf(ruleSet({ tagKeys: [{ key: 'classification' }, { key: 'team' }], rules: [rule({ tags: { team: 'see https://wiki' } })] }))).toEqual([
          { file: FILE, ruleId: 'r1', field: 'rules[0].tags.team', message: 'tag value must not contain http:// or https://' },
        ]);
      });

      it('a declared value listed twice', () => {
        expect(issuesOf(ruleSet({ tagKeys: [{ key: 'classification', values: ['internal', 'internal'] }] }))).toEqual([
          { file: FILE, field: 'tagKeys[0].values[1]', message: 'value "internal" is listed twice: remove one' },
        ]);
      });

      it('a declared value that does not fit the valueType', () => {
        expect(issuesOf(ruleSet({ tagKeys: [{ key: 'classification' }, { key: 'level', valueType: 'Int', values: [1, 'two'] }] }))).toEqual([
          { file: FILE, field: 'tagKeys[1].values[1]', message: 'value "two" is not a Int, the valueType of "level" (e.g. "3")' },
        ]);
      });

      it('a rule value that does not fit the valueType of a key without a values list', () => {
        expect(issuesOf(ruleSet({ tagKeys: [{ key: 'level', valueType: 'Int' }], rules: [rule({ tags: { level: 'high' } })] }))).toEqual([
          { file: FILE, ruleId: 'r1', field: 'rules[0].tags.level', message: expect.stringContaining('not a Int') },
        ]);
      });

      it('a rule setting no tag', () => {
        expect(issuesOf(ruleSet({ rules: [rule({ tags: {} })] }))).toEqual([
          { file: FILE, ruleId: 'r1', field: 'rules[0].tags', message: 'a rule must set at least one tag' },
        ]);
      });

      it('a rule setting more than 20 tags', () => {
        const keys = Array.from({ length: 21 }, (_, i) => `k${i}`);
        const issues = issuesOf(ruleSet({ tagKeys: keys.map((key) => ({ key })), rules: [rule({ tags: Object.fromEntries(keys.map((k) => [k, 'v'])) })] }));
        expect(issues).toEqual([{ file: FILE, ruleId: 'r1', field: 'rules[0].tags', message: expect.stringContaining('at most 20 tags') }]);
      });

      it('a rule using a key not declared in tagKeys, suggesting the near one', () => {
        expect(issuesOf(ruleSet({ rules: [rule({ tags: { clasification: 'internal' } })] }))).toEqual([
          {
            file: FILE,
            ruleId: 'r1',
            field: 'rules[0].tags.clasification',
            message: 'tag key "clasification" is not declared under tagKeys (did you mean "classification"?): add "- key: clasification" with its allowed values to tagKeys',
          },
        ]);
      });

      it('a rule value outside the declared values', () => {
        expect(issuesOf(ruleSet({ rules: [rule({ tags: { classification: 'secret' } })] }))).toEqual([
          {
            file: FILE,
            ruleId: 'r1',
            field: 'rules[0].tags.classification',
            message: 'value "secret" is not declared for "classification" (allowed: public, internal, confidential, restricted): use one of them, or add it to tagKeys[0].values',
          },
        ]);
      });

      it('a regex that does not compile', () => {
        expect(issuesOf(ruleSet({ rules: [rule({ match: { name: { regex: '^ods_(user' } } })] }))).toEqual([
          { file: FILE, ruleId: 'r1', field: 'rules[0].match.name', message: expect.stringMatching(/^invalid regex: .*check brackets/) },
        ]);
      });

      // was "a regex open to catastrophic backtracking": matching is linear now, so ^(a+)+$ is fine; lookaround is what is refused
      it('a regex the linear-time engine cannot run (lookaround), with a hint', () => {
        expect(issuesOf(ruleSet({ rules: [rule({ match: { not: { name: ['x', { regex: '^ods_(?!tmp)' }] } } })] }))).toEqual([
          { file: FILE, ruleId: 'r1', field: 'rules[0].match.not.name[1]', message: expect.stringContaining('regex uses lookaround ("(?!")') },
        ]);
      });

      it('sources naming no source', () => {
        expect(issuesOf(ruleSet({ sources: { tagged: false } }))).toEqual([
          { file: FILE, field: 'sources', message: expect.stringContaining('name at least one of "tagged: true"') },
        ]);
      });

      it('a table rule when no source discovers tables', () => {
        expect(issuesOf(ruleSet({ sources: { tasks: { projects: [10001] } } }))).toEqual([
          { file: FILE, ruleId: 'r1', field: 'rules[0].match.type', message: expect.stringContaining('no source discovers tables, so it could never match: add "tables: { maxcomputeProjects: [...] }" or "tagged: true"') },
        ]);
      });

      it('a task rule when no source discovers tasks, even when the type comes from an any', () => {
        const match = { any: [{ type: 'task', env: 'Dev' }, { type: 'task', name: 'x_*' }] };
        expect(issuesOf(ruleSet({ sources: { tables: { maxcomputeProjects: ['sales_dw'] } }, rules: [rule({ match })] }))).toEqual([
          { file: FILE, ruleId: 'r1', field: 'rules[0].match', message: expect.stringContaining('no source discovers tasks') },
        ]);
      });

      it('a MaxCompute project name that could not be one', () => {
        expect(issuesOf(ruleSet({ sources: { tables: { maxcomputeProjects: ['sales:dw'] } } }))).toEqual([
          { file: FILE, field: 'sources.tables.maxcomputeProjects[0]', message: expect.stringContaining('3-28 letters, digits and "_"') },
        ]);
      });

      it('workspace ids that are not positive whole numbers', () => {
        expect(issuesOf(ruleSet({ rules: [rule({ match: { projects: [0] } })] }))[0]).toMatchObject({ ruleId: 'r1', field: 'rules[0].match.projects[0]' });
      });
    });
  });
});

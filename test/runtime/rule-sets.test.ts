import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvalidInputError, ConfigurationError } from '../../shared/errors';
import { createRuleSetCatalog, parseInlineRuleSet } from '../../shared/runtime/rule-sets';

const ruleFile = (id: string, name?: string) =>
  [
    'version: 1',
    ...(name ? [`name: ${name}`] : []),
    'tagKeys: [{ key: layer }]',
    'sources: { tagged: true }',
    `rules: [{ id: ${id}, match: { name: "dim_*" }, tags: { layer: dim } }]`,
  ].join('\n');

/** A rules folder holding `files` (name -> text). */
function folder(files: Record<string, string>): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'autotag-rules-')), 'rules');
  mkdirSync(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe('runtime/rule-sets', () => {
  describe('createRuleSetCatalog', () => {
    it('lists each rule set with its lint findings (GET /rules)', async () => {
      const ownerRule = [
        'version: 1',
        'tagKeys: [{ key: team }]',
        'sources: { tasks: { projects: [1] }, tables: { maxcomputeProjects: [sales_dw] } }',
        'rules: [{ id: mine, match: { owner: alice }, tags: { team: a } }]',
      ].join('\n');
      const [summary] = await createRuleSetCatalog(folder({ 'owners.yaml': ownerRule })).list();
      expect(summary.lint).toEqual([expect.objectContaining({ level: 'warning', ruleId: 'mine' })]);
    });

    it('lists the rules no source feeds among the findings (GET /rules), and no notification secret', async () => {
      const unfed = [
        'version: 1',
        'tagKeys: [{ key: team }]',
        'sources: { tagged: true, tasks: { projects: [1] }, tables: { maxcomputeProjects: [sales_dw] } }',
        'rules:',
        '  - { id: other-workspace, match: { type: task, projects: [2] }, tags: { team: a } }',
        '  - { id: some-table, match: { type: table, projects: [1] }, tags: { team: b } }',
        'notify: { kind: webhook, url: https://hooks.example/x, secret: SEClisted-secret-0042 }',
      ].join('\n');
      const [summary] = await createRuleSetCatalog(folder({ 'unfed.yaml': unfed })).list();
      expect(summary.lint).toEqual([
        expect.objectContaining({ ruleId: 'other-workspace', message: expect.stringContaining('no source lists tasks of workspace 2') }),
        expect.objectContaining({ ruleId: 'some-table', message: expect.stringContaining('cannot be known offline') }),
        expect.objectContaining({ field: 'notify.secret' }),
      ]);
      expect(JSON.stringify(summary)).not.toContain('SEClisted-secret-0042');
    });

    it('finds rule sets by file name or by their own name, default being the one named "default"', async () => {
      const catalog = createRuleSetCatalog(folder({ 'default.yaml': ruleFile('a'), 'pii.yml': ruleFile('b', 'privacy'), 'notes.txt': 'ignored' }));
      expect((await catalog.get()).rules[0].id).toBe('a');
      expect((await catalog.get('pii')).rules[0].id).toBe('b');
      expect((await catalog.get('privacy')).file).toBe('rules/pii.yml');
      expect((await catalog.list()).map((s) => [s.name, s.title, s.file])).toEqual([
        ['default', undefined, 'default.yaml'],
        ['pii', 'privacy', 'pii.yml'],
      ]);
    });

    it('takes a single file, or the only file of a folder, as the default', async () => {
      const dir = folder({ 'governance.yaml': ruleFile('g') });
      expect((await createRuleSetCatalog(dir).get()).rules[0].id).toBe('g');
      expect((await createRuleSetCatalog(join(dir, 'governance.yaml')).get('governance')).file).toBe('governance.yaml');
    });

    it('reads the name "default" as the deployment\'s rule set when none is called that (the timer sample names it)', async () => {
      const dir = folder({ 'governance.yaml': ruleFile('g') });
      expect((await createRuleSetCatalog(dir).get('default')).rules[0].id).toBe('g');
      await expect(createRuleSetCatalog(dir).get('pii')).rejects.toThrow(/no rule set "pii"; bundled: governance/);
    });

    it('asks for a name when several rule sets are bundled and none is "default", listing them', async () => {
      const catalog = createRuleSetCatalog(folder({ 'a.yaml': ruleFile('a'), 'b.json': JSON.stringify({ version: 1, tagKeys: [{ key: 'layer' }], sources: { tagged: true }, rules: [{ id: 'b', match: {}, tags: { layer: 'x' } }] }) }));
      await expect(catalog.get()).rejects.toThrow(/several rule sets are bundled \(a, b\)/);
      await expect(catalog.get('default')).rejects.toThrow(/several rule sets are bundled \(a, b\)/);
      await expect(catalog.get('c')).rejects.toThrow(InvalidInputError);
    });

    it('reports a broken bundled file as the deployment\'s fault, naming the file relative to the code', async () => {
      const catalog = createRuleSetCatalog(folder({ 'default.yaml': ruleFile('a'), 'broken.yaml': 'version: 2\n' }));
      const error = await catalog.get().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConfigurationError);
      expect((error as ConfigurationError).issues[0].file).toBe('rules/broken.yaml');
    });

    it('refuses two rule sets answering to one name', async () => {
      const catalog = createRuleSetCatalog(folder({ 'a.yaml': ruleFile('a', 'b'), 'b.yaml': ruleFile('b') }));
      await expect(catalog.list()).rejects.toThrow(/"b" also names/);
    });

    it('fails clearly for a missing path or a folder without rule files', async () => {
      await expect(createRuleSetCatalog('/nonexistent/rules').get()).rejects.toThrow(ConfigurationError);
      await expect(createRuleSetCatalog(folder({ 'README.md': '#' })).get()).rejects.toThrow(/holds no \*\.yaml/);
    });
  });

  describe('parseInlineRuleSet', () => {
    it('reads YAML text or a parsed object, and names "inline" in its issues', () => {
      expect(parseInlineRuleSet(ruleFile('a')).rules[0].id).toBe('a');
      expect(parseInlineRuleSet({ version: 1, tagKeys: [{ key: 'layer' }], sources: { tagged: true }, rules: [{ id: 'o', match: {}, tags: { layer: 'x' } }] }).rules[0].id).toBe('o');
      expect(() => parseInlineRuleSet('version: 3')).toThrow(expect.objectContaining({ issues: expect.arrayContaining([expect.objectContaining({ file: 'inline' })]) }));
    });
  });
});

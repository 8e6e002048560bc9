/**
 * The rule sets bundled with a function (`AUTOTAG_RULES`: one file, or a folder of `*.yaml`/`*.yml`/`*.json`),
 * loaded and checked once per cold start — the bundle cannot change under a running instance — and looked
 * up by name. A rule set's names are its file name without the extension and, when it has one, its `name`.
 * With no name asked for, or the name `default` when no rule set has it: the only rule set, else the one named
 * `default` (the timer sample's payload names `default` to mean "the deployment's rule set").
 * `list()` (GET /rules) gives each rule set's rules and its lint findings.
 * Every file is checked at first use, so a broken file fails every run of the function loudly instead of
 * waiting for the night someone names it; its problems are a ConfigurationError (the deployment's fault).
 */
import { readdir, stat } from 'node:fs/promises';
import { basename, dirname, extname, join, relative } from 'node:path';
import { InvalidInputError, ConfigurationError } from '../errors';
import { lintRuleSet, loadRuleSet, parseRuleSet, parseRuleSetData, type LintFinding, type RuleSet } from '../rules';

const RULE_FILE = /\.(ya?ml|json)$/i;
export const DEFAULT_RULE_SET = 'default';

export interface RuleSetSummary {
  /** the name runs use (file name without extension) */
  name: string;
  /** the rule set's own `name`, when it has one */
  title?: string;
  file: string;
  rules: { id: string; description?: string }[];
  /** softer findings (rules that can never match, owner formats that differ by asset type, ...) */
  lint: LintFinding[];
}

export interface RuleSetCatalog {
  /** by name; no name = the default */
  get(name?: string): Promise<RuleSet>;
  list(): Promise<RuleSetSummary[]>;
}

interface Entry {
  name: string;
  ruleSet: RuleSet;
}

const refuse = (message: string) => new InvalidInputError([{ field: 'ruleSet', message }], 'rule set choice');

async function ruleFiles(path: string): Promise<string[]> {
  let isDir: boolean;
  try {
    isDir = (await stat(path)).isDirectory();
  } catch {
    throw new ConfigurationError([{ field: 'AUTOTAG_RULES', file: path, message: 'no such file or folder: bundle the rules (npm run build copies rules/) or fix the path' }]);
  }
  if (!isDir) return [path];
  const files = (await readdir(path)).filter((f) => RULE_FILE.test(f)).sort();
  if (!files.length) throw new ConfigurationError([{ field: 'AUTOTAG_RULES', file: path, message: 'the folder holds no *.yaml, *.yml or *.json rule set' }]);
  return files.map((f) => join(path, f));
}

/** Rule sets name their file relative to the code folder (`rules/pii.yaml`): reports and errors travel, paths need not. */
async function load(file: string, root: string): Promise<Entry> {
  try {
    const ruleSet = await loadRuleSet(file);
    return { name: basename(file, extname(file)), ruleSet: { ...ruleSet, file: relative(dirname(root), file) } };
  } catch (e) {
    if (e instanceof InvalidInputError) throw new ConfigurationError(e.issues.map((i) => ({ ...i, file: relative(dirname(root), file) })));
    throw e;
  }
}

async function loadAll(path: string): Promise<Entry[]> {
  const entries = await Promise.all((await ruleFiles(path)).map((file) => load(file, path)));
  const owner = new Map<string, string>();
  for (const { name, ruleSet } of entries) {
    for (const key of new Set([name, ruleSet.name].filter((n): n is string => !!n))) {
      const other = owner.get(key);
      if (other) throw new ConfigurationError([{ field: 'name', file: ruleSet.file, message: `"${key}" also names ${other}: rule-set names must be unique` }]);
      owner.set(key, ruleSet.file ?? name);
    }
  }
  return entries;
}

export function createRuleSetCatalog(path: string): RuleSetCatalog {
  let loading: Promise<Entry[]> | undefined;
  const entries = () => {
    loading ??= loadAll(path).catch((e: unknown) => {
      loading = undefined; // a failed read is tried again by the next invocation
      throw e;
    });
    return loading;
  };
  const names = (all: Entry[]) => all.map((e) => e.name).join(', ');

  return {
    async get(name) {
      const all = await entries();
      const found = name === undefined ? undefined : all.find((e) => e.name === name || e.ruleSet.name === name);
      if (found) return found.ruleSet;
      if (name !== undefined && name !== DEFAULT_RULE_SET) throw refuse(`no rule set "${name}"; bundled: ${names(all)}`);
      const chosen = all.length === 1 ? all[0] : all.find((e) => e.name === DEFAULT_RULE_SET);
      if (!chosen) throw refuse(`several rule sets are bundled (${names(all)}) and none is named "${DEFAULT_RULE_SET}": name one`);
      return chosen.ruleSet;
    },
    async list() {
      return (await entries()).map(({ name, ruleSet }) => ({
        name,
        ...(ruleSet.name !== undefined && { title: ruleSet.name }),
        file: basename(ruleSet.file ?? name),
        rules: ruleSet.rules.map((r) => ({ id: r.id, ...(r.description !== undefined && { description: r.description }) })),
        lint: lintRuleSet(ruleSet),
      }));
    },
  };
}

/** A rule set sent inline (HTTP `rules`): its text, or the parsed object (JSON is YAML). */
export function parseInlineRuleSet(rules: string | Record<string, unknown>): RuleSet {
  return typeof rules === 'string' ? parseRuleSet(rules, 'inline') : parseRuleSetData(rules, 'inline');
}

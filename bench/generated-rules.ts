/**
 * A large generated rule set for the `validate` benchmark: n rules at one priority setting shared keys to
 * different values, kept apart the way real rule sets are (name prefixes, globs and regexes; some also by
 * workspace, type or env), so the set is valid and the overlap check has every pair to rule out.
 */
const LAYERS = ['ods', 'dwd', 'dws', 'ads', 'dim'];
const CLASSES = ['public', 'internal', 'confidential', 'restricted'];

export function generatedRuleSet(n: number): string {
  const rules = Array.from({ length: n }, (_, i) => {
    const prefix = `${LAYERS[i % LAYERS.length]}_d${i}_`;
    const match =
      i % 5 === 4
        ? { type: 'table', name: { regex: `^${prefix}(user|member)` } }
        : { name: `${prefix}*`, ...(i % 3 === 0 && { projects: [10000 + (i % 50)] }), ...(i % 7 === 0 && { env: 'Prod' }) };
    return { id: `rule-${i}`, match, tags: { classification: CLASSES[i % CLASSES.length], ...(i % 2 === 0 && { team: `team-${i % 40}` }) } };
  });
  return JSON.stringify({
    version: 1,
    name: `generated-${n}`,
    tagKeys: [{ key: 'classification', values: CLASSES }, { key: 'team' }],
    sources: { tagged: true },
    settings: { maxBindings: 100000 },
    rules,
  });
}

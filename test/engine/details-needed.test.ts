/**
 * Whether an asset's details (its owner) could change what a run writes: not when every tag an owner rule
 * could set is already in place, with its value or a conflict the rule skips; yes when a write depends on it.
 */
import { decidedWithoutDetails } from '../../shared/engine/details-needed';
import type { MatchableAsset, Rule } from '../../shared/rules/types';

const rule = (id: string, match: Rule['match'], tags: Record<string, string>, extra: Partial<Rule> = {}): Rule => ({ id, match, tags, onConflict: 'skip', priority: 0, ...extra });
/** a table whose owner was not read */
const table: MatchableAsset = { kind: 'table', name: 'ods_user_info', owner: undefined };
const owned = rule('alice', { owner: ['alice'] }, { team: 'alpha' });

describe('engine/details-needed', () => {
  it('needs no owner when the owner rule could only find its tag present, or in a conflict it skips', () => {
    expect(decidedWithoutDetails([owned], table, { team: 'alpha' })).toMatchObject({ kind: 'settled', matchedRuleIds: [] });
    expect(decidedWithoutDetails([owned], table, { team: 'beta' })).toMatchObject({ kind: 'settled', matchedRuleIds: [] });
  });

  it('needs the owner when the answer decides a write: the tag is missing, or the rule overwrites', () => {
    expect(decidedWithoutDetails([owned], table, {})).toBeUndefined();
    expect(decidedWithoutDetails([{ ...owned, onConflict: 'overwrite' }], table, { team: 'beta' })).toBeUndefined();
    expect(decidedWithoutDetails([{ ...owned, onConflict: 'overwrite' }], table, { team: 'alpha' })).toBeDefined();
  });

  it('needs the owner when the owner rule would win a key another rule writes', () => {
    const other = rule('other', { name: [{ glob: 'ods_*' }] }, { team: 'gamma' });
    const winner = { ...owned, priority: 10 };
    // the other rule binds team=gamma unless the owner rule matches and wins with alpha: the owner decides the write
    expect(decidedWithoutDetails([winner, other], table, {})).toBeUndefined();
  });

  it('needs the owner when the owner rule feeds a rule that writes', () => {
    const follower = rule('follower', { tags: { has: [{ key: 'team', values: ['alpha'] }] } }, { tier: 'gold' });
    expect(decidedWithoutDetails([owned, follower], table, {})).toBeUndefined();
    expect(decidedWithoutDetails([owned, follower], table, { team: 'alpha', tier: 'gold' })).toBeDefined();
  });
});

import { evaluateAsset } from '../../shared/engine/evaluate';
import type { MatchableAsset, Rule } from '../../shared/rules/types';

const rule = (id: string, match: Rule['match'], tags: Record<string, string>, extra: Partial<Rule> = {}): Rule => ({
  id,
  match,
  tags,
  onConflict: 'skip',
  priority: 0,
  ...extra,
});
const table: MatchableAsset = { kind: 'table', name: 'ods_user_info', projectId: 1, envType: 'Prod', owner: 'alice' };

describe('engine/evaluate', () => {
  describe('evaluateAsset', () => {
    it('lets a rule build on the tags another rule is about to bind, in one evaluation', () => {
      const rules = [
        rule('sensitive', { tags: { has: [{ key: 'pii', values: ['true'] }] } }, { sensitivity: 'high' }),
        rule('pii', { name: [{ glob: 'ods_user_*' }] }, { pii: 'true' }),
      ];
      const e = evaluateAsset(rules, table, {});
      expect(e.kind).toBe('settled');
      if (e.kind !== 'settled') return;
      expect(Object.fromEntries([...e.wanted].map(([k, w]) => [k, w.value]))).toEqual({ pii: 'true', sensitivity: 'high' });
    });

    it('keeps a lacks-rule that sets the key it lacks (it does not see its own pending binding)', () => {
      const rules = [rule('default', { tags: { lacks: [{ key: 'classification' }] } }, { classification: 'internal' })];
      const e = evaluateAsset(rules, table, {});
      expect(e.kind === 'settled' && e.wanted.get('classification')?.value).toBe('internal');
      const again = evaluateAsset(rules, table, { classification: 'internal' });
      expect(again.kind === 'settled' && again.wanted.size).toBe(0);
    });

    it('reports rules whose tag conditions feed each other in a cycle as unsettled', () => {
      const rules = [
        rule('a', { tags: { lacks: [{ key: 'x' }] } }, { y: '1' }),
        rule('b', { tags: { has: [{ key: 'y' }] } }, { x: '1' }),
      ];
      const e = evaluateAsset(rules, table, {});
      expect(e.kind).toBe('unsettled');
      if (e.kind === 'unsettled') expect(e.ruleIds.sort()).toEqual(['a', 'b']);
    });

    it('lets the higher priority win when two rules set one key, and records the loser', () => {
      const rules = [
        rule('low', { type: 'table' }, { classification: 'internal' }),
        rule('high', { name: [{ glob: 'ods_user_*' }] }, { classification: 'confidential' }, { priority: 10 }),
      ];
      const e = evaluateAsset(rules, table, {});
      expect(e.kind).toBe('settled');
      if (e.kind !== 'settled') return;
      expect(e.wanted.get('classification')?.rule.id).toBe('high');
      expect(e.overridden).toEqual([{ key: 'classification', value: 'internal', ruleId: 'low', winningRuleId: 'high' }]);
    });

    it('asks for the owner only when an owner condition decides the outcome', () => {
      const rules = [rule('mine', { type: 'table', owner: ['alice'] }, { team: 'a' })];
      expect(evaluateAsset(rules, { ...table, owner: undefined }, {}).kind).toBe('needs-details');
      expect(evaluateAsset(rules, { ...table, kind: 'task', owner: undefined }, {}).kind).toBe('settled');
      const unreadable = evaluateAsset(rules, { ...table, owner: null }, {});
      expect(unreadable.kind === 'settled' && unreadable.wanted.size).toBe(0);
    });

    it('sees a conflicting current value under skip, and the new value under overwrite', () => {
      const follow = rule('follow', { tags: { has: [{ key: 'classification', values: ['confidential'] }] } }, { pii: 'true' });
      const skip = evaluateAsset([rule('c', {}, { classification: 'confidential' }), follow], table, { classification: 'internal' });
      expect(skip.kind === 'settled' && skip.wanted.has('pii')).toBe(false);
      const over = evaluateAsset([rule('c', {}, { classification: 'confidential' }, { onConflict: 'overwrite' }), follow], table, { classification: 'internal' });
      expect(over.kind === 'settled' && over.wanted.has('pii')).toBe(true);
    });
  });
});

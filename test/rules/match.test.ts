import { evaluateMatch, parseRuleSet, referencesOwner, testsAnyOf, type Match, type MatchableAsset } from '../../shared/rules';
import { matchableTable as table, ruleSet } from '../support/rule-sets';

const NO_TAGS = {};

describe('rules/match', () => {
  describe('evaluateMatch', () => {
    it.each<[string, Match, MatchableAsset, string]>([
      ['an empty match matches anything', {}, table(), 'match'],
      ['type', { type: 'table' }, table(), 'match'],
      ['type, other kind', { type: 'task' }, table(), 'no-match'],
      ['env', { env: 'Prod' }, table(), 'match'],
      ['env, other env', { env: 'Dev' }, table(), 'no-match'],
      ['env, asset without env', { env: 'Prod' }, table({ envType: undefined }), 'no-match'],
      ['projects', { projects: [1, 10001] }, table(), 'match'],
      ['projects, other workspace', { projects: [1] }, table(), 'no-match'],
      ['projects, asset without workspace', { projects: [10001] }, table({ projectId: undefined }), 'no-match'],
      ['glob, whole name', { name: [{ glob: 'ods_user_*' }] }, table(), 'match'],
      ['glob does not match inside a name', { name: [{ glob: 'user_*' }] }, table(), 'no-match'],
      ['glob is case-sensitive', { name: [{ glob: 'ODS_*' }] }, table(), 'no-match'],
      ['glob ? and [..]', { name: [{ glob: 'ods_[a-z]ser_inf?' }] }, table(), 'match'],
      ['glob braces', { name: [{ glob: 'ods_{user,member}_*' }] }, table(), 'match'],
      ['glob * spans any characters', { name: [{ glob: 'ods*info' }] }, table({ name: 'ods.a/b_info' }), 'match'],
      ['regex is searched in the name', { name: [{ regex: 'user' }] }, table(), 'match'],
      ['anchored regex', { name: [{ regex: '^user' }] }, table(), 'no-match'],
      ['a name list means any of them', { name: [{ glob: 'dim_*' }, { regex: '_info$' }] }, table(), 'match'],
      ['a name list, none matching', { name: [{ glob: 'dim_*' }, { regex: '_log$' }] }, table(), 'no-match'],
      ['owner', { owner: ['bob', 'alice'] }, table(), 'match'],
      ['owner, another owner', { owner: ['bob'] }, table(), 'no-match'],
      ['owner not fetched yet', { owner: ['alice'] }, table({ owner: undefined }), 'needs-details'],
      ['owner unreadable', { owner: ['alice'] }, table({ owner: null }), 'no-match'],
      ['a cheap false settles before the owner is needed', { type: 'task', owner: ['alice'] }, table({ owner: undefined }), 'no-match'],
      ['a cheap true still needs the owner', { type: 'table', owner: ['alice'] }, table({ owner: undefined }), 'needs-details'],
      ['all: every branch', { all: [{ type: 'table' }, { name: [{ glob: 'ods_*' }] }] }, table(), 'match'],
      ['all: one branch false', { all: [{ type: 'table' }, { name: [{ glob: 'dim_*' }] }] }, table(), 'no-match'],
      ['all: false AND unknown = no-match', { all: [{ owner: ['alice'] }, { env: 'Dev' }] }, table({ owner: undefined }), 'no-match'],
      ['any: one branch', { any: [{ type: 'task' }, { env: 'Prod' }] }, table(), 'match'],
      ['any: no branch', { any: [{ type: 'task' }, { env: 'Dev' }] }, table(), 'no-match'],
      ['any: true OR unknown = match', { any: [{ owner: ['alice'] }, { env: 'Prod' }] }, table({ owner: undefined }), 'match'],
      ['any: false OR unknown = needs-details', { any: [{ owner: ['alice'] }, { env: 'Dev' }] }, table({ owner: undefined }), 'needs-details'],
      ['any: false OR unreadable = no-match', { any: [{ owner: ['alice'] }, { env: 'Dev' }] }, table({ owner: null }), 'no-match'],
      ['not', { not: { name: [{ glob: '*_tmp_*' }] } }, table(), 'match'],
      ['not, inner true', { not: { name: [{ glob: '*_info' }] } }, table(), 'no-match'],
      ['not owner, owner known', { not: { owner: ['bob'] } }, table(), 'match'],
      ['not owner, owner not fetched', { not: { owner: ['bob'] } }, table({ owner: undefined }), 'needs-details'],
      ['not owner, owner unreadable: never matched on a guess', { not: { owner: ['bob'] } }, table({ owner: null }), 'no-match'],
      ['nested: any inside not inside all', { all: [{ type: 'table' }, { not: { any: [{ env: 'Dev' }, { projects: [2] }] } }] }, table(), 'match'],
    ])('%s', (_, match, asset, expected) => {
      expect(evaluateMatch(match, asset, NO_TAGS)).toBe(expected);
    });

    it.each<[string, Match, Record<string, string>, string]>([
      ['has a key, any value', { tags: { has: [{ key: 'pii' }] } }, { pii: 'true' }, 'match'],
      ['has a key that is absent', { tags: { has: [{ key: 'pii' }] } }, { team: 'x' }, 'no-match'],
      ['has a key with one of the values', { tags: { has: [{ key: 'c', values: ['a', 'b'] }] } }, { c: 'b' }, 'match'],
      ['has a key with another value', { tags: { has: [{ key: 'c', values: ['a', 'b'] }] } }, { c: 'z' }, 'no-match'],
      ['has several keys: all of them', { tags: { has: [{ key: 'a' }, { key: 'b' }] } }, { a: '1' }, 'no-match'],
      ['lacks a key that is absent', { tags: { lacks: [{ key: 'classification' }] } }, {}, 'match'],
      ['lacks a key that is present', { tags: { lacks: [{ key: 'classification' }] } }, { classification: 'public' }, 'no-match'],
      ['lacks a value: present with another value', { tags: { lacks: [{ key: 'c', values: ['public'] }] } }, { c: 'internal' }, 'match'],
      ['lacks a value: present with that value', { tags: { lacks: [{ key: 'c', values: ['public'] }] } }, { c: 'public' }, 'no-match'],
      ['has and lacks together', { tags: { has: [{ key: 'pii' }], lacks: [{ key: 'c' }] } }, { pii: 'true' }, 'match'],
      ['a key named like an Object member is just a key', { tags: { has: [{ key: 'constructor' }] } }, {}, 'no-match'],
    ])('tags: %s', (_, match, tags, expected) => {
      expect(evaluateMatch(match, table(), tags)).toBe(expected);
    });

    it('evaluates a parsed rule the way its file reads', () => {
      const rs = parseRuleSet(
        JSON.stringify(
          ruleSet({
            rules: [
              {
                id: 'r1',
                match: { type: 'table', name: 'ods_user_*', owner: ['alice'], tags: { lacks: ['classification'] }, not: { name: '*_tmp_*' } },
                tags: { classification: 'confidential' },
              },
            ],
          }),
        ),
      );
      const { match } = rs.rules[0];
      expect(evaluateMatch(match, table(), {})).toBe('match');
      expect(evaluateMatch(match, table({ name: 'ods_user_tmp_1' }), {})).toBe('no-match');
      expect(evaluateMatch(match, table(), { classification: 'public' })).toBe('no-match');
      expect(evaluateMatch(match, table({ owner: undefined }), {})).toBe('needs-details');
      expect(evaluateMatch(match, table({ owner: undefined, name: 'dim_x' }), {})).toBe('no-match');
    });
  });

  describe('referencesOwner', () => {
    it.each<[string, Match, boolean]>([
      ['no owner anywhere', { type: 'table', any: [{ env: 'Prod' }], not: { name: [{ glob: 'x' }] } }, false],
      ['owner at the top', { owner: ['alice'] }, true],
      ['owner under not', { not: { owner: ['alice'] } }, true],
      ['owner in an any branch', { any: [{ env: 'Prod' }, { owner: ['alice'] }] }, true],
      ['owner deep in all', { all: [{ not: { any: [{ owner: ['1'] }] } }] }, true],
    ])('%s', (_, match, expected) => {
      expect(referencesOwner(match)).toBe(expected);
    });
  });

  describe('testsAnyOf', () => {
    it.each<[string, Match, boolean]>([
      ['neither field', { type: 'table', name: [{ glob: 'ods_*' }], owner: ['alice'] }, false],
      ['projects at the top', { projects: [1] }, true],
      ['env under not', { not: { env: 'Dev' } }, true],
      ['env deep in all/any', { all: [{ any: [{ name: [{ glob: 'x' }] }, { env: 'Prod' }] }] }, true],
    ])('%s (projects or env)', (_, match, expected) => {
      expect(testsAnyOf(match, ['projects', 'env'])).toBe(expected);
    });
  });
});

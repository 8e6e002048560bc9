/**
 * Property: server-side filters plus local checks select the same assets as local checks alone. Discovery
 * may push `pushdownHints` to the server (name prefixes, owners, workspaces, env) and checks every rule
 * locally after; that is the same selection only if the hints never exclude an asset some rule matches.
 * So: for random rules and a random asset, every rule `evaluateMatch` matches the asset with is admitted by
 * the hints for the asset's kind.
 */
import fc from 'fast-check';
import type { PushdownHints } from '../../shared/discovery';
import { evaluateMatch, pushdownHints, type MatchableAsset } from '../../shared/rules';
import { assetWithTags, rules } from './arbitraries';

/** Would a server applying these filters still list the asset? (A name prefix also passes a "contains" filter.) */
function admitted(hints: PushdownHints, asset: MatchableAsset): boolean {
  return (
    (!hints.names || hints.names.some((p) => asset.name.startsWith(p))) &&
    (!hints.owners || (typeof asset.owner === 'string' && hints.owners.includes(asset.owner))) &&
    (!hints.projects || (asset.projectId !== undefined && hints.projects.includes(asset.projectId))) &&
    (!hints.env || asset.envType === hints.env)
  );
}

describe('property: pushdown filters never exclude an asset a rule matches', () => {
  it('every asset some rule matches passes the hints for its kind', () => {
    let filteredMatches = 0; // cases where a hint was offered and a rule matched: the ones that can fail
    fc.assert(
      fc.property(rules(1, 3), assetWithTags, (indexed, { asset, tags }) => {
        const rs = indexed.map((r) => r.rule);
        const matched = rs.filter((r) => evaluateMatch(r.match, asset, tags) === 'match');
        const hints = pushdownHints(rs, asset.kind);
        if (matched.length > 0 && Object.keys(hints).length > 0) filteredMatches++;
        return matched.length === 0 || admitted(hints, asset);
      }),
      { numRuns: 1000 },
    );
    expect(filteredMatches).toBeGreaterThan(30);
  });
});

/**
 * Whether some source lists what a rule limited to one asset kind and to workspaces or an env can match, for the
 * linter. A source that lists only assets already tagged (the tagged source) can still feed it, but then the rule
 * never tags anything new; a source whose workspaces are not in the rule file (MaxCompute projects, whose
 * workspace and env GetTable reads at run time) may or may not feed it, which can only be said, not checked,
 * until the file declares where they lie. A rule no source reaches at all is the linter's "can never match".
 */
import type { AssetKind } from '../dataworks';
import { reachOf, sourceExamples, type Sources } from '../discovery';
import type { Footprint } from './footprint';

type SourceReach = ReturnType<typeof reachOf>[number];

/** The workspaces and env a source lists overlap the rule's (a side that names none overlaps any). */
export const overlaps = (s: SourceReach, fp: Footprint) =>
  (!s.projects || !fp.projects || s.projects.some((p) => fp.projects!.has(p))) && (!s.env || !fp.env || s.env.includes(fp.env));

/** What the source is known to list overlaps the rule: for a source partly unknown offline, through a workspace it declares. */
const knownToFeed = (s: SourceReach, fp: Footprint) =>
  overlaps(s, fp) && (!s.unknownOffline || (!!s.projects && !!fp.projects && s.projects.some((p) => fp.projects!.has(p))));

/** `tasks of workspace 10003 in Dev` */
function scopeOf(kind: AssetKind, fp: Footprint): string {
  const ids = fp.projects && [...fp.projects];
  const where = ids ? ` of workspace${ids.length > 1 ? 's' : ''} ${ids.join(', ')}` : '';
  return `${kind}s${where}${fp.env ? ` in ${fp.env}` : ''}`;
}

/** Why sources may not feed the rule, or undefined when one lists what it matches (or when no source reaches it). */
export function feedProblem(fp: Footprint, sources: Sources): string | undefined {
  const kind = fp.type;
  if (!kind || (!fp.projects && !fp.env)) return undefined;
  const feeders = reachOf(sources).filter((s) => s.kinds.includes(kind));
  const lists = feeders.filter((s) => !s.taggedOnly);
  if (lists.some((s) => knownToFeed(s, fp))) return undefined;
  const viaTagged = feeders.some((s) => s.taggedOnly && overlaps(s, fp));
  const scope = scopeOf(kind, fp);
  const otherwise = viaTagged ? `only ${kind}s that already carry a tag can match (sources.tagged)` : 'it never matches';
  const unknown = lists.find((s) => s.unknownOffline);
  if (unknown?.unknownOffline) {
    const { what, declare } = unknown.unknownOffline;
    return (
      `whether ${what} ${scope} cannot be known offline: the rule file does not say where it lies, and GetTable reads each ${kind}'s workspace and env only at run time. ` +
      `If none does, ${otherwise}: check with \`autotag plan\` (matched 0), or declare it to have it checked here: ${declare}`
    );
  }
  if (!viaTagged) return undefined; // no source reaches it at all: the linter says it can never match
  return `no source lists ${scope}, so ${otherwise}: add ${sourceExamples(kind)[0]} covering them`;
}

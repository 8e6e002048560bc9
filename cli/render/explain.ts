/**
 * What `autotag explain` prints: the one JSON document (printed with its `formatVersion`), and its text for people: per
 * asset its facts, then every rule with its conditions (explain-conditions.ts) and what becomes of each tag it
 * would bind, then what a plan does for the asset; a name that found no asset, several, or could not be read
 * is said as such. Plain text: colour is the terminal module's business.
 */
import type { ApiMetrics } from '../../shared/dataworks';
import type { AssetView, Refusal } from '../../shared/discovery';
import type { AssetExplanation, RuleExplanation, TagDecision } from '../../shared/engine';
import { conditionLines, MARK } from './explain-conditions';
import { count, counted, joinParts } from './format';

/** One asset as named, in the order named. */
export type ExplainResult = { input: string } & (
  | { outcome: 'explained'; explanation: AssetExplanation }
  /** several assets have the name: none is explained */
  | { outcome: 'ambiguous'; candidates: AssetView[] }
  /** `lookedIn` empty: no source of the rule set would read it */
  | { outcome: 'missing'; lookedIn: string[] }
  | { outcome: 'unreadable'; refusals: Refusal[] }
);

export interface ExplainDocument {
  ruleSet?: string;
  /** the rules explained: the file's, or those --rule names */
  rules: string[];
  assets: ExplainResult[];
  api: ApiMetrics;
}

const FACT_WIDTH = 11;
const fact = (label: string, value: string) => `  ${label.padEnd(FACT_WIDTH)} ${value}`;
const tagList = (tags: Record<string, string>) => Object.entries(tags).map(([k, v]) => `${k}=${v}`).join(', ') || 'none';

function where(a: AssetView): string {
  return joinParts([a.projectId !== undefined && `workspace ${a.projectId}`, a.envType], ' ');
}

function factLines(e: AssetExplanation): string[] {
  const { asset: a, details } = e;
  const unreported = details === 'not-needed' ? 'not fetched' : 'none reported';
  const owner = a.owner === null ? 'unreadable: an owner condition never matches it' : (a.owner ?? unreported);
  const detailText = { listed: 'listed with the asset', fetched: "fetched, because a rule's outcome depended on them", 'not-needed': "not fetched: no rule's outcome depended on them" }[details];
  return [
    fact('workspace', a.projectId === undefined ? unreported : String(a.projectId)),
    fact('env', a.envType ?? unreported),
    fact('owner', owner),
    fact('details', detailText),
    fact('tags now', tagList(a.tags)),
  ];
}

/** What becomes of one tag `rule` would bind; `rules`, every rule explained, for the priority that decided. */
function fateText(d: TagDecision, rule: RuleExplanation, rules: readonly RuleExplanation[]): string {
  switch (d.fate) {
    case 'bind':
      return 'bind';
    case 'present':
      return 'already bound';
    case 'conflict':
      return `conflict with ${d.key}=${d.currentValue}: ${d.resolution === 'overwrite' ? 'overwritten' : 'skipped, the current value stays'} (onConflict ${d.resolution})`;
    case 'overridden': {
      const winner = rules.find((r) => r.ruleId === d.winningRuleId);
      const why = winner && winner.priority !== rule.priority ? `priority ${winner.priority} over ${rule.priority}` : 'same priority, earlier in the file';
      return `lost to ${d.winningRuleId} (${why}), which sets ${d.winningValue}`;
    }
    case 'shared':
      return `also set by ${d.winningRuleId}, which binds it`;
  }
}

/** Why a rule's verdict is unknown: details not read yet, not read because no answer changes the writes, or unreadable. */
function unknownText(e: AssetExplanation): string {
  if (e.outcome === 'needs-details') return ' — depends on details not fetched';
  if (e.details === 'not-needed') return ' — depends on details not fetched: no answer would change what a plan writes';
  return ' — unknown (a detail could not be read): no match';
}

function ruleLines(r: RuleExplanation, e: AssetExplanation): string[] {
  const unknown = r.verdict === 'unknown' ? unknownText(e) : '';
  const head = `  ${MARK[r.verdict]} ${joinParts([r.ruleId, r.priority !== 0 && `priority ${r.priority}`, r.onConflict === 'overwrite' && 'onConflict overwrite'])}${r.description ? ` — ${r.description}` : ''}${unknown}`;
  const ctx = { detailsFetched: e.details !== 'not-needed', pending: r.pending ?? [] };
  return [head, ...conditionLines(r.match, '      ', ctx), ...r.tags.map((d) => `      → ${d.key}=${d.value}: ${fateText(d, r, e.rules)}`)];
}

function resultLines(e: AssetExplanation): string[] {
  if (e.outcome === 'unsettled') return [`  A plan leaves it alone: rules ${(e.unsettledRuleIds ?? []).join(', ')} never settle (their tag conditions feed each other in a cycle).`];
  if (e.outcome === 'needs-details') return ['  A plan would first fetch its details (owner, workspace): the outcome depends on them.'];
  if (!e.result.length) return ['  A plan does nothing for it: no rule matches.'];
  return [
    '  A plan would:',
    ...[...e.result].sort((a, b) => a.key.localeCompare(b.key)).map((b) => {
      const binding = `${b.key}=${b.value}`;
      const line =
        b.fate === 'bind' ? `+ bind      ${binding}` : b.fate === 'present' ? `= present   ${binding}` : `! conflict  ${b.key}: ${b.currentValue} → ${b.value} (${b.resolution})`;
      return `    ${line}  (rule ${b.ruleId})`;
    }),
  ];
}

/** One asset's explanation as text; `input`, how it was named, when that was neither its id nor its name. For plan output too. */
export function assetExplanationLines(e: AssetExplanation, input?: string): string[] {
  const { asset: a } = e;
  const named = input === undefined || input.trim() === a.id || input.trim() === a.name ? '' : ` (named ${JSON.stringify(input)})`;
  const matched = e.rules.filter((r) => r.verdict === 'match').length;
  return [
    `${a.kind} ${a.name} · ${a.id}${named}`,
    ...factLines(e),
    '',
    `  Rules: ${count(matched)} of ${count(e.rules.length)} match`,
    ...e.rules.flatMap((r) => ruleLines(r, e)),
    '',
    ...resultLines(e),
  ];
}

function unexplainedLines(r: Exclude<ExplainResult, { outcome: 'explained' }>): string[] {
  const name = JSON.stringify(r.input);
  switch (r.outcome) {
    case 'missing':
      return [r.lookedIn.length ? `✗ ${name}: not found in ${r.lookedIn.join(', ')}` : `✗ ${name}: no source of the rule set would read it (see sources in the rule file)`];
    case 'ambiguous':
      return [`✗ ${name}: ${count(r.candidates.length)} assets have this name; name one by its id:`, ...r.candidates.map((a) => `    ${a.kind} ${a.id}${where(a) ? ` (${where(a)})` : ''}`)];
    case 'unreadable':
      return [`✗ ${name}: could not be read:`, ...r.refusals.map((f) => `    ${f.where}: ${f.code}: ${f.message}`)];
  }
}

function apiLine(api: ApiMetrics): string {
  const calls = Object.entries(api.calls).filter(([, n]) => n > 0);
  const total = calls.reduce((sum, [, n]) => sum + n, 0);
  return `API calls: ${count(total)}${calls.length ? ` (${calls.map(([action, n]) => `${action} ${count(n)}`).join(', ')})` : ''}`;
}

export function renderExplain(doc: ExplainDocument): string {
  const explained = doc.assets.filter((r) => r.outcome === 'explained').length;
  const blocks = doc.assets.map((r) => (r.outcome === 'explained' ? assetExplanationLines(r.explanation, r.input) : unexplainedLines(r)));
  const summary = `Explained ${count(explained)} of ${counted(doc.assets.length, 'asset')} named with ${counted(doc.rules.length, 'rule')}${doc.ruleSet ? ` of ${doc.ruleSet}` : ''} · ${apiLine(doc.api)}`;
  return [...blocks.flatMap((b) => [...b, '']), summary].join('\n');
}

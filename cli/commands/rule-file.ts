/**
 * The commands that read a rule file and call no API: `validate` (every issue at once, then softer lint
 * warnings), `schema` (the JSON Schema of rule files) and `policy` (the least-privilege RAM policy, and
 * what connecting a custom event bus needs).
 */
import { InvalidInputError } from '../../shared/errors';
import { connectEventsStatement, ramPolicy, type RamPolicy } from '../../shared/policy';
import { lintRuleSet, loadRuleSet, ruleSetJsonSchema, type LintFinding, type RuleSet } from '../../shared/rules';
import { EXIT, type ExitCode } from '../exit-codes';
import type { Palette } from '../render/colour';
import { counted } from '../render/format';
import { describeSources } from '../render/sources';
import { printForeignJson, printJson, println, type Terminal } from '../terminal';

function renderValidation(file: string, rs: RuleSet, findings: LintFinding[], paint: Palette): string {
  const lines = [
    `${file}: ${paint.good('valid.')} ${counted(rs.rules.length, 'rule')} (${rs.rules.map((r) => r.id).join(', ')}), ${counted(rs.tagKeys.length, 'tag key')}; ` +
      `sources: ${describeSources(rs)}; blast-radius limit ${rs.settings.maxBindings} writes per run.`,
  ];
  if (findings.length) {
    lines.push(paint.warn(`${counted(findings.length, 'warning')} (allowed, but probably not what you meant):`));
    for (const f of findings) lines.push(`  - ${[f.ruleId && `rule ${f.ruleId}`, f.field].filter(Boolean).join(': ')}: ${f.message}`);
  }
  return lines.join('\n');
}

export async function validateCommand(file: string, flags: { json?: boolean }, term: Terminal): Promise<ExitCode> {
  const rs = await loadRuleSet(file);
  const warnings = lintRuleSet(rs);
  if (flags.json) printJson(term, { valid: true, file, name: rs.name, rules: rs.rules.map((r) => r.id), tagKeys: rs.tagKeys.map((k) => k.key), warnings });
  else println(term, renderValidation(file, rs, warnings, term.paint.out));
  return EXIT.ok;
}

export async function schemaCommand(flags: { rules?: string }, term: Terminal): Promise<ExitCode> {
  printForeignJson(term, ruleSetJsonSchema(flags.rules === undefined ? undefined : await loadRuleSet(flags.rules)));
  return EXIT.ok;
}

export interface PolicyFlags {
  rules?: string;
  fanOut?: boolean;
  events?: boolean;
  connectEvents?: boolean;
}

/** The functions' role policy for a rule set, and/or what `autotag events connect` needs (before the rule set's Deny). */
export async function policyCommand(flags: PolicyFlags, term: Terminal): Promise<ExitCode> {
  if (!flags.rules && !flags.connectEvents) {
    throw new InvalidInputError([{ field: '--rules', message: 'give the rule file whose policy to print (or --connect-events for what autotag events connect needs)' }], 'policy');
  }
  const forRules = flags.rules ? ramPolicy(await loadRuleSet(flags.rules), { fanOut: flags.fanOut, eventTargets: flags.events, lateAssets: flags.events }) : undefined;
  const allows = forRules?.Statement.filter((s) => s.Effect === 'Allow') ?? [];
  const denies = forRules?.Statement.filter((s) => s.Effect === 'Deny') ?? [];
  const policy: RamPolicy = { Version: '1', Statement: [...allows, ...(flags.connectEvents ? [connectEventsStatement()] : []), ...denies] };
  printForeignJson(term, policy);
  return EXIT.ok;
}

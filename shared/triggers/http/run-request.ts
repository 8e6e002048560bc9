/**
 * The body (and query) of `POST /runs`: which rule set, which rules, which workspaces, dry run or not.
 * Our own input, so unknown keys fail. `projects` are DataWorks workspace ids; a numeric string is taken
 * as that id, a name (such as a MaxCompute project "sales_dw") is refused with a 400 that says so,
 * because resolving workspace names needs an API (ListProjects) the function's role is not given.
 */
import { z } from 'zod';
import { InvalidInputError, type InputIssue, toInputIssues } from '../../errors';
import { decodeUtf8 } from '../../json';

const workspaceId = z.unknown().transform((v, ctx) => {
  if (typeof v === 'number' && Number.isSafeInteger(v) && v > 0) return v;
  if (typeof v === 'string' && /^[1-9]\d{0,15}$/.test(v) && Number.isSafeInteger(Number(v))) return Number(v);
  ctx.addIssue({
    code: 'custom',
    message: `${JSON.stringify(v)} is not a workspace id: projects are DataWorks workspace ids (numbers such as 91234), not workspace or MaxCompute project names`,
  });
  return z.NEVER;
});

/** An unknown key is named with the keys there are (a typo such as `dryrun` then says what was meant). */
const unknownKeys = (where: string, known: string) => (issue: { code?: string; keys?: string[] }) =>
  issue.code === 'unrecognized_keys' ? `unknown key${issue.keys!.length > 1 ? 's' : ''} ${issue.keys!.map((k) => JSON.stringify(k)).join(', ')}: ${where} ${known}` : undefined;

const runBodySchema = z.strictObject(
  {
    /** a rule set bundled with the function, by name */
    ruleSet: z.string().min(1).optional(),
    /** an inline rule set: the file's text (YAML or JSON) or the parsed object */
    rules: z.union([z.string().min(1), z.record(z.string(), z.unknown())], { error: 'must be a rule set: its text (YAML or JSON) or the parsed object' }).optional(),
    ruleIds: z.array(z.string().min(1)).min(1).optional(),
    projects: z.array(workspaceId).min(1).optional(),
    dryRun: z.boolean().optional(),
  },
  { error: unknownKeys('the body takes', 'ruleSet, rules, ruleIds, projects and dryRun') },
);

const runQuerySchema = z.strictObject({ dryRun: z.enum(['true', 'false']).optional() }, { error: unknownKeys('the query takes only', 'dryRun') });

const JSON_EXAMPLE = 'send a JSON object such as {"ruleSet":"default","dryRun":true}, or no body for the default rule set';

export interface HttpRunRequest {
  ruleSet?: string;
  rules?: string | Record<string, unknown>;
  ruleIds?: string[];
  projects?: number[];
  dryRun: boolean;
}

const SUBJECT = 'run request';

/** `body` is the raw request body (empty = `{}`, the default rule set). */
export function parseRunRequest(body: Buffer, query: Record<string, string>): HttpRunRequest {
  const decoded = decodeUtf8(body);
  if ('problem' in decoded) throw new InvalidInputError([{ field: 'body', message: `not UTF-8 text at line ${decoded.line}, column ${decoded.column}: ${decoded.problem}` }], SUBJECT);
  const text = decoded.text;
  let json: unknown = {};
  if (text.trim() !== '') {
    try {
      json = JSON.parse(text);
    } catch (e) {
      throw new InvalidInputError([{ field: 'body', message: `not JSON (${(e as Error).message}): ${JSON_EXAMPLE}` }], SUBJECT);
    }
  }
  const parsedBody = runBodySchema.safeParse(json);
  const parsedQuery = runQuerySchema.safeParse(query);
  const issues: InputIssue[] = [
    ...(parsedBody.success ? [] : toInputIssues(parsedBody.error, 'body')),
    ...(parsedQuery.success ? [] : toInputIssues(parsedQuery.error, 'query')),
  ];
  if (!parsedBody.success || !parsedQuery.success) throw new InvalidInputError(issues, SUBJECT);

  const { ruleSet, rules, ruleIds, projects, dryRun: bodyDryRun } = parsedBody.data;
  const queryDryRun = parsedQuery.data.dryRun === undefined ? undefined : parsedQuery.data.dryRun === 'true';
  if (ruleSet !== undefined && rules !== undefined) issues.push({ field: 'body.rules', message: 'give either "ruleSet" (a bundled rule set, by name) or "rules" (inline), not both' });
  if (bodyDryRun !== undefined && queryDryRun !== undefined && bodyDryRun !== queryDryRun) {
    issues.push({ field: 'dryRun', message: `the body says dryRun=${bodyDryRun} and the query says dryRun=${queryDryRun}: give one` });
  }
  if (issues.length) throw new InvalidInputError(issues, SUBJECT);
  return { ruleSet, rules, ruleIds, projects, dryRun: bodyDryRun ?? queryDryRun ?? false };
}

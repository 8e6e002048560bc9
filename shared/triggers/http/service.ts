/**
 * The HTTP function's one service: the router with routes that load a bundled or inline rule set and run
 * the engine synchronously, answering with the run report. The report says how the run ended (`ok`,
 * `partial`, `deadline`); a run the blast-radius guard blocked is a 409. A dry run answers the plan's counts
 * and, per rule, its first bindings (what fits an answer: `planDetail.omitted` counts the rest), never the
 * whole plan of a large catalog.
 */
import { runRules } from '../../engine';
import { parseInlineRuleSet, type Invocation } from '../../runtime';
import type { HttpResponse } from './response';
import { handleHttpRequest } from './router';
import type { HttpService } from './routes';

/** bindings per rule a dry run's answer shows: about 250 KB a rule at most, well inside FC's 32 MB synchronous payload */
const HTTP_PLAN_SAMPLE = 1_000;

export async function serveHttp(invocation: Invocation, event: unknown): Promise<HttpResponse> {
  const runId = invocation.context.requestId;
  const service: HttpService = {
    async run(request) {
      invocation.logger.info('http run', { runId, ruleSet: request.ruleSet, inline: request.rules !== undefined, ruleIds: request.ruleIds, projects: request.projects, dryRun: request.dryRun });
      const ruleSet = request.rules !== undefined ? parseInlineRuleSet(request.rules) : await invocation.ruleSets.get(request.ruleSet);
      const { ruleIds, projects, dryRun } = request;
      const run = await invocation.audited({ ruleSet, trigger: invocation.trigger, runId, ruleIds, projects, dryRun, maxBindings: invocation.config.maxBindings, planSample: HTTP_PLAN_SAMPLE });
      return runRules(run, invocation.engineDeps());
    },
    listRuleSets: async () => ({ ruleSets: await invocation.ruleSets.list() }),
  };
  return handleHttpRequest(event, service, { logger: invocation.logger });
}

/**
 * The HTTP function's one service: the router (shared/runtime/http) with routes that load a bundled or
 * inline rule set and run the engine synchronously, answering with the run report. The report says how
 * the run ended (`ok`, `partial`, `deadline`); a run the blast-radius guard blocked is a 409.
 */
import { runRules } from '../engine';
import { handleHttpRequest, type HttpResponse, type HttpService } from './http';
import type { Invocation } from './invocation';
import { parseInlineRuleSet } from './rule-sets';
import { ConfigurationError } from '../errors';

export async function serveHttp(invocation: Invocation, event: unknown): Promise<HttpResponse> {
  const token = invocation.config.httpToken;
  if (!token) throw new ConfigurationError([{ field: 'AUTOTAG_HTTP_TOKEN', message: 'the HTTP function needs a bearer token' }]);
  const runId = invocation.context.requestId;
  const service: HttpService = {
    async run(request) {
      invocation.logger.info('http run', { runId, ruleSet: request.ruleSet, inline: request.rules !== undefined, ruleIds: request.ruleIds, projects: request.projects, dryRun: request.dryRun });
      const ruleSet = request.rules !== undefined ? parseInlineRuleSet(request.rules) : await invocation.ruleSets.get(request.ruleSet);
      const { ruleIds, projects, dryRun } = request;
      return runRules({ ruleSet, trigger: 'http', runId, ruleIds, projects, dryRun, maxBindings: invocation.config.maxBindings }, invocation.engineDeps());
    },
    listRuleSets: async () => ({ ruleSets: await invocation.ruleSets.list() }),
  };
  return handleHttpRequest(event, service, { token, logger: invocation.logger });
}

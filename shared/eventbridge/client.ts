/**
 * The EventBridge 2020-04-01 control plane, the few actions autotag calls to connect a custom event bus to
 * a function (research.md §3): GetEventBus, GetRule, CreateRule, UpdateRule and PutTargets, sent as the
 * official SDK (`@alicloud/eventbridge20200401`, not installable here) sends them — `@alicloud/openapi-client`
 * callApi, RPC, POST `/`, every parameter in the query, the target lists as JSON text, ACS3-HMAC-SHA256.
 * Answers are `{ RequestId, Code, Message, Success, Data }`; every `Data` autotag reads is checked. Failures
 * become an EventBridgeError with the service's code, HTTP status and request id (never the request).
 */
import OpenApi, { Config, OpenApiRequest, Params } from '@alicloud/openapi-client';
import { RuntimeOptions } from '@alicloud/tea-util';
import { z } from 'zod';
import type { Credentials } from '../credentials';
import type { ResolvedEndpoint } from '../dataworks';
import { ApiError } from '../errors';
import { redactString } from '../log';
import { ruleSchema, type EventRule, type EventTarget } from './model';

export const EVENTBRIDGE_VERSION = '2020-04-01';

/** The public endpoint of a region (the SDK's endpoint map: `eventbridge-console.<region>.aliyuncs.com` everywhere). */
export const eventBridgeEndpoint = (region: string): ResolvedEndpoint => ({ endpoint: `eventbridge-console.${region}.aliyuncs.com`, protocol: 'HTTPS', regionId: region });

/**
 * A call EventBridge refused or failed. Nothing retries it: connecting is a person's one step, and running
 * it again is safe (it changes only what drifted).
 */
export class EventBridgeError extends ApiError {
  readonly code = 'EVENTBRIDGE_CALL_FAILED';
  readonly retryable = false;
}

/** Whether `e` says the bus, or the rule, does not exist (the open-source core spells it ...NotExist, the SDK's examples ...NotExisted). */
const isNotFound = (e: unknown, what: 'EventBus' | 'EventRule') => e instanceof EventBridgeError && e.serviceCode.startsWith(`${what}NotExist`);

interface SdkError {
  code?: string;
  message?: string;
  data?: { statusCode?: number; RequestId?: string; Message?: string };
}

const answerSchema = z.looseObject({ Success: z.boolean().optional(), Code: z.string().optional(), Message: z.string().optional(), RequestId: z.string().optional(), Data: z.unknown() });

const putTargetsSchema = z.looseObject({ ErrorEntriesCount: z.number(), ErrorEntries: z.array(z.looseObject({ EntryId: z.string(), ErrorCode: z.string(), ErrorMessage: z.string() })).default([]) });
export type PutTargetsAnswer = z.output<typeof putTargetsSchema>;

export interface EventBridgeClient {
  /** undefined when the bus does not exist */
  getEventBus(name: string): Promise<{ EventBusName: string } | undefined>;
  /** undefined when the rule does not exist */
  getRule(bus: string, rule: string): Promise<EventRule | undefined>;
  createRule(rule: { EventBusName: string; RuleName: string; FilterPattern: string; Status: 'ENABLE'; Description: string; EventTargets: EventTarget[] }): Promise<{ RuleARN?: string }>;
  updateRule(rule: { EventBusName: string; RuleName: string; FilterPattern: string; Status: 'ENABLE'; Description: string }): Promise<void>;
  putTargets(bus: string, rule: string, targets: EventTarget[]): Promise<PutTargetsAnswer>;
}

export function createEventBridgeClient(options: { credentials: Credentials; endpoint: ResolvedEndpoint; timeoutMs?: number }): EventBridgeClient {
  const { credentials, endpoint } = options;
  const timeout = options.timeoutMs ?? 10_000;
  const sdk = new OpenApi(new Config({ ...credentials, endpoint: endpoint.endpoint, protocol: endpoint.protocol, regionId: endpoint.regionId }));
  const runtime = new RuntimeOptions({ autoretry: false, readTimeout: timeout, connectTimeout: timeout });

  async function call(action: string, query: Record<string, string>): Promise<unknown> {
    const params = new Params({ action, version: EVENTBRIDGE_VERSION, protocol: endpoint.protocol, pathname: '/', method: 'POST', authType: 'AK', style: 'RPC', reqBodyType: 'formData', bodyType: 'json' });
    let body: unknown;
    try {
      body = (await sdk.callApi(params, new OpenApiRequest({ query }), runtime)).body;
    } catch (e) {
      const err = (e ?? {}) as SdkError;
      const serviceMessage = redactString(err.data?.Message ?? err.message ?? '').slice(0, 300);
      throw new EventBridgeError({ action, serviceCode: err.code ?? 'Unknown', httpStatus: err.data?.statusCode, requestId: err.data?.RequestId, serviceMessage });
    }
    const answer = answerSchema.safeParse(body);
    if (!answer.success || answer.data.Success === false) {
      throw new EventBridgeError({ action, serviceCode: (answer.success && answer.data.Code) || 'UnexpectedResponse', httpStatus: 200, requestId: answer.success ? answer.data.RequestId : undefined });
    }
    return answer.data.Data;
  }

  const checked = <T>(action: string, schema: z.ZodType<T>, data: unknown): T => {
    const parsed = schema.safeParse(data);
    if (!parsed.success) throw new EventBridgeError({ action, serviceCode: 'UnexpectedResponse', httpStatus: 200, serviceMessage: 'the Data of the answer is not what the API documents' });
    return parsed.data;
  };
  const absentWhen = async <T>(what: 'EventBus' | 'EventRule', read: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await read();
    } catch (e) {
      if (isNotFound(e, what)) return undefined;
      throw e;
    }
  };

  return {
    getEventBus: (name) => absentWhen('EventBus', async () => checked('GetEventBus', z.looseObject({ EventBusName: z.string() }), await call('GetEventBus', { EventBusName: name }))),
    getRule: (bus, rule) => absentWhen('EventRule', async () => checked('GetRule', ruleSchema, await call('GetRule', { EventBusName: bus, RuleName: rule }))),
    async createRule({ EventTargets, ...rule }) {
      return checked('CreateRule', z.looseObject({ RuleARN: z.string().optional() }), await call('CreateRule', { ...rule, EventTargets: JSON.stringify(EventTargets) }));
    },
    async updateRule(rule) {
      await call('UpdateRule', rule);
    },
    async putTargets(bus, rule, targets) {
      return checked('PutTargets', putTargetsSchema, await call('PutTargets', { EventBusName: bus, RuleName: rule, Targets: JSON.stringify(targets) }));
    },
  };
}


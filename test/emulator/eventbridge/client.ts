/**
 * Helpers for the EventBridge fake's tests: `eb` calls an action as the EventBridge SDK does (callApi, RPC,
 * POST `/`, version 2020-04-01, parameters in the query, lists as JSON text) with keys from the real
 * @alicloud/credentials, and `fcTarget` builds an `acs.fc.function` target for an FC 3.0 function.
 */
import type { EventBridgeFake } from '../../../emulator/eventbridge';
import { call, credentialClient, type Answer, type ClientCredentials } from '../client';

export const EB_VERSION = '2020-04-01';

export function eb(fake: EventBridgeFake, action: string, params: Record<string, unknown> = {}, credentials?: ClientCredentials): Promise<Answer> {
  return call(credentialClient(fake, credentials), action, params, { version: EB_VERSION, method: 'POST' });
}

export interface Param {
  ResourceKey: string;
  Form: string;
  Value?: string;
}

export function fcTarget(fake: EventBridgeFake, id: string, functionName: string, body: Param = { ResourceKey: 'Body', Form: 'ORIGINAL' }, extra: Param[] = []) {
  return {
    Id: id,
    Type: 'acs.fc.function',
    Endpoint: `acs:fc:${fake.region}:${fake.accountId}:functions/${functionName}`,
    ParamList: [{ ResourceKey: 'functionName', Form: 'CONSTANT', Value: functionName }, body, ...extra],
  };
}

export const RAW_DATA: Param = { ResourceKey: 'Body', Form: 'JSONPATH', Value: '$.data' };

/** a pattern for DataWorks events of these types */
export const dataworksPattern = (...types: string[]) => JSON.stringify({ source: ['acs.dataworks'], type: types });

/**
 * Signing a request to an HTTP trigger with `authType: function`, exactly as FC's official Node.js sample
 * does (research.md §1): headers `x-acs-date` (ISO 8601) and `x-acs-security-token` ('' without STS), and
 * `Authorization` from `@alicloud/openapi-util`'s getAuthorization over the method, the wire path (its
 * first `$` escaped), the decoded query and those two headers, with an empty payload line: the body is not
 * signed. The caller's own credentials sign; nothing here is logged.
 */
import * as $tea from '@alicloud/tea-typescript';
import Util from '@alicloud/openapi-util';
import type { Credentials } from '../../shared/credentials';

export interface TriggerRequestToSign {
  method: 'GET' | 'POST';
  /** the whole URL, path and query included */
  url: string;
  credentials: Credentials;
  /** the `x-acs-date` value: now, ISO 8601 */
  date: string;
}

/** The headers that make the request pass FC's gateway: `x-acs-date`, `x-acs-security-token`, `authorization`. */
export function signTriggerRequest({ method, url, credentials, date }: TriggerRequestToSign): Record<string, string> {
  const u = new URL(url);
  const headers: Record<string, string> = { 'x-acs-date': date, 'x-acs-security-token': credentials.securityToken ?? '' };
  const request = new $tea.Request();
  request.method = method;
  request.pathname = u.pathname.replace('$', '%24');
  request.headers = headers;
  request.query = Object.fromEntries(u.searchParams);
  return { ...headers, authorization: Util.getAuthorization(request, 'ACS3-HMAC-SHA256', '', credentials.accessKeyId, credentials.accessKeySecret) };
}

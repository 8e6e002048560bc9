/**
 * FC 2.0 InvokeFunction as `@alicloud/fc2` calls it: `POST /2016-08-15/services/{service[.qualifier]}/functions/{fn}/invocations`,
 * signed `Authorization: FC <id>:<signature>` (fc2-signature.ts), errors `{ ErrorCode, ErrorMessage }`.
 * A function is reachable here only when registered with that FC 2.0 `service` (whether an FC 3.0 function
 * can be reached this way at all is unverified, reference function-compute §7.1). Only LATEST exists here.
 */
import type { AccessKeyCredential } from '../auth';
import { decodeSegment, queryPairs, type ApiRoute } from './api-route';
import { FC_REFUSALS, fcError } from './errors';
import { verifyFc2 } from './fc2-signature';

const PATH = /^\/2016-08-15\/services\/([^/]+)\/functions\/([^/]+)\/invocations$/;

export function fc2Route(callers: readonly AccessKeyCredential[], now: () => number): ApiRoute {
  return {
    via: 'fc2-api',
    style: 'fc2',
    taskIdHeader: 'x-fc-stateful-async-invocation-id',
    owns: (path) => PATH.test(path),
    authenticate: (request) =>
      verifyFc2({ method: request.method, path: decodeSegment(request.path), headers: request.headers, query: queryPairs(request.rawQuery) }, callers, now(), FC_REFUSALS),
    resolve(path, _rawQuery, registry) {
      const m = PATH.exec(path)!;
      const [service, qualifier] = decodeSegment(m[1]).split('.', 2);
      const name = decodeSegment(m[2]);
      if (!registry.hasService(service)) throw fcError.serviceNotFound(service);
      if (qualifier !== undefined && qualifier !== 'LATEST') throw fcError.aliasNotFound(qualifier, `service '${service}'`);
      const spec = registry.inService(service, name);
      if (!spec) throw fcError.functionNotInService(name, service);
      return spec;
    },
  };
}

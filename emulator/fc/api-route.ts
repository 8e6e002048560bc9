/**
 * One version of FC's invoke API as the local FC serves it: which paths it owns, how it authenticates a
 * caller, which function a path names, what its task-id header is called and how its errors look. The API
 * server (api-server.ts) is the same for both; api-fc3.ts and api-fc2.ts are the two versions.
 */
import type { IncomingSignedRequest } from '../auth';
import { decodeQuery, type QueryPairs } from '../signature';
import { fcError, type ErrorStyle } from './errors';
import type { FunctionRegistry, FunctionSpec } from './functions';
import type { InvocationVia } from './invocations';

export interface ApiRoute {
  via: InvocationVia;
  style: ErrorStyle;
  taskIdHeader: string;
  /** whether the wire path is this version's invoke path */
  owns(path: string): boolean;
  /** the caller's AccessKeyId, or the ServiceError refusing it (before anything about the function is told) */
  authenticate(request: IncomingSignedRequest): string;
  /** the function the path names, or the 404 saying there is none */
  resolve(path: string, rawQuery: string, registry: FunctionRegistry): FunctionSpec;
}

/** A wire path or segment decoded (left as it is when its escapes are malformed). */
export function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** The decoded query, or 400 InvalidArgument for a malformed escape. */
export function queryPairs(rawQuery: string): QueryPairs {
  try {
    return decodeQuery(rawQuery);
  } catch {
    throw fcError.invalidArgument('The query string has a malformed percent-encoding.');
  }
}

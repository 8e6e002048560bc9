import { newError } from '@alicloud/tea-typescript';
import { toApiError } from '../../shared/dataworks/api-errors';
import {
  ApiError,
  AuthenticationError,
  ForbiddenActionError,
  InvalidRequestError,
  PermissionError,
  ThrottledError,
  TransientError,
} from '../../shared/errors';
import { registerSecret } from '../../shared/log';

/** The SDK's own ResponseError, built as openapi-client builds it for a 4xx/5xx answer. */
function sdkError(status: number, code: string, message = 'the service said no', requestId = 'REQ-1') {
  return newError({
    code,
    message: `code: ${status}, ${message} request id: ${requestId}`,
    data: { RequestId: requestId, Code: code, Message: message, statusCode: status },
  });
}

function networkError(code: string, message: string) {
  return Object.assign(new Error(message), { code, syscall: 'read' });
}

describe('dataworks/api-errors', () => {
  describe('toApiError', () => {
    it.each([
      [400, 'Throttling', ThrottledError],
      [400, 'Throttling.User', ThrottledError],
      [400, 'Throttling.Api', ThrottledError],
      [503, 'ServiceUnavailable', TransientError],
      [500, 'InternalError', TransientError],
      [502, 'BadGateway', TransientError],
      [403, 'Forbidden.RAM', PermissionError],
      [403, 'Forbidden', PermissionError],
      [403, 'SignatureDoesNotMatch', AuthenticationError],
      [400, 'SignatureDoesNotMatch', AuthenticationError],
      [404, 'InvalidAccessKeyId.NotFound', AuthenticationError],
      [400, 'InvalidAccessKeyId.Inactive', AuthenticationError],
      [403, 'InvalidSecurityToken.Expired', AuthenticationError],
      [400, 'InvalidParameter', InvalidRequestError],
      [400, 'InvalidParameter.TagKey', InvalidRequestError],
      [400, 'MissingParameter.DataAssetIds', InvalidRequestError],
      [400, 'IdempotentParameterMismatch', InvalidRequestError],
      [404, 'InvalidApi.NotFound', InvalidRequestError],
    ])('maps HTTP %i %s by its code', (status, code, kind) => {
      const error = toApiError('TagDataAssets', sdkError(status, code));
      expect(error).toBeInstanceOf(kind);
      expect(error).toMatchObject({ action: 'TagDataAssets', serviceCode: code, httpStatus: status, requestId: 'REQ-1' });
    });

    it('retries only throttling and transient failures', () => {
      expect((toApiError('X', sdkError(400, 'Throttling.User')) as ApiError).retryable).toBe(true);
      expect((toApiError('X', sdkError(503, 'ServiceUnavailable')) as ApiError).retryable).toBe(true);
      expect((toApiError('X', sdkError(400, 'InvalidParameter')) as ApiError).retryable).toBe(false);
      expect((toApiError('X', sdkError(403, 'Forbidden.RAM')) as ApiError).retryable).toBe(false);
      expect((toApiError('X', sdkError(403, 'SignatureDoesNotMatch')) as ApiError).retryable).toBe(false);
    });

    it('names the RAM action and the policy command for a permission error', () => {
      const error = toApiError('TagDataAssets', sdkError(403, 'Forbidden.RAM')) as PermissionError;
      expect(error.ramAction).toBe('dataworks:TagDataAssets');
      expect(error.message).toMatch(/dataworks:TagDataAssets/);
      expect(error.message).toMatch(/autotag policy/);
    });

    it('tells what to check for rejected credentials', () => {
      expect(toApiError('ListDataAssets', sdkError(403, 'SignatureDoesNotMatch')).message).toMatch(/AccessKey secret/);
      expect(toApiError('ListDataAssets', sdkError(404, 'InvalidAccessKeyId.NotFound')).message).toMatch(/AccessKey ID is unknown/);
      expect(toApiError('ListDataAssets', sdkError(403, 'InvalidSecurityToken.Expired')).message).toMatch(/security token/);
    });

    it.each([
      ['ECONNRESET', 'socket hang up'],
      ['ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:9'],
      ['ETIMEDOUT', 'connect ETIMEDOUT'],
      ['EPIPE', 'write EPIPE'],
      ['EAI_AGAIN', 'getaddrinfo EAI_AGAIN'],
    ])('treats the network error %s as transient', (code, message) => {
      const error = toApiError('ListTasks', networkError(code, message));
      expect(error).toBeInstanceOf(TransientError);
      expect(error).toMatchObject({ serviceCode: code, httpStatus: undefined });
    });

    it("treats the SDK's read and connect timeouts as transient", () => {
      const read = Object.assign(new Error('ReadTimeout: 100. GET /?PageSize=100 failed.'), { name: 'RequestTimeoutError' });
      expect(toApiError('ListTasks', read)).toMatchObject({ constructor: TransientError, serviceCode: 'RequestTimeout' });
    });

    it('treats a body that is not JSON as transient (a gateway page)', () => {
      expect(toApiError('ListTasks', new SyntaxError('Unexpected token < in JSON'))).toBeInstanceOf(TransientError);
    });

    it('does not retry an unresolvable host, and says what to check', () => {
      const error = toApiError('ListTasks', networkError('ENOTFOUND', 'getaddrinfo ENOTFOUND dataworks.xx-nowhere-1.aliyuncs.com'));
      expect(error).toBeInstanceOf(InvalidRequestError);
      expect(error.message).toMatch(/region id or DATAWORKS_ENDPOINT/);
    });

    it('passes autotag errors through unchanged', () => {
      const forbidden = new ForbiddenActionError('DeleteDataAssetTag');
      expect(toApiError('DeleteDataAssetTag', forbidden)).toBe(forbidden);
    });

    it('keeps no reference to the SDK error and masks registered secrets in what it copies', () => {
      const secret = 'mapperSecret-5e6f7a8b9c';
      registerSecret(secret);
      const raw = sdkError(400, 'InvalidParameter', `bad value ${secret}`);
      const error = toApiError('TagDataAssets', raw);
      expect(error.cause).toBeUndefined();
      expect(Object.values(error)).not.toContain(raw);
      expect(error.message).not.toContain(secret);
      expect(JSON.stringify(error)).not.toContain(secret);
    });
  });
});

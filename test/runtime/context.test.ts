import { InvalidInputError } from '../../shared/errors';
import { createLogger } from '../../shared/log';
import { DEFAULT_TIMEOUT_SECONDS, deadlineMarginMs, readInvocationContext } from '../../shared/runtime/context';

const START = Date.UTC(2024, 5, 3, 10, 0, 0);

/** An FC 3.0 context as the Node.js runtime hands it over (plus fields we ignore). */
function fcContext(over: Record<string, unknown> = {}) {
  return {
    requestId: 'req-1',
    accountId: '1234567890123456',
    region: 'cn-hangzhou',
    credentials: { accessKeyId: 'STS.key-id', accessKeySecret: 'secret-from-context-1', securityToken: 'token-from-context-1' },
    function: { name: 'autotag-scheduled', handler: 'index.handler', memory: 512, timeout: 600 },
    service: { logProject: 'p', logStore: 's', qualifier: 'LATEST', versionId: '1' },
    logger: console,
    ...over,
  };
}

describe('runtime/context', () => {
  describe('readInvocationContext', () => {
    it('reads request id, function, account, region and the STS credentials', () => {
      expect(readInvocationContext(fcContext(), START, {})).toEqual({
        requestId: 'req-1',
        functionName: 'autotag-scheduled',
        accountId: '1234567890123456',
        region: 'cn-hangzhou',
        credentials: { accessKeyId: 'STS.key-id', accessKeySecret: 'secret-from-context-1', securityToken: 'token-from-context-1' },
        timeoutSeconds: 600,
        deadline: START + 600_000 - 15_000,
      });
    });

    it('registers the secret and token so no log line can print them', () => {
      readInvocationContext(fcContext(), START, {});
      const lines: string[] = [];
      createLogger({ write: (l) => lines.push(l) }).info('creds secret-from-context-1 token-from-context-1');
      expect(lines[0]).not.toMatch(/secret-from-context-1|token-from-context-1/);
    });

    it('computes the deadline as start + timeout - margin (10%, 1 s to 15 s)', () => {
      expect(readInvocationContext(fcContext({ function: { timeout: 30 } }), START, {}).deadline).toBe(START + 27_000);
      expect(readInvocationContext(fcContext({ function: { timeout: 3 } }), START, {}).deadline).toBe(START + 2_000);
      expect(deadlineMarginMs(86_400_000)).toBe(15_000);
    });

    it('falls back to the documented default timeout when the context has none', () => {
      const c = readInvocationContext({ requestId: 'r' }, START, {});
      expect(c.timeoutSeconds).toBe(DEFAULT_TIMEOUT_SECONDS);
      expect(c.deadline).toBe(START + DEFAULT_TIMEOUT_SECONDS * 1000 - deadlineMarginMs(DEFAULT_TIMEOUT_SECONDS * 1000));
    });

    it('takes region, account and function name from FC environment variables when the context lacks them', () => {
      const c = readInvocationContext({ requestId: 'r' }, START, { FC_REGION: 'cn-shanghai', FC_ACCOUNT_ID: '42', FC_FUNCTION_NAME: 'f' });
      expect(c).toMatchObject({ region: 'cn-shanghai', accountId: '42', functionName: 'f' });
      expect(c.credentials).toBeUndefined();
    });

    it('treats empty credentials (a function without a role) as none', () => {
      const c = readInvocationContext(fcContext({ credentials: { accessKeyId: '', accessKeySecret: '', securityToken: '' } }), START, {});
      expect(c.credentials).toBeUndefined();
    });

    it('rejects a context without a request id, or with a non-numeric timeout', () => {
      expect(() => readInvocationContext({}, START, {})).toThrow(InvalidInputError);
      expect(() => readInvocationContext(fcContext({ function: { timeout: '600' } }), START, {})).toThrow(/context\.function\.timeout/);
    });
  });
});

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { credentialsFromContext, defaultChainCredentials, resolveCredentials } from '../../shared/credentials';
import { InvalidInputError } from '../../shared/errors';
import { createLogger } from '../../shared/log';

const SECRET = 'ctxSecretValue-7f3a9c1e';
const TOKEN = 'ctxStsToken-CAIS9f8e7d6c5b4a';

/** Lines a logger writes when handed `value`. */
function logged(value: unknown): string {
  const lines: string[] = [];
  createLogger({ write: (l) => lines.push(l) }).info(`value ${String(value)}`, { value });
  return lines.join('\n');
}

describe('credentials', () => {
  describe('credentialsFromContext', () => {
    it('returns the STS triple of an FC context, and nothing else it carries', () => {
      const context = { credentials: { accessKeyId: 'STS.ctx', accessKeySecret: SECRET, securityToken: TOKEN, extra: 'x' } };
      expect(credentialsFromContext(context)).toEqual({ accessKeyId: 'STS.ctx', accessKeySecret: SECRET, securityToken: TOKEN });
    });

    it('registers the secret and the token so no log line can print them', () => {
      credentialsFromContext({ credentials: { accessKeyId: 'STS.ctx', accessKeySecret: SECRET, securityToken: TOKEN } });
      const line = logged(`${SECRET} / ${TOKEN}`);
      expect(line).not.toContain(SECRET);
      expect(line).not.toContain(TOKEN);
      expect(line).toContain('[redacted]');
    });

    it('returns undefined when the function has no role', () => {
      expect(credentialsFromContext(undefined)).toBeUndefined();
      expect(credentialsFromContext({})).toBeUndefined();
      expect(credentialsFromContext({ credentials: { accessKeyId: '', accessKeySecret: '', securityToken: '' } })).toBeUndefined();
    });

    it('rejects a malformed triple naming the field, without quoting any value', () => {
      const error = (() => {
        try {
          return credentialsFromContext({ credentials: { accessKeyId: 'STS.ctx', accessKeySecret: '', securityToken: 'tok-abcdef-123' } });
        } catch (e) {
          return e;
        }
      })() as InvalidInputError;
      expect(error).toBeInstanceOf(InvalidInputError);
      expect(error.issues[0].field).toBe('context.credentials.accessKeySecret');
      expect(error.message).not.toContain('tok-abcdef-123');
    });
  });

  describe('defaultChainCredentials', () => {
    const saved = { ...process.env };
    afterEach(() => {
      process.env = { ...saved };
    });

    /** An environment where no provider of the chain can find anything (and none goes to the network). */
    function emptyEnvironment() {
      const home = mkdtempSync(join(tmpdir(), 'autotag-cred-'));
      for (const name of Object.keys(process.env)) if (name.startsWith('ALIBABA_CLOUD_')) delete process.env[name];
      Object.assign(process.env, {
        HOME: home,
        ALIBABA_CLOUD_CLI_PROFILE_DISABLED: 'true',
        ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true',
        ALIBABA_CLOUD_CREDENTIALS_FILE: join(home, 'none'),
      });
    }

    it('finds an AccessKey pair in the environment and registers its secret', async () => {
      emptyEnvironment();
      const secret = 'envSecretValue-0b1c2d3e4f';
      Object.assign(process.env, { ALIBABA_CLOUD_ACCESS_KEY_ID: 'LTAIenv', ALIBABA_CLOUD_ACCESS_KEY_SECRET: secret });
      const credentials = await defaultChainCredentials()();
      expect(credentials).toEqual({ accessKeyId: 'LTAIenv', accessKeySecret: secret });
      expect(logged(secret)).not.toContain(secret);
    });

    it('keeps the STS token from the environment', async () => {
      emptyEnvironment();
      Object.assign(process.env, {
        ALIBABA_CLOUD_ACCESS_KEY_ID: 'STS.env',
        ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'envSecret-xyz123',
        ALIBABA_CLOUD_SECURITY_TOKEN: 'envToken-abc789',
      });
      await expect(defaultChainCredentials()()).resolves.toEqual({
        accessKeyId: 'STS.env',
        accessKeySecret: 'envSecret-xyz123',
        securityToken: 'envToken-abc789',
      });
    });

    it('fails with InvalidInputError naming the variables to set when nothing is found', async () => {
      emptyEnvironment();
      const error = await defaultChainCredentials()().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidInputError);
      expect((error as InvalidInputError).message).toMatch(/ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET/);
    });
  });

  describe('resolveCredentials', () => {
    it("prefers the context's triple", () => {
      const triple = { accessKeyId: 'STS.ctx', accessKeySecret: SECRET, securityToken: TOKEN };
      expect(resolveCredentials({ credentials: triple })).toEqual(triple);
    });

    it('falls back to the default chain', () => {
      expect(typeof resolveCredentials({})).toBe('function');
    });
  });
});

import { resolve } from 'node:path';
import { createLogger } from '../../shared/log';
import { DEFAULT_SHARD_MIN_ASSETS, loadConfig, readSharedSettings } from '../../shared/runtime/config';
import { ConfigurationError } from '../../shared/errors';
import { issuesOf } from '../support/issues';

const BASE = '/code';

const problems = (env: Record<string, string>, require?: Parameters<typeof loadConfig>[1]['require']) => issuesOf(() => loadConfig(env, { baseDir: BASE, require }), ConfigurationError);

describe('runtime/config', () => {
  describe('loadConfig', () => {
    it('has documented defaults for an empty environment', () => {
      expect(loadConfig({}, { baseDir: BASE })).toEqual({
        rulesPath: resolve(BASE, 'rules'),
        region: undefined,
        dataworksEndpoint: undefined,
        maxBindings: undefined,
        readQps: undefined,
        writeQps: undefined,
        shardTarget: undefined,
        lateAssetTarget: undefined,
        sharding: 'auto',
        shardMinAssets: DEFAULT_SHARD_MIN_ASSETS,
        fcEndpoint: undefined,
        logLevel: 'info',
      });
    });

    it('reads every variable', () => {
      const config = loadConfig(
        {
          AUTOTAG_RULES: '/opt/rules/pii.yaml',
          AUTOTAG_REGION: 'cn-shanghai',
          FC_REGION: 'cn-hangzhou',
          DATAWORKS_ENDPOINT: 'http://127.0.0.1:8080',
          AUTOTAG_MAX_BINDINGS: '500',
          AUTOTAG_READ_QPS: '25',
          AUTOTAG_WRITE_QPS: '7.5',
          AUTOTAG_SHARD_FUNCTION: 'autotag-scheduled',
          AUTOTAG_SHARDING: 'always',
          AUTOTAG_SHARD_MIN_ASSETS: '100',
          AUTOTAG_LATE_ASSET_FUNCTION: 'autotag-events',
          AUTOTAG_FC_ENDPOINT: 'https://1.cn-shanghai-internal.fc.aliyuncs.com',
          AUTOTAG_LOG_LEVEL: 'debug',
        },
        { baseDir: BASE },
      );
      expect(config).toEqual({
        rulesPath: '/opt/rules/pii.yaml',
        region: 'cn-shanghai',
        dataworksEndpoint: { endpoint: '127.0.0.1:8080', protocol: 'HTTP' },
        maxBindings: 500,
        readQps: 25,
        writeQps: 7.5,
        shardTarget: { api: 'fc3', functionName: 'autotag-scheduled' },
        lateAssetTarget: { api: 'fc3', functionName: 'autotag-events' },
        sharding: 'always',
        shardMinAssets: 100,
        fcEndpoint: { endpoint: '1.cn-shanghai-internal.fc.aliyuncs.com', protocol: 'HTTPS' },
        logLevel: 'debug',
      });
    });

    it('reads the table-details cache folder and time-to-live, and refuses a relative folder or a bare number', () => {
      expect(loadConfig({ AUTOTAG_TABLE_CACHE: '/mnt/autotag-cache/table-details', AUTOTAG_TABLE_CACHE_TTL: '36h' }, { baseDir: BASE })).toMatchObject({
        tableCacheDir: '/mnt/autotag-cache/table-details',
        tableCacheTtlMs: 36 * 3600_000,
      });
      expect(problems({ AUTOTAG_TABLE_CACHE: 'cache', AUTOTAG_TABLE_CACHE_TTL: '7' })).toEqual([
        { field: 'AUTOTAG_TABLE_CACHE', message: expect.stringMatching(/absolute path \(got "cache"\); set it to a folder under the mount/) },
        { field: 'AUTOTAG_TABLE_CACHE_TTL', message: expect.stringMatching(/whole number and a unit.*\(got "7"\)/) },
      ]);
    });

    it('uses FC_REGION when AUTOTAG_REGION is unset, and reads a service/function target as FC 2.0', () => {
      const config = loadConfig({ FC_REGION: 'cn-beijing', AUTOTAG_SHARD_FUNCTION: 'autotag/shard' }, { baseDir: BASE });
      expect(config.region).toBe('cn-beijing');
      expect(config.shardTarget).toEqual({ api: 'fc2', serviceName: 'autotag', functionName: 'shard' });
    });

    it('names each bad variable with what is wrong, the value and the fix, all at once', () => {
      const issues = problems({ AUTOTAG_MAX_BINDINGS: '-3', AUTOTAG_SHARDING: 'sometimes', AUTOTAG_REGION: 'Hangzhou' });
      expect(issues).toEqual([
        { field: 'AUTOTAG_REGION', message: expect.stringMatching(/region id \(got "Hangzhou"\); set it to e\.g\. "cn-hangzhou"/) },
        { field: 'AUTOTAG_MAX_BINDINGS', message: expect.stringMatching(/positive integer \(got "-3"\); set it to e\.g\. 500/) },
        { field: 'AUTOTAG_SHARDING', message: expect.stringMatching(/"sometimes".*"never", "auto" or "always"/) },
      ]);
    });

    it('refuses plain http to a non-loopback endpoint and a malformed fan-out target', () => {
      const issues = problems({ DATAWORKS_ENDPOINT: 'http://dataworks.cn-hangzhou.aliyuncs.com', AUTOTAG_SHARD_FUNCTION: 'a/b/c' });
      expect(issues.map((i) => i.field)).toEqual(['DATAWORKS_ENDPOINT', 'AUTOTAG_SHARD_FUNCTION']);
      expect(issues[0].message).toMatch(/loopback/);
    });

    it('refuses sharding "always" without a function to run the shards', () => {
      expect(problems({ AUTOTAG_SHARDING: 'always' })).toEqual([{ field: 'AUTOTAG_SHARDING', message: expect.stringContaining('AUTOTAG_SHARD_FUNCTION') }]);
    });

    it('fails on an unknown AUTOTAG_ variable (a typo), listing the known ones', () => {
      const issues = problems({ AUTOTAG_READQPS: '10' });
      expect(issues).toEqual([{ field: 'AUTOTAG_READQPS', message: expect.stringContaining('AUTOTAG_READ_QPS') }]);
    });

    it('requires what the function cannot run without', () => {
      expect(problems({}, ['AUTOTAG_SHARD_FUNCTION'])).toEqual([{ field: 'AUTOTAG_SHARD_FUNCTION', message: expect.stringMatching(/^is required; set it to the function that runs shards/) }]);
    });

    it('fails on the retired AUTOTAG_HTTP_TOKEN with why and what to do instead, never echoing it, and registers it so no log line prints it', () => {
      const issues = problems({ AUTOTAG_HTTP_TOKEN: 'short-secret' });
      expect(issues).toEqual([{ field: 'AUTOTAG_HTTP_TOKEN', message: expect.stringMatching(/no longer read.*signed.*fc:InvokeFunction/) }]);
      expect(JSON.stringify(issues)).not.toContain('short-secret');
      const lines: string[] = [];
      createLogger({ write: (l) => lines.push(l) }).info('token is short-secret');
      expect(lines[0]).not.toContain('short-secret');
    });
  });

  describe('notifications', () => {
    const URL = 'https://oapi.dingtalk.com/robot/send?access_token=cfg-notify-t0ken-1234';

    it('reads AUTOTAG_NOTIFY_* into the configuration, and none without a URL', () => {
      expect(loadConfig({}, { baseDir: BASE }).notify).toBeUndefined();
      const config = loadConfig({ AUTOTAG_NOTIFY_KIND: 'dingtalk', AUTOTAG_NOTIFY_URL: URL, AUTOTAG_NOTIFY_EVENTS: 'failed,bound' }, { baseDir: BASE });
      expect(config.notify).toMatchObject({ kind: 'dingtalk', url: URL, events: ['failed', 'bound'] });
    });

    it('names a bad notification variable with the others, all at once, never echoing the URL', () => {
      const issues = problems({ AUTOTAG_NOTIFY_URL: URL, AUTOTAG_NOTIFY_KIND: 'slack', AUTOTAG_SHARDING: 'sometimes' });
      expect(issues.map((i) => i.field)).toEqual(['AUTOTAG_SHARDING', 'AUTOTAG_NOTIFY_KIND']);
      expect(JSON.stringify(issues)).not.toContain('cfg-notify-t0ken-1234');
    });
  });

  describe('readSharedSettings (the CLI)', () => {
    it('reads the variables the CLI shares with the functions, and only those', () => {
      expect(readSharedSettings({ AUTOTAG_REGION: 'cn-shanghai', AUTOTAG_MAX_BINDINGS: '10', AUTOTAG_READ_QPS: '5', AUTOTAG_WRITE_QPS: '2.5', AUTOTAG_LOG_LEVEL: 'warn', AUTOTAG_SHARDING: 'sometimes' })).toEqual({
        region: 'cn-shanghai',
        maxBindings: 10,
        readQps: 5,
        writeQps: 2.5,
        logLevel: 'warn',
      });
    });

    it('refuses a bad value or an unknown AUTOTAG_* name, naming the variable', () => {
      expect(issuesOf(() => readSharedSettings({ AUTOTAG_READ_QPS: 'fast', AUTOTAG_WRTIE_QPS: '1' }), ConfigurationError).map((i) => i.field)).toEqual(['AUTOTAG_READ_QPS', 'AUTOTAG_WRTIE_QPS']);
    });
  });
});

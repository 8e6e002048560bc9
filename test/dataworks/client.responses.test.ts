/**
 * Answers the emulator never gives (a write whose Success is not "true", a body of the wrong shape, a page
 * that is not JSON), served by a bare loopback HTTP server to the real client.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fakeClock } from '../../shared/clock';
import { createDataWorksClient, resolveEndpoint, type DataWorksApi, type ResolvedEndpoint } from '../../shared/dataworks';
import { ACTIONS } from '../../shared/dataworks/actions';
import { TransientError, UnexpectedResponseError } from '../../shared/errors';

interface Canned {
  status: number;
  body: string;
  contentType?: string;
}

let server: Server;
let endpoint: ResolvedEndpoint;
let answers: Canned[] = [];
let received: { action: string; url: string }[] = [];

const SECRET = 'stubSecret-P0o9I8u7Y6';

beforeAll(async () => {
  server = createServer((req, res) => {
    received.push({ action: String(req.headers['x-acs-action']), url: req.url ?? '' });
    const answer = answers.shift() ?? { status: 500, body: '{"Code":"InternalError"}' };
    res.writeHead(answer.status, { 'content-type': answer.contentType ?? 'application/json' });
    res.end(answer.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = resolveEndpoint({ endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, env: {} });
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  answers = [];
  received = [];
});

const client = () => createDataWorksClient({ credentials: { accessKeyId: 'LTAIstub', accessKeySecret: SECRET }, endpoint, clock: fakeClock() });
const TASK = 'ACS::DataWorks::Task' as const;

describe('dataworks/client (answers)', () => {
  describe('createDataWorksClient', () => {
    it('accepts Tag/UnTag Success as the string "true" and Create/Update Success as boolean true', async () => {
      answers = [
        { status: 200, body: '{"RequestId":"R1","Success":"true"}' },
        { status: 200, body: '{"RequestId":"R2","Success":true}' },
      ];
      const api = client();
      await expect(api.tagDataAssets({ tags: [{ key: 'team', value: 'x' }], dataAssetIds: ['1'], dataAssetType: TASK })).resolves.toEqual({ requestId: 'R1' });
      await expect(api.createDataAssetTag({ key: 'team' })).resolves.toEqual({ requestId: 'R2' });
    });

    it('refuses a write whose Success is not "true", quoting the answer, without retrying', async () => {
      answers = [{ status: 200, body: '{"RequestId":"R3","Success":"false","Message":"partly failed"}' }];
      const api = client();
      const error = (await api.tagDataAssets({ tags: [{ key: 'team', value: 'x' }], dataAssetIds: ['1'], dataAssetType: TASK }).catch((e: unknown) => e)) as UnexpectedResponseError;
      expect(error).toBeInstanceOf(UnexpectedResponseError);
      expect(error).toMatchObject({ action: 'TagDataAssets', requestId: 'R3', httpStatus: 200, retryable: false });
      expect(error.received).toContain('partly failed');
      expect(error.message).toMatch(/Success/);
      expect(received).toHaveLength(1);
    });

    it('refuses a list of the wrong shape, quoting a truncated, redacted start of it', async () => {
      const junk = 'x'.repeat(2000);
      answers = [{ status: 200, body: JSON.stringify({ RequestId: 'R4', Data: { echo: SECRET, junk } }) }];
      const error = (await client().listDataAssets({}).catch((e: unknown) => e)) as UnexpectedResponseError;
      expect(error).toBeInstanceOf(UnexpectedResponseError);
      expect(error.message).toMatch(/PagingInfo/);
      expect(error.received.length).toBeLessThanOrEqual(501);
      expect(error.received).not.toContain(SECRET);
      expect(JSON.stringify(error)).not.toContain(SECRET);
    });

    it('retries a page that is not JSON (a gateway error page) and then succeeds', async () => {
      answers = [
        { status: 502, body: '<html>Bad Gateway</html>', contentType: 'text/html' },
        { status: 200, body: '{"RequestId":"R5","PagingInfo":{"TotalCount":0,"PageNumber":1,"PageSize":100,"Tasks":[]}}' },
      ];
      const api = client();
      await expect(api.listTasks({ projectId: 1 })).resolves.toMatchObject({ items: [], requestId: 'R5' });
      expect(api.metrics()).toMatchObject({ calls: { ListTasks: 2 }, retries: 1 });
    });

    it('gives up on a server that keeps failing with the last transient error', async () => {
      answers = Array.from({ length: 6 }, () => ({ status: 503, body: '{"RequestId":"R6","Code":"ServiceUnavailable","Message":"busy"}' }));
      const api = client();
      const error = await api.listTables({ parentMetaEntityId: 'maxcompute-project:::p' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TransientError);
      expect(error).toMatchObject({ serviceCode: 'ServiceUnavailable', httpStatus: 503, requestId: 'R6' });
      expect(received).toHaveLength(6);
      expect(received.every((r) => r.action === 'ListTables')).toBe(true);
    });

    it('has exactly one method per entry of the action table, each sending its own action', async () => {
      // Typed by DataWorksApi, so this list cannot miss a method; the loop below checks the client has no other.
      const requests: { [M in keyof DataWorksApi]: Parameters<DataWorksApi[M]>[0] } = {
        listDataAssets: {},
        listDataAssetTags: {},
        createDataAssetTag: { key: 'team' },
        updateDataAssetTag: { key: 'team' },
        tagDataAssets: { tags: [{ key: 'team' }], dataAssetIds: ['1'], dataAssetType: TASK },
        unTagDataAssets: { tags: [{ key: 'team' }], dataAssetIds: ['1'], dataAssetType: TASK },
        listTasks: { projectId: 1 },
        listTables: { parentMetaEntityId: 'maxcompute-project:::p' },
        getTable: { id: 'maxcompute-table:::p::t' },
      };
      const api = client() as unknown as Record<string, (request: unknown) => Promise<unknown>>;
      expect(Object.keys(api).filter((m) => m !== 'metrics').sort()).toEqual(Object.keys(requests).sort());
      const sent: Record<string, string> = {};
      for (const [method, request] of Object.entries(requests)) {
        answers = [{ status: 400, body: '{"RequestId":"R7","Code":"InvalidParameter"}' }];
        received = [];
        await api[method](request).catch(() => undefined);
        sent[method] = received.map((r) => r.action).join();
      }
      const expected = Object.fromEntries(ACTIONS.map((a) => [a.name.charAt(0).toLowerCase() + a.name.slice(1), a.name]));
      expect(sent).toEqual(expected);
    });
  });
});

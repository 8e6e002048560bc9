/**
 * The generated catalog: a deterministic, seeded warehouse that gives rules something to match.
 *
 * Workspaces and their MaxCompute projects (Prod / Dev):
 *   91234 `sales`       -> `sales_dw` / `sales_dw_dev`
 *   10001 `user_center` -> `user_dw`  / `user_dw_dev`
 *   10002 `trade`       -> `trade_dw` / `trade_dw_dev`
 *   10003 `marketing`   -> `mkt_dw`   / `mkt_dw_dev`
 * Tables and tasks alternate (half each), about 70% Prod. Names follow warehouse layers: `ods_user_*`,
 * `ods_member_*`, `ods_order_*`, other `ods_*`, `dwd_*`, `dws_*`, `ads_*`, `dim_*`, and about 5% `*_tmp_*`.
 * Table owners are engine-side names (`alice`, `ALIYUN$dave`, ...), about 3% unreadable (null); task owners
 * are account ids. Tag keys: `classification`, `pii`, `layer`, `team` (free values) and the System key
 * `sensitivity-level`. About a third of the assets carry tags, some that a rule would conflict with
 * (`classification=internal` on many `ods_user_*` / `ods_member_*` assets).
 * Always present and untagged (the sample events in test/fixtures/events name them): task 700000000003
 * `ods_customer_di` (workspace 91234, Prod, owner 190000000000735), tables `dim_customer` and
 * `tmp_customer_upload` in `sales_dw`.
 */
import type { EnvType } from '../shared/dataworks';
import { copyCatalog, tableAssetId, type Binding, type Catalog, type TableRecord, type TagKeyRecord, type TaskRecord, type Workspace } from './catalog';
import { pick, seededRandom, type Random } from './prng';

export const WORKSPACES: readonly Workspace[] = [
  { id: 91234, name: 'sales', maxcomputeProjects: [{ name: 'sales_dw', env: 'Prod' }, { name: 'sales_dw_dev', env: 'Dev' }] },
  { id: 10001, name: 'user_center', maxcomputeProjects: [{ name: 'user_dw', env: 'Prod' }, { name: 'user_dw_dev', env: 'Dev' }] },
  { id: 10002, name: 'trade', maxcomputeProjects: [{ name: 'trade_dw', env: 'Prod' }, { name: 'trade_dw_dev', env: 'Dev' }] },
  { id: 10003, name: 'marketing', maxcomputeProjects: [{ name: 'mkt_dw', env: 'Prod' }, { name: 'mkt_dw_dev', env: 'Dev' }] },
];

export const TABLE_OWNERS = ['alice', 'bob', 'carol', 'ALIYUN$dave', 'RAM$erin', 'frank'] as const;
export const TASK_OWNERS = ['190000000000735', '190000000000736', '190000000000812', '190000000001024', '190000000002048'] as const;
/** the account that created the generated tag keys and bindings */
const ADMIN = '190000000000735';
const EPOCH = Date.UTC(2024, 0, 1);
const DAY = 86_400_000;

export const FIXED_TASK: TaskRecord = {
  id: 700000000003,
  name: 'ods_customer_di',
  owner: '190000000000735',
  projectId: 91234,
  projectEnv: 'Prod',
  type: 'ODPS_SQL',
  createTime: Date.UTC(2024, 4, 28, 3, 8, 50),
  modifyTime: Date.UTC(2024, 5, 3, 10, 2, 11),
};

const fixedTable = (name: string, owner: string, comment: string, createTime: number): TableRecord => ({
  id: tableAssetId('sales_dw', name),
  name,
  maxcomputeProject: 'sales_dw',
  projectId: 91234,
  envType: 'Prod',
  owner,
  comment,
  tableType: 'TABLE',
  createTime,
  modifyTime: createTime,
});

export const FIXED_TABLES: readonly TableRecord[] = [
  fixedTable('dim_customer', 'alice', 'customer dimension', Date.UTC(2024, 5, 3, 8, 20, 31)),
  fixedTable('tmp_customer_upload', 'bob', 'uploaded customer list', Date.UTC(2024, 5, 3, 10, 30, 0)),
];

const NORMAL_KEYS: Pick<TagKeyRecord, 'key' | 'values' | 'description' | 'valueType'>[] = [
  { key: 'classification', values: ['public', 'internal', 'confidential', 'restricted'], description: 'data classification', valueType: 'String' },
  { key: 'pii', values: ['true'], description: 'holds personal information', valueType: 'Boolean' },
  { key: 'layer', values: ['ods', 'dwd', 'dws', 'ads', 'dim'], description: 'warehouse layer', valueType: 'String' },
  { key: 'team', values: [], description: 'owning team', valueType: 'String' },
];
const TAG_KEYS: readonly TagKeyRecord[] = NORMAL_KEYS.map((k) => ({
  ...k,
  managers: [ADMIN],
  category: 'Normal',
  createTime: EPOCH,
  modifyTime: EPOCH,
  createUser: ADMIN,
  modifyUser: ADMIN,
}));

const SYSTEM_KEY: TagKeyRecord = {
  key: 'sensitivity-level',
  values: ['L1', 'L2', 'L3', 'L4'],
  description: 'set by data security guard',
  valueType: 'String',
  managers: [],
  category: 'System',
  createTime: EPOCH,
  modifyTime: EPOCH,
};

/** layer prefix -> subjects; `ods` is weighted towards user / member / order */
const LAYERS: readonly (readonly [string, readonly string[]])[] = [
  ['ods', ['user', 'user', 'member', 'member', 'order', 'order', 'payment', 'product', 'shop', 'log']],
  ['ods', ['user', 'member', 'order']],
  ['dwd', ['user', 'member', 'order', 'trade', 'payment', 'product', 'traffic']],
  ['dws', ['user', 'member', 'trade', 'shop', 'traffic', 'campaign']],
  ['ads', ['sales', 'growth', 'finance', 'risk', 'campaign']],
  ['dim', ['user', 'product', 'shop', 'region', 'date', 'channel']],
];
const ENTITIES = ['info', 'detail', 'log', 'snapshot', 'profile', 'event', 'stat', 'summary', 'mapping', 'history'];
const TASK_TYPES = ['ODPS_SQL', 'ODPS_SQL', 'ODPS_SQL', 'PY_ODPS3', 'DI', 'SHELL', 'HOLOGRES_SQL'];
const TEAMS = ['growth', 'bi', 'risk', 'finance', 'platform'];

/** A unique layered name within `used`: `<layer>_<subject>[_tmp]_<entity>[_di|_df|_hi]`, numbered on a clash. */
function layeredName(random: Random, used: Set<string>, period: boolean): { name: string; layer: string; subject: string } {
  const [layer, subjects] = pick(random, LAYERS);
  const subject = pick(random, subjects);
  const tmp = random() < 0.05 ? '_tmp' : '';
  const base = `${layer}_${subject}${tmp}_${pick(random, ENTITIES)}${period ? `_${pick(random, ['di', 'df', 'hi'])}` : ''}`;
  let name = base;
  for (let n = 2; used.has(name); n++) name = `${base}_${n}`;
  used.add(name);
  return { name, layer, subject };
}

/** Tags an already-governed asset would carry; some conflict with what a rule would set. */
function existingTags(random: Random, layer: string, subject: string): [key: string, value: string][] {
  const tags: [string, string][] = [];
  if (random() < 0.8) tags.push(['layer', layer]);
  const personal = subject === 'user' || subject === 'member';
  if (personal && layer === 'ods') tags.push(['classification', random() < 0.6 ? 'internal' : 'confidential']);
  else if (random() < 0.5) tags.push(['classification', pick(random, ['public', 'internal', 'confidential'])]);
  if (personal && random() < 0.5) tags.push(['pii', 'true']);
  if (random() < 0.3) tags.push(['team', pick(random, TEAMS)]);
  if (tags.length === 0) tags.push(['team', pick(random, TEAMS)]);
  return tags;
}

/** The same catalog for the same `assets` and `seed`; `assets` counts the fixed ones (at least 3). */
export function generateCatalog(opts: { assets: number; seed: number }): Catalog {
  const random = seededRandom(opts.seed);
  const tables: TableRecord[] = FIXED_TABLES.map((t) => ({ ...t }));
  const tasks: TaskRecord[] = [{ ...FIXED_TASK }];
  const bindings: Binding[] = [];
  const usedNames = new Map<string, Set<string>>();
  const usedFor = (scope: string) => usedNames.get(scope) ?? usedNames.set(scope, new Set()).get(scope)!;
  for (const t of FIXED_TABLES) usedFor(t.maxcomputeProject).add(t.name);
  usedFor(`${FIXED_TASK.projectId}`).add(FIXED_TASK.name);

  const bind = (assetId: string, assetType: Binding['assetType'], layer: string, subject: string) => {
    if (random() >= 1 / 3) return;
    for (const [key, value] of existingTags(random, layer, subject))
      bindings.push({ assetId, assetType, key, value, creator: ADMIN, tagSource: 'UserDefined', autoTraceEnabled: false });
    if (random() < 0.05)
      bindings.push({ assetId, assetType, key: SYSTEM_KEY.key, value: pick(random, SYSTEM_KEY.values), tagSource: 'System', autoTraceEnabled: false });
  };

  const generated = Math.max(0, opts.assets - tables.length - tasks.length);
  for (let i = 0; i < generated; i++) {
    const workspace = pick(random, WORKSPACES);
    const env: EnvType = random() < 0.7 ? 'Prod' : 'Dev';
    const createTime = EPOCH + Math.floor(random() * 365 * DAY);
    const modifyTime = createTime + Math.floor(random() * 60 * DAY);
    if (i % 2 === 0) {
      const project = workspace.maxcomputeProjects.find((p) => p.env === env)!.name;
      const { name, layer, subject } = layeredName(random, usedFor(project), false);
      const table: TableRecord = {
        id: tableAssetId(project, name),
        name,
        maxcomputeProject: project,
        projectId: workspace.id,
        envType: env,
        owner: random() < 0.03 ? null : pick(random, TABLE_OWNERS),
        comment: `${subject} ${layer} table`,
        tableType: 'TABLE',
        createTime,
        modifyTime,
      };
      tables.push(table);
      bind(table.id, 'ACS::DataWorks::Table', layer, subject);
    } else {
      const { name, layer, subject } = layeredName(random, usedFor(`${workspace.id}`), true);
      const task: TaskRecord = {
        id: 700000010000 + i,
        name,
        owner: pick(random, TASK_OWNERS),
        projectId: workspace.id,
        projectEnv: env,
        type: pick(random, TASK_TYPES),
        createTime,
        modifyTime,
      };
      tasks.push(task);
      bind(String(task.id), 'ACS::DataWorks::Task', layer, subject);
    }
  }

  const constants = copyCatalog({ workspaces: [...WORKSPACES], tagKeys: [...TAG_KEYS, SYSTEM_KEY], tables: [], tasks: [], bindings: [] });
  return { ...constants, tables, tasks, bindings };
}

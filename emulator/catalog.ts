/**
 * The emulator's world as plain JSON: workspaces with their MaxCompute projects, tag keys, tables, tasks,
 * the tag bindings between them, and the assets that exist but are not visible to reads yet
 * (`delayedAssets`, see visibility.ts). `parseCatalog` checks a catalog (shape with zod, then
 * cross-references) so a hand-written catalog file fails with the field at fault instead of making the
 * server misbehave.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { InvalidInputError, type InputIssue } from '../shared/errors';
import { ASSET_TYPES, ENV_TYPES, LIMITS } from '../shared/dataworks';

const envType = z.enum(ENV_TYPES);

const workspaceSchema = z
  .object({
    id: z.number().int().positive(),
    name: z.string().min(1),
    maxcomputeProjects: z.array(z.object({ name: z.string().min(1), env: envType }).strict()),
  })
  .strict();

const tagKeySchema = z
  .object({
    key: z.string().min(1),
    values: z.array(z.string()),
    description: z.string().optional(),
    valueType: z.enum(['Boolean', 'Int', 'String', 'Double']).optional(),
    managers: z.array(z.string()),
    category: z.enum(['Normal', 'System']),
    createTime: z.number().int(),
    modifyTime: z.number().int(),
    createUser: z.string().optional(),
    modifyUser: z.string().optional(),
  })
  .strict();

const tableSchema = z
  .object({
    /** MetaEntityId `maxcompute-table:::<maxcomputeProject>::<name>`; also the table's data-asset id */
    id: z.string().min(1),
    name: z.string().min(1),
    maxcomputeProject: z.string().min(1),
    /** the DataWorks workspace the MaxCompute project is bound to */
    projectId: z.number().int().positive(),
    envType,
    /** engine-side owner name; null when it cannot be read (GetTable then has no Owner) */
    owner: z.string().nullable(),
    comment: z.string().optional(),
    tableType: z.string().optional(),
    createTime: z.number().int(),
    modifyTime: z.number().int(),
  })
  .strict();

const taskSchema = z
  .object({
    /** scheduling task id; the task's data-asset id is `String(id)` */
    id: z.number().int().positive(),
    name: z.string().min(1),
    /** account id */
    owner: z.string().min(1),
    projectId: z.number().int().positive(),
    projectEnv: envType,
    type: z.string().min(1),
    createTime: z.number().int(),
    modifyTime: z.number().int(),
  })
  .strict();

const bindingSchema = z
  .object({
    assetId: z.string().min(1),
    assetType: z.enum(ASSET_TYPES),
    key: z.string().min(1),
    /** '' for a key-only tag */
    value: z.string(),
    creator: z.string().optional(),
    tagSource: z.enum(['System', 'UserDefined']).optional(),
    autoTraceEnabled: z.boolean().optional(),
  })
  .strict();

/** A table or task hidden from every read until `visibleAt` (epoch ms, by the emulator's clock) or after `visibleAfterReads` reads, whichever comes first. */
export const delayedAssetSchema = z
  .object({
    assetId: z.string().min(1),
    visibleAt: z.number().int().optional(),
    visibleAfterReads: z.number().int().min(1).optional(),
  })
  .strict()
  .refine((d) => d.visibleAt !== undefined || d.visibleAfterReads !== undefined, 'needs visibleAt or visibleAfterReads');

export const catalogSchema = z
  .object({
    workspaces: z.array(workspaceSchema),
    tagKeys: z.array(tagKeySchema),
    tables: z.array(tableSchema),
    tasks: z.array(taskSchema),
    bindings: z.array(bindingSchema),
    delayedAssets: z.array(delayedAssetSchema).optional(),
  })
  .strict();

export type Catalog = z.infer<typeof catalogSchema>;
export type Workspace = Catalog['workspaces'][number];
export type TagKeyRecord = Catalog['tagKeys'][number];
export type TableRecord = Catalog['tables'][number];
export type TaskRecord = Catalog['tasks'][number];
export type Binding = Catalog['bindings'][number];
export type DelayedAsset = z.infer<typeof delayedAssetSchema>;

export function tableAssetId(maxcomputeProject: string, name: string): string {
  return `maxcompute-table:::${maxcomputeProject}::${name}`;
}

export function maxcomputeProjectEntityId(maxcomputeProject: string): string {
  return `maxcompute-project:::${maxcomputeProject}`;
}

/** A deep copy; records are flat apart from a few string lists, so this is much cheaper than structuredClone. */
export function copyCatalog(c: Catalog): Catalog {
  return {
    workspaces: c.workspaces.map((w) => ({ ...w, maxcomputeProjects: w.maxcomputeProjects.map((p) => ({ ...p })) })),
    tagKeys: c.tagKeys.map((k) => ({ ...k, values: [...k.values], managers: [...k.managers] })),
    tables: c.tables.map((t) => ({ ...t })),
    tasks: c.tasks.map((t) => ({ ...t })),
    bindings: c.bindings.map((b) => ({ ...b })),
    ...(c.delayedAssets && { delayedAssets: c.delayedAssets.map((d) => ({ ...d })) }),
  };
}

/** Problems a valid shape can still have: duplicates and dangling or contradictory references. */
function crossReferenceIssues(catalog: Catalog): InputIssue[] {
  const issues: InputIssue[] = [];
  const duplicates = <T>(items: T[], id: (item: T) => string, field: string) => {
    const seen = new Set<string>();
    items.forEach((item, i) => {
      if (seen.has(id(item))) issues.push({ field: `${field}[${i}]`, message: `duplicate ${id(item)}` });
      seen.add(id(item));
    });
  };
  duplicates(catalog.workspaces, (w) => String(w.id), 'workspaces');
  duplicates(catalog.tagKeys, (k) => k.key, 'tagKeys');
  duplicates(catalog.tables, (t) => t.id, 'tables');
  duplicates(catalog.tasks, (t) => String(t.id), 'tasks');
  duplicates(catalog.bindings, (b) => `${b.assetId} ${b.key}`, 'bindings');
  duplicates(catalog.delayedAssets ?? [], (d) => d.assetId, 'delayedAssets');

  const projectOwner = new Map<string, { workspace: number; env: string }>();
  for (const w of catalog.workspaces) for (const p of w.maxcomputeProjects) projectOwner.set(p.name, { workspace: w.id, env: p.env });
  const workspaceIds = new Set(catalog.workspaces.map((w) => w.id));
  catalog.tables.forEach((t, i) => {
    const bound = projectOwner.get(t.maxcomputeProject);
    if (t.id !== tableAssetId(t.maxcomputeProject, t.name))
      issues.push({ field: `tables[${i}].id`, message: `must be ${tableAssetId(t.maxcomputeProject, t.name)}` });
    if (!bound) issues.push({ field: `tables[${i}].maxcomputeProject`, message: `${t.maxcomputeProject} is bound to no workspace` });
    else if (bound.workspace !== t.projectId || bound.env !== t.envType)
      issues.push({ field: `tables[${i}]`, message: `${t.maxcomputeProject} is workspace ${bound.workspace} ${bound.env}, not ${t.projectId} ${t.envType}` });
  });
  catalog.tasks.forEach((t, i) => {
    if (!workspaceIds.has(t.projectId)) issues.push({ field: `tasks[${i}].projectId`, message: `no workspace ${t.projectId}` });
  });

  const assetTypes = new Map<string, string>([
    ...catalog.tables.map((t) => [t.id, 'ACS::DataWorks::Table'] as const),
    ...catalog.tasks.map((t) => [String(t.id), 'ACS::DataWorks::Task'] as const),
  ]);
  const keys = new Map(catalog.tagKeys.map((k) => [k.key, k]));
  const perAsset = new Map<string, number>();
  catalog.bindings.forEach((b, i) => {
    const field = `bindings[${i}]`;
    if (assetTypes.get(b.assetId) !== b.assetType) issues.push({ field, message: `no ${b.assetType} with id ${b.assetId}` });
    const key = keys.get(b.key);
    if (!key) issues.push({ field: `${field}.key`, message: `no tag key ${b.key}` });
    else if (key.values.length > 0 && !key.values.includes(b.value))
      issues.push({ field: `${field}.value`, message: `${JSON.stringify(b.value)} is not a value of ${b.key}` });
    const count = (perAsset.get(b.assetId) ?? 0) + 1;
    perAsset.set(b.assetId, count);
    if (count === LIMITS.maxTagsPerAsset + 1) issues.push({ field, message: `${b.assetId} has more than ${LIMITS.maxTagsPerAsset} tags` });
  });
  (catalog.delayedAssets ?? []).forEach((d, i) => {
    if (!assetTypes.has(d.assetId)) issues.push({ field: `delayedAssets[${i}].assetId`, message: `no table or task with id ${d.assetId}` });
  });
  return issues;
}

/** A checked Catalog from untrusted JSON; throws InvalidInputError naming every problem. */
export function parseCatalog(value: unknown, file?: string): Catalog {
  const fail = (issues: InputIssue[]) => new InvalidInputError(issues.map((issue) => ({ ...issue, file })), 'emulator catalog');
  const parsed = catalogSchema.safeParse(value);
  if (!parsed.success) throw fail(parsed.error.issues.map((issue) => ({ field: issue.path.join('.') || '(root)', message: issue.message })));
  const issues = crossReferenceIssues(parsed.data);
  if (issues.length > 0) throw fail(issues);
  return parsed.data;
}

export function loadCatalog(file: string): Catalog {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file: check the path' : err instanceof SyntaxError ? `not JSON (${err.message}): a catalog is the JSON GET /__admin/state answers` : err instanceof Error ? err.message : String(err);
    throw new InvalidInputError([{ file, field: '(file)', message: `cannot read the catalog: ${why}` }], 'emulator catalog');
  }
  return parseCatalog(json, file);
}

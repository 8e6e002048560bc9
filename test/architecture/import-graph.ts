/**
 * The repository's import graph, read from the sources with TypeScript's own pre-processor (so `import type`,
 * `export … from` and side-effect imports all count), and the rules its shape must keep: shared/ folders in
 * layers that only point down, other folders reaching a shared/ folder only through its `index.ts`, and no
 * cycle between files. `test/architecture/layers.test.ts` fails on any break; `describeGraph` prints it.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

export const ROOT = resolve(__dirname, '..', '..');

/**
 * shared/ folders, lowest first. A folder may import only from folders in lower layers (and from itself).
 * The order says what each concern may know: errors and time know nothing; the API client knows no rules;
 * discovery knows no rules (the rules build their `sources` section from its registry, and hand it what they
 * need read as data); nothing below the triggers knows how FC delivers an event. Coverage and notifications
 * take plain data (assets and counts, a run's outcome), so they sit as low as their imports allow and know no engine.
 * Who a run acts as (identity: STS) is a client of its own beside EventBridge's; reports (a run's coverage and the
 * files a scheduled run keeps) read the engine's report, so they sit above it, beside fan-out.
 */
export const SHARED_LAYERS: readonly (readonly string[])[] = [
  ['errors', 'json', 'clock'],
  ['log', 'concurrency'],
  ['retry', 'credentials'],
  ['dataworks', 'notify'],
  ['discovery', 'eventbridge', 'identity'],
  ['rules', 'coverage'],
  ['engine', 'policy'],
  ['fanout', 'reports'],
  ['runtime'],
  ['triggers'],
];

/** Top-level folders besides shared/, and which of them each may import (shared/ only through index.ts). */
export const OUTER: Readonly<Record<string, readonly string[]>> = {
  functions: [],
  emulator: [],
  cli: ['emulator'],
  bench: ['emulator'],
  scripts: [],
};

const SOURCE_FOLDERS = ['shared', ...Object.keys(OUTER)];

export interface Edge {
  from: string;
  to: string;
}

/** A module's owner: `shared/<folder>` for shared code, else the top-level folder (or a root file, e.g. package.json). */
export function unitOf(file: string): string {
  const parts = file.split('/');
  return parts[0] === 'shared' && parts.length > 2 ? `shared/${parts[1]}` : parts.length === 1 ? file : parts[0];
}

function walk(dir: string, out: string[]): void {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, out);
    else if (/\.ts$/.test(name) && !/\.d\.ts$/.test(name)) out.push(path);
  }
}

function resolveImport(fromFile: string, spec: string): string | undefined {
  const base = resolve(dirname(fromFile), spec);
  for (const candidate of [`${base}.ts`, join(base, 'index.ts'), `${base}.d.ts`, base]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return undefined;
}

/** Every relative import between the repository's source files (tests excluded: they may reach inside). */
export function readEdges(root = ROOT): Edge[] {
  const files: string[] = [];
  for (const folder of SOURCE_FOLDERS) if (existsSync(join(root, folder))) walk(join(root, folder), files);
  const edges: Edge[] = [];
  for (const file of files) {
    const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    for (const imported of info.importedFiles) {
      if (!imported.fileName.startsWith('.')) continue;
      const target = resolveImport(file, imported.fileName);
      if (!target || !target.startsWith(root + sep)) continue;
      edges.push({ from: relative(root, file).split(sep).join('/'), to: relative(root, target).split(sep).join('/') });
    }
  }
  return edges;
}

const layerOf = (unit: string): number | undefined => {
  const folder = unit.startsWith('shared/') ? unit.slice('shared/'.length) : undefined;
  if (folder === undefined) return undefined;
  const i = SHARED_LAYERS.findIndex((layer) => layer.includes(folder));
  return i < 0 ? undefined : i;
};

export interface Violation {
  rule: 'unknown folder' | 'upward' | 'sideways' | 'skips index' | 'outer' | 'cycle';
  detail: string;
}

/** Cycles between files, each as the list of files around it (Tarjan's strongly connected components). */
export function fileCycles(edges: Edge[]): string[][] {
  const next = new Map<string, string[]>();
  for (const e of edges) next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  let counter = 0;
  const visit = (v: string) => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of next.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) out.push(component.sort());
    }
  };
  for (const v of new Set(edges.flatMap((e) => [e.from, e.to]))) if (!index.has(v)) visit(v);
  return out;
}

export function violations(edges: Edge[]): Violation[] {
  const out: Violation[] = [];
  for (const { from, to } of edges) {
    const [a, b] = [unitOf(from), unitOf(to)];
    if (a === b) continue;
    const line = `${from} -> ${to}`;
    if (a.startsWith('shared/')) {
      const [la, lb] = [layerOf(a), layerOf(b)];
      if (la === undefined || (b.startsWith('shared/') && lb === undefined)) out.push({ rule: 'unknown folder', detail: `${line}: add the folder to SHARED_LAYERS` });
      else if (!b.startsWith('shared/')) out.push({ rule: 'outer', detail: `${line}: shared/ must not import ${b}/` });
      else if (lb! > la) out.push({ rule: 'upward', detail: line });
      else if (lb === la) out.push({ rule: 'sideways', detail: line });
    } else if (!b.startsWith('shared/') && b.includes('/') && !(OUTER[a] ?? []).includes(b)) {
      out.push({ rule: 'outer', detail: `${line}: ${a}/ may not import ${b}/` });
    }
    if (b.startsWith('shared/') && to !== `${b}/index.ts`) out.push({ rule: 'skips index', detail: `${line}: import from ${b}/index.ts` });
  }
  for (const cycle of fileCycles(edges)) out.push({ rule: 'cycle', detail: cycle.join(' <-> ') });
  return out;
}

/** Folder-level cycles among shared/ folders (each pair that imports the other, directly or not). */
export function folderCycles(edges: Edge[]): string[][] {
  const unitEdges = edges.map((e) => ({ from: unitOf(e.from), to: unitOf(e.to) })).filter((e) => e.from !== e.to);
  const unique = [...new Map(unitEdges.map((e) => [`${e.from} ${e.to}`, e])).values()];
  return fileCycles(unique);
}

/** A short account of the graph: counts by rule, folder cycles, cross-folder imports and how many skip index.ts. */
export function describeGraph(edges: Edge[]): Record<string, unknown> {
  const v = violations(edges);
  const cross = edges.filter((e) => unitOf(e.to).startsWith('shared/') && unitOf(e.from) !== unitOf(e.to));
  const counts: Record<string, number> = {};
  for (const x of v) counts[x.rule] = (counts[x.rule] ?? 0) + 1;
  return {
    files: new Set(edges.flatMap((e) => [e.from, e.to])).size,
    imports: edges.length,
    crossFolderImports: cross.length,
    skippingIndex: cross.filter((e) => e.to !== `${unitOf(e.to)}/index.ts`).length,
    folderCycles: folderCycles(edges),
    violations: counts,
  };
}

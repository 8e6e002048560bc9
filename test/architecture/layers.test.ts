import { describeGraph, fileCycles, readEdges, SHARED_LAYERS, unitOf, violations, type Edge } from './import-graph';

describe('the import graph', () => {
  const edges = readEdges();

  it('reads the repository (a graph that found nothing would pass every rule)', () => {
    expect(edges.length).toBeGreaterThan(300);
    const folders = new Set(edges.map((e) => unitOf(e.from)).filter((u) => u.startsWith('shared/')).map((u) => u.slice(7)));
    expect([...folders].sort()).toEqual([...SHARED_LAYERS.flat()].filter((f) => folders.has(f)).sort());
  });

  it('has no upward or sideways import between shared/ folders, no cycle, and reaches folders only through index.ts', () => {
    const found = violations(edges).map((v) => `${v.rule}: ${v.detail}`);
    expect(found).toEqual([]);
    expect(describeGraph(edges).folderCycles).toEqual([]);
  });

  describe('catches what it is for', () => {
    const bad = (e: Edge[]) => violations(e).map((v) => v.rule);
    it('an upward import', () => expect(bad([{ from: 'shared/dataworks/client.ts', to: 'shared/engine/index.ts' }])).toEqual(['upward']));
    it('a sideways import', () => expect(bad([{ from: 'shared/engine/run.ts', to: 'shared/policy/index.ts' }])).toEqual(['sideways']));
    it('an import past index.ts', () => expect(bad([{ from: 'shared/engine/run.ts', to: 'shared/rules/match.ts' }])).toEqual(['skips index']));
    it('shared/ importing the CLI', () => expect(bad([{ from: 'shared/engine/run.ts', to: 'cli/program.ts' }])).toEqual(['outer']));
    it('a folder not placed in a layer', () => expect(bad([{ from: 'shared/newthing/a.ts', to: 'shared/errors/index.ts' }])).toEqual(['unknown folder']));
    it('a cycle between files of one folder', () => {
      const cycle = [
        { from: 'shared/rules/a.ts', to: 'shared/rules/b.ts' },
        { from: 'shared/rules/b.ts', to: 'shared/rules/a.ts' },
      ];
      expect(fileCycles(cycle)).toEqual([['shared/rules/a.ts', 'shared/rules/b.ts']]);
      expect(bad(cycle)).toEqual(['cycle']);
    });
  });
});

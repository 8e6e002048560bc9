import { heapGrowthFlag, HEAP_GROWING_PERCENT } from '../../shared/runtime';

describe('heapGrowthFlag', () => {
  it('fills the growth in when node was started without one', () => {
    expect(heapGrowthFlag([])).toBe(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
    expect(heapGrowthFlag(['--enable-source-maps', '--max-old-space-size=512'])).toBe(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  });

  it('leaves a growth given on node’s command line alone, in either spelling', () => {
    expect(heapGrowthFlag(['--heap-growing-percent=200'])).toBeUndefined();
    expect(heapGrowthFlag(['--max-old-space-size=512', '--heap_growing_percent=10'])).toBeUndefined();
  });
});

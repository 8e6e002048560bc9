import { advanced, standing } from '../../shared/engine';

describe('engine: cursor standing', () => {
  it('counts the partitions done and open', () => {
    expect(standing({ done: '0-2,5', open: [[3, 4]] })).toEqual({ done: 4, open: 1 });
    expect(standing({ done: '', open: [] })).toEqual({ done: 0, open: 0 });
  });

  it('says a piece advanced when a partition or a page more is done, and not when it stands where it started', () => {
    expect(advanced(undefined, { done: '', open: [] })).toBe(false);
    expect(advanced(undefined, { done: '', open: [[0, 2]] })).toBe(true);
    expect(advanced({ done: '0', open: [[1, 3]] }, { done: '0', open: [[1, 3]] })).toBe(false);
    expect(advanced({ done: '0', open: [[1, 3]] }, { done: '0', open: [[1, 4]] })).toBe(true);
    expect(advanced({ done: '0', open: [[1, 3]] }, { done: '0-1', open: [] })).toBe(true);
  });
});

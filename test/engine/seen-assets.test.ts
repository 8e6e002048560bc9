/** The run's fingerprints of the assets handed out: each id once, however many there are. */
import { SeenAssets } from '../../shared/engine/seen-assets';

describe('engine/seen-assets', () => {
  it('takes each id once and refuses it after, through many resizes', () => {
    const seen = new SeenAssets([1, 2]);
    const ids = Array.from({ length: 200_000 }, (_, i) => `maxcompute-table:::sales_dw::ods_user_event_${i}`);
    expect(ids.every((id) => seen.add(id))).toBe(true);
    expect(seen.size).toBe(ids.length);
    expect(ids.filter((_, i) => i % 997 === 0).some((id) => seen.add(id))).toBe(false);
    expect(seen.add('700000000003')).toBe(true);
    expect(seen.add('700000000003')).toBe(false);
    expect(seen.size).toBe(ids.length + 1);
  });

  it('keeps no two of a run\'s ids apart by their seeds alone: other seeds, same answers', () => {
    const a = new SeenAssets([7, 8]);
    const b = new SeenAssets([9, 10]);
    for (const id of ['1', '2', '1', '3', '2']) expect(a.add(id)).toBe(b.add(id));
  });
});

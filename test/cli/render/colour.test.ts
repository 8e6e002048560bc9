import { ansi, paletteFor, plain } from '../../../cli/render/colour';

describe('cli/render/colour', () => {
  it.each([
    ['a terminal', { isTTY: true, env: {}, off: false }, ansi],
    ['a pipe', { isTTY: false, env: {}, off: false }, plain],
    ['NO_COLOR set, to anything', { isTTY: true, env: { NO_COLOR: '0' }, off: false }, plain],
    ['NO_COLOR empty (as unset, per no-color.org)', { isTTY: true, env: { NO_COLOR: '' }, off: false }, ansi],
    ['--no-color or --json', { isTTY: true, env: {}, off: true }, plain],
    ['TERM=dumb', { isTTY: true, env: { TERM: 'dumb' }, off: false }, plain],
  ])('%s', (_what, choice, palette) => {
    expect(paletteFor(choice)).toBe(palette);
  });

  it('ansi wraps text in codes that reset only what they set; plain and empty text stay as they are', () => {
    expect(ansi.bad('x')).toBe('\x1b[31mx\x1b[39m');
    expect(ansi.bold(ansi.good('y'))).toBe('\x1b[1m\x1b[32my\x1b[39m\x1b[22m');
    expect(ansi.warn('')).toBe('');
    expect(plain.dim('z')).toBe('z');
  });
});

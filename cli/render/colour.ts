/**
 * Colour, for what a reader should see first: changes green, conflicts and warnings yellow, failures red, what is
 * already fine dim. Renderers take a Palette and never decide: `plain` adds nothing, `ansi` adds SGR codes, and
 * `paletteFor` picks one per stream, once: colour only on a terminal, never with NO_COLOR set (no-color.org),
 * --no-color, --json, or TERM=dumb.
 */
export interface Palette {
  good(text: string): string;
  warn(text: string): string;
  bad(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
}

const same = (text: string) => text;
export const plain: Palette = { good: same, warn: same, bad: same, dim: same, bold: same };

/** SGR on/off pairs: each resets only what it set, so colours nest inside bold */
const sgr = (on: number, off: number) => (text: string) => (text ? `\x1b[${on}m${text}\x1b[${off}m` : text);
export const ansi: Palette = { good: sgr(32, 39), warn: sgr(33, 39), bad: sgr(31, 39), dim: sgr(2, 22), bold: sgr(1, 22) };

export interface ColourChoice {
  /** the stream is a terminal */
  isTTY: boolean;
  env: Readonly<Record<string, string | undefined>>;
  /** --no-color or --json on the command line */
  off: boolean;
}

export function paletteFor(choice: ColourChoice): Palette {
  const { isTTY, env, off } = choice;
  return isTTY && !off && !env.NO_COLOR && env.TERM !== 'dumb' ? ansi : plain;
}

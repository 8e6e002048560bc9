/**
 * Durations as people write them in flags and environment variables: a whole number and a unit, `90s`,
 * `30m`, `12h`, `7d`. One parser, so the CLI and the functions accept the same spellings.
 */

const UNIT_MS = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

export const DURATION_HINT = 'a whole number and a unit: s, m, h or d (e.g. "12h", "7d")';

/** milliseconds, or undefined when `text` is not a positive duration */
export function parseDuration(text: string): number | undefined {
  const m = /^\s*(\d+)\s*([smhd])\s*$/.exec(text);
  if (!m) return undefined;
  const ms = Number(m[1]) * UNIT_MS[m[2] as keyof typeof UNIT_MS];
  return ms > 0 && Number.isSafeInteger(ms) ? ms : undefined;
}

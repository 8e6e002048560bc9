/**
 * How numbers, durations and lists look in autotag's terminal output: thousands separators, a unit picked
 * for the size of a duration, long lists cut to a few items plus "… and N more". Pure functions.
 */

export function count(n: number): string {
  return n.toLocaleString('en-US');
}

/** `3 bindings`, `1 binding`; `word` is the singular, `plural` when it is not just `word + s`. */
export function counted(n: number, word: string, plural = `${word}s`): string {
  return `${count(n)} ${n === 1 ? word : plural}`;
}

export function duration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1000);
  return seconds ? `${minutes} min ${seconds} s` : `${minutes} min`;
}

/** The first `max` items joined with `, `, then `… and N more` for the rest. */
/** The first `max` items; `total`: how many there are in all, when `items` are only the first of them. */
export function listSome(items: readonly string[], max: number, total = items.length): string {
  const shown = items.slice(0, max).join(', ');
  return total > max ? `${shown} … and ${count(total - Math.min(max, items.length))} more` : shown;
}

/** `text` cut to `max` characters, with an ellipsis when it was longer. */
export function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, Math.max(0, max - 1))}…` : text;
}

/** The non-empty parts joined, by default as `a · b · c`. */
export function joinParts(parts: readonly (string | undefined | false)[], separator = ' · '): string {
  return parts.filter(Boolean).join(separator);
}

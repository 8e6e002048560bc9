/**
 * Writing HTML and SVG as strings with every piece of user data escaped: tag keys, values, asset names and
 * messages come from the catalog, and the page must show them as text, never run them.
 */

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

export type Attrs = Record<string, string | number | boolean | undefined>;

/** `name="value"` pairs; `false`/`undefined` are left out, `true` is a bare attribute. */
function attributes(attrs: Attrs): string {
  let out = '';
  for (const [name, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    out += v === true ? ` ${name}` : ` ${name}="${escapeHtml(typeof v === 'number' ? String(round(v)) : v)}"`;
  }
  return out;
}

/** Two decimals are enough for a coordinate and keep the page small. */
const round = (n: number) => Math.round(n * 100) / 100;

/** HTML elements that have no end tag. */
const VOID = new Set(['meta', 'br', 'hr', 'img', 'link']);

/** An element; `children` are markup already (use `text()` for user data). */
export function el(name: string, attrs: Attrs = {}, ...children: string[]): string {
  if (VOID.has(name)) return `<${name}${attributes(attrs)}>`;
  return `<${name}${attributes(attrs)}>${children.join('')}</${name}>`;
}

/** User data as element content. */
export const text = escapeHtml;

/** A native tooltip: SVG's `<title>` child, shown on hover with no script. */
export const tooltip = (s: string) => el('title', {}, text(s));

/** `s` cut to `max` characters with an ellipsis (labels in charts; the whole text goes in a tooltip). */
export function clip(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

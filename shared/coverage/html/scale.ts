/**
 * The page's colours and scales: a colour-blind-safe palette for a key's values (Okabe–Ito, by rank), a
 * one-hue ramp for shares in the heatmaps, and a round axis maximum for value charts.
 */

/** Okabe–Ito, without black: a key's largest values in this order; the rest share OTHER. */
export const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442'] as const;
export const OTHER = '#9AA0A6';

const LIGHT = [239, 246, 252];
const DARK = [8, 69, 148];

/** The heatmap colour of a share in [0, 1]: from near-white to deep blue. */
export function shareColour(share: number): string {
  const t = Math.min(1, Math.max(0, share));
  const channel = (i: number) => Math.round(LIGHT[i] + (DARK[i] - LIGHT[i]) * t).toString(16).padStart(2, '0');
  return `#${channel(0)}${channel(1)}${channel(2)}`;
}

/** Whether text on `shareColour(share)` must be light to be read. */
export const needsLightText = (share: number) => share > 0.55;

const AXIS_MAXIMA = [0.01, 0.02, 0.05, 0.1, 0.2, 0.25, 0.5, 1];

/** The smallest round share at or above `share` (an axis that ends at 5% shows 3% values as bars one can see). */
export function axisMaximum(share: number): number {
  return AXIS_MAXIMA.find((m) => m >= share) ?? 1;
}

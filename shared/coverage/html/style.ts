/**
 * The page's one style sheet, inlined: system fonts only (nothing to fetch), light and dark schemes, and print
 * rules so the page can be filed as a PDF. Chart geometry lives in the SVG; this only colours and sets type.
 */
export const STYLE = `
:root { color-scheme: light dark; --fg: #1f2328; --muted: #59636e; --bg: #ffffff; --panel: #f6f8fa; --line: #d1d9e0;
  --track: #e8ecf0; --warn-bg: #fff8c5; --warn-line: #d4a72c; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6edf3; --muted: #9198a1; --bg: #0d1117; --panel: #151b23;
  --line: #3d444d; --track: #262c36; --warn-bg: #2e2a1a; --warn-line: #9e6a03; } }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1200px; padding: 24px; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto,
  "Noto Sans", sans-serif; color: var(--fg); background: var(--bg); }
h1 { font-size: 24px; margin: 0 0 4px; } h2 { font-size: 18px; margin: 32px 0 8px; } h3 { font-size: 15px; margin: 20px 0 6px; }
.run { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 8px 0 0; color: var(--muted); }
.run dt { font-weight: 600; } .run dd { margin: 0; font-family: ui-monospace, monospace; }
.badge { display: inline-block; padding: 1px 8px; border-radius: 10px; background: var(--warn-bg); border: 1px solid var(--warn-line); }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(220px, 1fr)); gap: 12px; margin-top: 20px; }
.card { background: var(--panel); border: 1px solid var(--line); border-radius: 8px; padding: 12px 14px; }
.card .label { display: block; color: var(--muted); } .card .figure { display: block; font-size: 26px; font-weight: 650; }
.card .detail { color: var(--muted); } .card.warn { background: var(--warn-bg); border-color: var(--warn-line); }
.legend, .note { color: var(--muted); margin: 4px 0 8px; }
.scroll { overflow-x: auto; border: 1px solid var(--line); border-radius: 8px; padding: 8px; }
svg.chart { display: block; font: 12px system-ui, sans-serif; fill: var(--fg); }
svg .track { fill: var(--track); } svg .key.declared { font-weight: 700; } svg .share { font-weight: 600; }
svg .count, svg .assets, svg .unscanned { fill: var(--muted); } svg .head text { font-weight: 600; }
svg .cell.empty { fill: var(--track); } svg .cell-share { fill: #1f2328; } svg .cell-share.light { fill: #ffffff; }
svg .value[data-declared] .label { font-weight: 700; }
svg .axis line { stroke: var(--line); } svg .axis text { fill: var(--muted); font-size: 11px; }
.values-grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(560px, 1fr)); gap: 12px; }
figure { margin: 0; background: var(--panel); border: 1px solid var(--line); border-radius: 8px; padding: 10px; }
figcaption { margin-bottom: 6px; } figcaption .key { font-weight: 700; }
table { border-collapse: collapse; margin: 6px 0; } th, td { text-align: left; padding: 4px 10px; border-bottom: 1px solid var(--line); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
footer { margin-top: 40px; color: var(--muted); font-size: 12px; }
@media print { body { max-width: none; padding: 0; } .scroll { overflow: visible; border: 0; } section { break-inside: avoid; } }
`;

import { trusted, type Markup } from './html/markup.js';

/** The report's one stylesheet, inline so the file stands alone (print-friendly, no web fonts). */
export const REPORT_STYLE: Markup = trusted(`
body {
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", "PingFang SC", "Microsoft YaHei", sans-serif;
  color: #252525; margin: 0 auto; max-width: 1120px; padding: 24px;
}
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 19px; border-bottom: 2px solid #4393c3; padding-bottom: 4px; margin-top: 36px; }
h3 { font-size: 15px; margin: 20px 0 8px; }
.meta, .note { color: #636363; font-size: 13px; }
.zh { color: #636363; font-weight: normal; font-size: 12px; }
table.data { border-collapse: collapse; width: 100%; margin: 8px 0 16px; font-size: 13px; }
table.data th, table.data td {
  border-bottom: 1px solid #e0e0e0; padding: 4px 6px; text-align: left; vertical-align: top;
}
table.data th { background: #f0f0f0; }
table.data .num { text-align: right; font-variant-numeric: tabular-nums; }
tr.above td { background: #fde0dd; }
tr.total td { font-weight: 600; border-top: 2px solid #bdbdbd; }
tr.reference td, tr.previous td { color: #636363; font-style: italic; }
td.up { color: #b2182b; }
td.down { color: #2166ac; }
td.below { color: #b2182b; font-weight: 600; }
td.id, td.cells { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 12px; }
.warning { display: block; color: #b35806; font-size: 12px; }
.charts { display: flex; flex-wrap: wrap; gap: 12px 28px; align-items: flex-start; }
svg { font-size: 11px; }
svg .chart-title { font-size: 13px; font-weight: 600; }
svg .tick text { fill: #737373; }
svg .marker-label { font-size: 11px; font-weight: 600; fill: #3f007d; }
figure { margin: 8px 0; }
figcaption { color: #636363; font-size: 12px; }
ul.summary li { margin: 4px 0; }
footer { margin-top: 40px; color: #969696; font-size: 12px; }
@media print { body { padding: 0; } section { break-inside: avoid-page; } }
`);

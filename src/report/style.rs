//! The report's stylesheet, inline in the page: one set of colours for light, one for
//! dark (chosen by `prefers-color-scheme`, or forced with `<html class="dark">` or
//! `class="light"`, e.g. for printing), the critical path in the accent colour.

/// The CSS of every report.
pub(super) const CSS: &str = r#"
:root { color-scheme: light dark;
  --bg: #ffffff; --fg: #1d232b; --muted: #5b6672; --line: #c9d1da; --panel: #f4f6f8;
  --box: #ffffff; --accent: #c2410c; --bar: #4f6b8a; --slack: #b9c6d4; --actual: #15803d;
  --projected: #7c8ea3; --now: #7c3aed; --ok: #15803d; --bad: #b91c1c; }
@media (prefers-color-scheme: dark) { :root:not(.light) {
  --bg: #14181d; --fg: #e3e8ee; --muted: #9aa6b2; --line: #3a4450; --panel: #1d232b;
  --box: #222a33; --accent: #fb923c; --bar: #7f9cbd; --slack: #3d4b5b; --actual: #4ade80;
  --projected: #8796a8; --now: #c4b5fd; --ok: #4ade80; --bad: #f87171; } }
:root.dark {
  --bg: #14181d; --fg: #e3e8ee; --muted: #9aa6b2; --line: #3a4450; --panel: #1d232b;
  --box: #222a33; --accent: #fb923c; --bar: #7f9cbd; --slack: #3d4b5b; --actual: #4ade80;
  --projected: #8796a8; --now: #c4b5fd; --ok: #4ade80; --bad: #f87171; }
body { margin: 0; padding: 24px 32px; background: var(--bg); color: var(--fg);
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 28px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
.muted { color: var(--muted); }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 12px 0; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; }
.verdict { padding: 8px 12px; border-radius: 6px; background: var(--panel); border-left: 4px solid var(--ok); }
.verdict.invalid { border-left-color: var(--bad); }
.verdict strong { color: var(--ok); }
.verdict.invalid strong { color: var(--bad); }
.totals { display: flex; gap: 24px; flex-wrap: wrap; }
.totals div { background: var(--panel); padding: 8px 14px; border-radius: 6px; }
.totals b { display: block; font-size: 18px; }
.drawing { overflow-x: auto; background: var(--panel); border-radius: 6px; padding: 8px; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 4px 10px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { color: var(--muted); font-weight: 600; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
tr.critical td:first-child { color: var(--accent); font-weight: 600; }
.legend { display: flex; gap: 16px; flex-wrap: wrap; color: var(--muted); font-size: 12px; margin-top: 6px; }
.legend i { display: inline-block; width: 14px; height: 8px; margin-right: 4px; vertical-align: middle; }
svg text { fill: var(--fg); font: 12px system-ui, sans-serif; }
svg .node rect { fill: var(--box); stroke: var(--line); stroke-width: 1.5; }
svg .node.critical rect { stroke: var(--accent); stroke-width: 2.5; }
svg .node .sub { fill: var(--muted); font-size: 11px; }
svg .edge { fill: none; stroke: var(--muted); stroke-width: 1.5; }
svg .edge.critical { stroke: var(--accent); stroke-width: 2.5; }
svg .arrow { fill: var(--muted); }
svg .arrow.critical { fill: var(--accent); }
svg .grid { stroke: var(--line); stroke-width: 1; }
svg .bar { fill: var(--bar); }
svg .bar.critical { fill: var(--accent); }
svg .slack { fill: var(--slack); }
svg .actual { fill: var(--actual); }
svg .projected { fill: none; stroke: var(--projected); stroke-width: 1.5; stroke-dasharray: 4 3; }
svg .now { stroke: var(--now); stroke-width: 2; }
svg .now-label { fill: var(--now); }
svg .deadline { stroke: var(--bad); stroke-width: 2; stroke-dasharray: 6 4; }
svg .deadline-label { fill: var(--bad); }
.legend .bar { background: var(--bar); } .legend .critical { background: var(--accent); }
.legend .slack { background: var(--slack); } .legend .actual { background: var(--actual); }
.legend .projected { border: 1.5px dashed var(--projected); height: 6px; }
.legend .now { background: var(--now); width: 3px; }
ul.problems { margin: 8px 0 0; padding-left: 20px; }
footer { margin-top: 32px; color: var(--muted); font-size: 12px; }
@media print { .drawing { overflow: visible; } body { padding: 0; } }
"#;

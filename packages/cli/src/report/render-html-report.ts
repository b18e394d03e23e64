import { formatMetric, METRICS } from "../eval/metrics/metric-catalogue.js";
import { type EvalReport, type ReportRoute, SIMULATOR_NOTE } from "./eval-report.js";
import { formatChange, formatVerdict } from "./format-change.js";
import { gateLines } from "./render-text-report.js";

const RUN_COLOURS = ["#4e79a7", "#f28e2b"] as const;
const LABEL_WIDTH = 190;
const BAR_AREA = 360;
const BAR_HEIGHT = 11;

/**
 * A self-contained HTML report: no scripts, no external assets, one inline SVG bar chart per
 * route (one bar per run and metric, scaled per metric), then the route's table. Opens from a
 * CI artifact or a mail attachment as it is.
 */
export function renderHtmlReport(report: EvalReport): string {
  const title = `modelpolicy eval: ${report.suite}`;
  const gate = report.gate
    ? `<p class="gate ${report.gate.passed ? "passed" : "failed"}">${escapeHtml(gateLines(report).join("\n"))}</p>`
    : "";
  const note = report.provider.simulated
    ? `<p class="note"><strong>Note:</strong> ${escapeHtml(SIMULATOR_NOTE)}</p>`
    : "";
  const runs = report.runs
    .map(
      (run, index) =>
        `<li><span class="swatch" style="background:${RUN_COLOURS[index] ?? "#999"}"></span><strong>${escapeHtml(run.run)}</strong>: <code>${escapeHtml(run.table)}</code> (table version ${escapeHtml(run.tableVersion)}, fingerprint <code>${escapeHtml(run.fingerprint)}</code>)</li>`,
    )
    .join("\n");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)}</title>
<style>
body { font: 14px/1.4 system-ui, sans-serif; margin: 24px; color: #222; max-width: 1100px; }
h1 { font-size: 20px; } h2 { font-size: 16px; margin-top: 28px; }
.note { background: #fff4d6; border-left: 4px solid #e0a800; padding: 8px 12px; }
.gate { white-space: pre-wrap; font-family: ui-monospace, monospace; padding: 8px 12px; }
.gate.passed { background: #e6f4ea; } .gate.failed { background: #fde7e9; }
table { border-collapse: collapse; margin-top: 8px; } td, th { padding: 2px 10px; border-bottom: 1px solid #eee; }
td.number { text-align: right; font-variant-numeric: tabular-nums; } tr.regressed td { color: #b00020; font-weight: 600; }
.swatch { display: inline-block; width: 12px; height: 12px; margin-right: 6px; vertical-align: middle; }
svg text { font: 11px system-ui, sans-serif; fill: #333; } svg text.regressed { fill: #b00020; font-weight: 600; }
</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
${gate}
${note}
<p>Provider: ${escapeHtml(report.provider.description)}</p>
<ul class="runs">
${runs}
</ul>
${report.routes.map((route) => routeSection(report, route)).join("\n")}
</body>
</html>
`;
}

function routeSection(report: EvalReport, route: ReportRoute): string {
  const comparing = report.runs.length === 2;
  const head = comparing
    ? `<tr><th>metric</th><th>${escapeHtml(report.runs[0]!.run)}</th><th>${escapeHtml(report.runs[1]!.run)}</th><th>change</th><th>gate</th></tr>`
    : "<tr><th>metric</th><th>value</th></tr>";
  const rows = route.rows
    .map((row) => {
      const values = row.values.map(
        (value) =>
          `<td class="number">${escapeHtml(formatMetric(row.key, value?.value ?? null, value?.lowerBound))}</td>`,
      );
      const extra =
        comparing && row.change
          ? `<td class="number">${escapeHtml(formatChange(row.change))}</td><td>${escapeHtml(report.gate ? formatVerdict(row.change, report.gate.thresholds) : "")}</td>`
          : "";
      return `<tr class="${row.change?.regressed ? "regressed" : ""}"><td>${escapeHtml(METRICS[row.key].label)}</td>${values.join("")}${extra}</tr>`;
    })
    .join("\n");
  return `<section class="route" data-route="${escapeHtml(route.route)}">
<h2><code>${escapeHtml(route.route)}</code> (${escapeHtml(route.kind)}, ${route.examples} examples)</h2>
${chart(report, route)}
<table><thead>${head}</thead><tbody>
${rows}
</tbody></table>
</section>`;
}

/** Horizontal bars, one group per metric; each metric is scaled to its own largest value (rates to 100 %). */
function chart(report: EvalReport, route: ReportRoute): string {
  const runs = report.runs.length;
  const groupHeight = runs * (BAR_HEIGHT + 2) + 8;
  const height = route.rows.length * groupHeight + 4;
  const width = LABEL_WIDTH + BAR_AREA + 90;
  const parts: string[] = [];
  route.rows.forEach((row, index) => {
    const top = 4 + index * groupHeight;
    const known = row.values.map((value) => value?.value ?? null);
    const scale = METRICS[row.key].unit === "rate" ? 1 : Math.max(0, ...known.map((value) => value ?? 0));
    const labelClass = row.change?.regressed ? ' class="regressed"' : "";
    parts.push(
      `<text x="0" y="${top + BAR_HEIGHT}"${labelClass}>${escapeHtml(METRICS[row.key].label)}${row.change?.regressed ? " ✖" : ""}</text>`,
    );
    row.values.forEach((value, runIndex) => {
      const y = top + runIndex * (BAR_HEIGHT + 2);
      const amount = value?.value ?? null;
      // A zero is drawn as no bar; any positive value gets at least a sliver, so it is not read as zero.
      const barWidth = amount === null || scale <= 0 || amount <= 0 ? 0 : Math.max(1, (amount / scale) * BAR_AREA);
      const run = report.runs[runIndex]?.run ?? String(runIndex);
      parts.push(
        `<rect class="bar" data-metric="${row.key}" data-run="${escapeHtml(run)}" x="${LABEL_WIDTH}" y="${y}" width="${barWidth.toFixed(1)}" height="${BAR_HEIGHT}" fill="${RUN_COLOURS[runIndex] ?? "#999"}"><title>${escapeHtml(`${run}: ${formatMetric(row.key, amount, value?.lowerBound)}`)}</title></rect>`,
        `<text x="${(LABEL_WIDTH + barWidth + 4).toFixed(1)}" y="${y + BAR_HEIGHT - 1}">${escapeHtml(formatMetric(row.key, amount, value?.lowerBound))}</text>`,
      );
    });
  });
  return `<svg class="chart" data-route="${escapeHtml(route.route)}" xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeHtml(`${route.route}: metrics by run`)}">
${parts.join("\n")}
</svg>`;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

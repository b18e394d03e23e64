import { formatMetric, METRICS } from "../eval/metrics/metric-catalogue.js";
import { type ColumnAlign, formatTable } from "../format/text-table.js";
import { type EvalReport, SIMULATOR_NOTE } from "./eval-report.js";
import { formatChange, formatVerdict } from "./format-change.js";

/** The report's header lines: suite, provider (and the simulator note), the tables evaluated. */
export function headerLines(report: EvalReport): string[] {
  const examples = report.routes.reduce((sum, route) => sum + route.examples, 0);
  return [
    `suite ${report.suite}: ${report.routes.length} route${report.routes.length === 1 ? "" : "s"}, ${examples} golden examples`,
    `provider: ${report.provider.description}`,
    ...(report.provider.simulated ? [`NOTE: ${SIMULATOR_NOTE}`] : []),
    ...report.runs.map(
      (run) => `${run.run}: ${run.table} (table version ${run.tableVersion}, fingerprint ${run.fingerprint})`,
    ),
  ];
}

/** The gate's verdict in one line, with every regression after it. */
export function gateLines(report: EvalReport): string[] {
  if (!report.gate) return [];
  if (report.gate.passed) return ["gate: PASSED (no route regressed past its thresholds)"];
  return [
    `gate: FAILED (${report.gate.regressions.length} regression${report.gate.regressions.length === 1 ? "" : "s"})`,
    ...report.gate.regressions.map((regression) => {
      const old = formatMetric(regression.key, regression.old?.value ?? null);
      const next = formatMetric(regression.key, regression.new?.value ?? null);
      return `  ✖ ${regression.route}: ${METRICS[regression.key].label} ${old} -> ${next} (${formatChange(regression)}; ${formatVerdict(regression, report.gate!.thresholds).replace(/^FAIL /, "limit ")})`;
    }),
  ];
}

/**
 * The plain-text report: header, then one aligned table with a row per route and metric (the
 * route named on its first row), then the gate. Greppable and diffable like `cost`'s tables.
 */
export function renderTextReport(report: EvalReport): string {
  const comparing = report.runs.length === 2;
  const headers = comparing
    ? ["route", "metric", report.runs[0]!.run, report.runs[1]!.run, "change", "gate"]
    : ["route", "kind", "examples", "metric", "value"];
  const align: ColumnAlign[] = comparing
    ? ["left", "left", "right", "right", "right", "left"]
    : ["left", "left", "right", "left", "right"];
  const rows: string[][] = [];
  for (const route of report.routes) {
    route.rows.forEach((row, index) => {
      const first = index === 0;
      const values = row.values.map((value) => formatMetric(row.key, value?.value ?? null, value?.lowerBound));
      if (comparing) {
        rows.push([
          first ? `${route.route} (${route.examples})` : "",
          METRICS[row.key].label,
          values[0] ?? "n/a",
          values[1] ?? "n/a",
          row.change ? formatChange(row.change) : "",
          row.change && report.gate ? formatVerdict(row.change, report.gate.thresholds) : "",
        ]);
      } else {
        rows.push([
          first ? route.route : "",
          first ? route.kind : "",
          first ? String(route.examples) : "",
          METRICS[row.key].label,
          values[0] ?? "n/a",
        ]);
      }
    });
  }
  const errors = report.routes.filter((route) => route.suiteErrors > 0);
  return [
    ...headerLines(report),
    "",
    formatTable(headers, rows, { align }).trimEnd(),
    ...errors.map(
      (route) => `note: ${route.route}: ${route.suiteErrors} example(s) failed in the suite's own code (see --out).`,
    ),
    ...(report.gate ? ["", ...gateLines(report)] : []),
    "",
  ].join("\n");
}

import { formatMetric, METRICS } from "../eval/metrics/metric-catalogue.js";
import { type EvalReport, SIMULATOR_NOTE } from "./eval-report.js";
import { formatChange, formatVerdict } from "./format-change.js";
import { gateLines } from "./render-text-report.js";

/**
 * The markdown report for a pull request: the verdict first (what a reviewer needs), the
 * simulator warning when it applies, then one table per route.
 */
export function renderMarkdownReport(report: EvalReport): string {
  const comparing = report.runs.length === 2;
  const lines: string[] = [`## modelpolicy eval: ${escapeCell(report.suite)}`, ""];
  if (report.gate) {
    lines.push(
      report.gate.passed
        ? "**Gate: PASSED** — no route regressed past its thresholds."
        : `**Gate: FAILED** — ${report.gate.regressions.length} regression(s):`,
    );
    if (!report.gate.passed) {
      for (const line of gateLines(report).slice(1)) lines.push(`- ${escapeCell(line.replace(/^\s*✖ /, ""))}`);
    }
    lines.push("");
  }
  if (report.provider.simulated) lines.push(`> **Note:** ${SIMULATOR_NOTE}`, "");
  lines.push(`Provider: ${escapeCell(report.provider.description)}`, "");
  for (const run of report.runs) {
    lines.push(
      `- **${run.run}**: \`${run.table}\` (table version ${run.tableVersion}, fingerprint \`${run.fingerprint}\`)`,
    );
  }
  lines.push("");
  for (const route of report.routes) {
    lines.push(`### \`${route.route}\` (${route.kind}, ${route.examples} examples)`, "");
    if (comparing) {
      lines.push(
        `| metric | ${report.runs[0]!.run} | ${report.runs[1]!.run} | change | gate |`,
        "|---|---:|---:|---:|---|",
      );
    } else lines.push("| metric | value |", "|---|---:|");
    for (const row of route.rows) {
      const values = row.values.map((value) => formatMetric(row.key, value?.value ?? null, value?.lowerBound));
      if (comparing) {
        const verdict = row.change && report.gate ? formatVerdict(row.change, report.gate.thresholds) : "";
        lines.push(
          `| ${METRICS[row.key].label} | ${values[0] ?? "n/a"} | ${values[1] ?? "n/a"} | ${row.change ? formatChange(row.change) : ""} | ${verdict.startsWith("FAIL") ? `**${verdict}**` : verdict} |`,
        );
      } else lines.push(`| ${METRICS[row.key].label} | ${values[0] ?? "n/a"} |`);
    }
    lines.push("");
  }
  return `${lines.join("\n").trimEnd()}\n`;
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, "\\|");
}

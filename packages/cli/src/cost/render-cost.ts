import { formatCsv } from "../format/csv.js";
import { type ColumnAlign, formatTable } from "../format/text-table.js";
import { COST_FIGURE_COLUMNS, type CostReport, type CostRow } from "./cost-row.js";

/** Output formats of `modelpolicy cost`. */
export const COST_FORMATS = ["table", "json", "csv"] as const;

/** One of {@link COST_FORMATS}. */
export type CostFormat = (typeof COST_FORMATS)[number];

/**
 * Prints a cost report. Table: for people, with a total line and the `≥` marker on costs that
 * leave out calls of unknown price. JSON: `{source, by, rows, total}` with raw numbers and
 * `cost_known` per row. CSV: one line per group, no total (a spreadsheet sums it itself).
 */
export function renderCost(report: CostReport, format: CostFormat): string {
  switch (format) {
    case "json":
      return `${JSON.stringify(
        {
          source: report.source,
          by: report.by,
          approximate_quantiles: report.approximateQuantiles,
          rows: report.rows.map((row) => flatRow(report, row)),
          total: figures(report.total),
        },
        null,
        2,
      )}\n`;
    case "csv":
      return formatCsv(
        [...report.by, ...COST_FIGURE_COLUMNS],
        report.rows.map((row) => Object.values(flatRow(report, row))),
      );
    case "table":
      return renderTable(report);
  }
}

function flatRow(report: CostReport, row: CostRow): Record<string, unknown> {
  return { ...Object.fromEntries(report.by.map((column) => [column, row.group[column] ?? null])), ...figures(row) };
}

function figures(row: CostRow): Record<string, unknown> {
  return Object.fromEntries(COST_FIGURE_COLUMNS.map((column) => [column, row[column]]));
}

const TABLE_FIGURES = [
  ["calls", (row: CostRow) => String(row.calls)],
  ["input_tokens", (row: CostRow) => String(row.input_tokens)],
  ["output_tokens", (row: CostRow) => String(row.output_tokens)],
  ["cost_usd", (row: CostRow) => money(row.cost_usd, row.cost_known, 4)],
  ["cost_per_call", (row: CostRow) => money(row.cost_per_call, row.cost_known, 6)],
  ["fallback_rate", (row: CostRow) => percent(row.fallback_rate)],
  ["review_rate", (row: CostRow) => percent(row.review_rate)],
  ["p50_ms", (row: CostRow) => milliseconds(row.p50_ms)],
  ["p95_ms", (row: CostRow) => milliseconds(row.p95_ms)],
  ["cost_per_trusted_unit", (row: CostRow) => money(row.cost_per_trusted_unit, row.cost_known, 6)],
] as const;

// Shown only when some call of the report streamed: most ledgers have none, and the table is wide.
const STREAM_FIGURES = [
  ["streamed", (row: CostRow) => String(row.streamed_calls ?? "-")],
  ["ttfc_p50_ms", (row: CostRow) => milliseconds(row.ttfc_p50_ms)],
  ["ttfc_p95_ms", (row: CostRow) => milliseconds(row.ttfc_p95_ms)],
] as const;

function renderTable(report: CostReport): string {
  const streamed = (report.total.streamed_calls ?? 0) > 0;
  const shown = streamed ? [...TABLE_FIGURES, ...STREAM_FIGURES] : TABLE_FIGURES;
  const headers = [...report.by, ...shown.map(([name]) => name)];
  const align: ColumnAlign[] = [...report.by.map(() => "left" as const), ...shown.map(() => "right" as const)];
  const cells = (keys: string[], row: CostRow) => [...keys, ...shown.map(([, cell]) => cell(row))];
  const rows = report.rows.map((row) =>
    cells(
      report.by.map((column) => row.group[column] ?? "-"),
      row,
    ),
  );
  const totalKeys = report.by.map((_, index) => (index === 0 ? "TOTAL" : ""));
  let text = formatTable(headers, rows, { align, footer: [cells(totalKeys, report.total)] });
  if (!report.total.cost_known) {
    text +=
      "≥: some calls have no known price (model missing from the price table); the cost shown is a lower bound.\n";
  }
  if (report.approximateQuantiles) text += "p50/p95 are estimated from Prometheus histogram buckets.\n";
  if (report.source === "prometheus") {
    text += "time to first chunk: n/a from Prometheus (no per-task series); the ledger has it.\n";
  } else if (streamed) {
    text += "ttfc: time to first chunk of the streamed calls (router.stream), from the call's start.\n";
  }
  return text;
}

function money(value: number | null, known: boolean, digits: number): string {
  if (value === null) return known ? "-" : "unknown";
  return `${known ? "" : "≥"}${value.toFixed(digits)}`;
}

function percent(value: number | null): string {
  return value === null ? "-" : `${(value * 100).toFixed(1)}%`;
}

function milliseconds(value: number | null): string {
  if (value === null) return "-";
  return value >= 100 ? String(Math.round(value)) : value.toFixed(1);
}

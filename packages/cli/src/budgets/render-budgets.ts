import { formatCsv } from "../format/csv.js";
import { type ColumnAlign, formatTable } from "../format/text-table.js";
import type { BudgetRow } from "./ledger-budgets.js";

const COLUMNS = [
  "policy_id",
  "policy_version",
  "window",
  "window_start",
  "on_exhausted",
  "limit_usd",
  "spent_usd",
  "remaining_usd",
  "calls",
  "degraded",
  "stopped",
  "reviewed",
] as const satisfies readonly (keyof BudgetRow)[];

/**
 * Prints the budgets view of `modelpolicy cost --budgets`. Table: for people, money to four
 * places; JSON: `{source, rows}` with raw numbers; CSV: one line per policy, every column.
 */
export function renderBudgets(rows: readonly BudgetRow[], format: "table" | "json" | "csv"): string {
  switch (format) {
    case "json":
      return `${JSON.stringify({ source: "ledger", rows }, null, 2)}\n`;
    case "csv":
      return formatCsv(
        COLUMNS,
        rows.map((row) => COLUMNS.map((column) => row[column])),
      );
    case "table": {
      const align: ColumnAlign[] = COLUMNS.map((_, index) => (index < 5 ? "left" : "right"));
      const cells = rows.map((row) =>
        COLUMNS.map((column) => {
          const value = row[column];
          return column.endsWith("_usd") ? (value as number).toFixed(4) : String(value);
        }),
      );
      return formatTable(COLUMNS, cells, { align });
    }
  }
}

import type { TaskStats } from "./task-stats.js";
import { cell, type TextSink, usd } from "./text-layout.js";

/**
 * Widths of the two text columns, sized to each example's longest task and policy names so the
 * numeric columns line up under their headers; the numeric columns are the same everywhere.
 */
export interface TaskTableWidths {
  readonly task: number;
  readonly policy: number;
}

/** Prints the per-task table computed from the router's records, with a total row. */
export function printTaskTable(out: TextSink, rows: readonly TaskStats[], widths: TaskTableWidths): void {
  const columns: [string, number, "left" | "right"][] = [
    ["task", widths.task, "left"],
    ["policy", widths.policy, "left"],
    ["calls", 5, "right"],
    ["in tok", 7, "right"],
    ["out tok", 7, "right"],
    ["cost USD", 9, "right"],
    ["fallbacks", 9, "right"],
    ["reviews", 7, "right"],
    ["p50 ms", 6, "right"],
  ];
  const render = (values: string[]) =>
    `${values.map((value, index) => cell(value, columns[index]![1], columns[index]![2])).join("  ")}\n`;
  const header = render(columns.map(([name]) => name));
  const rule = `${"-".repeat(header.length - 1)}\n`;
  out.write(`\nPer task (from the router's results)\n${header}${rule}`);
  for (const row of rows) {
    out.write(
      render([
        row.task,
        row.policy,
        String(row.calls),
        String(row.inputTokens),
        String(row.outputTokens),
        usd(row.costUsd),
        String(row.fallbacks),
        String(row.reviews),
        String(row.p50LatencyMs),
      ]),
    );
  }
  const total = (pick: (row: TaskStats) => number) => String(rows.reduce((sum, row) => sum + pick(row), 0));
  const cost = rows.some((row) => row.costUsd === null) ? null : rows.reduce((sum, row) => sum + (row.costUsd ?? 0), 0);
  out.write(rule);
  out.write(
    render([
      "total",
      "",
      total((row) => row.calls),
      total((row) => row.inputTokens),
      total((row) => row.outputTokens),
      usd(cost),
      total((row) => row.fallbacks),
      total((row) => row.reviews),
      "",
    ]),
  );
}

import { describe, expect, it } from "vitest";
import { printTaskTable } from "./print-task-table.js";
import type { TaskStats } from "./task-stats.js";
import { textBuffer } from "./testing/text-buffer.js";

function row(task: string, overrides: Partial<TaskStats> = {}): TaskStats {
  return {
    task,
    policy: `p.${task}@1`,
    calls: 2,
    inputTokens: 100,
    outputTokens: 10,
    costUsd: 0.0005,
    fallbacks: 1,
    reviews: 0,
    failures: 0,
    p50LatencyMs: 42,
    ...overrides,
  };
}

describe("printTaskTable", () => {
  it("sizes the task and policy columns as given and lines the numbers up under their headers", () => {
    const out = textBuffer();
    printTaskTable(out.sink, [row("a"), row("b", { calls: 3 })], { task: 6, policy: 8 });
    expect(out.text().split("\n")).toEqual([
      "",
      "Per task (from the router's results)",
      "task    policy    calls   in tok  out tok   cost USD  fallbacks  reviews  p50 ms",
      "-".repeat(80),
      "a       p.a@1         2      100       10   0.000500          1        0      42",
      "b       p.b@1         3      100       10   0.000500          1        0      42",
      "-".repeat(80),
      "total                 5      200       20   0.001000          2        0        ",
      "",
    ]);
  });

  it("shows an unknown total cost when any row's price is unknown", () => {
    const out = textBuffer();
    printTaskTable(out.sink, [row("a"), row("b", { costUsd: null })], { task: 6, policy: 8 });
    expect(out.text()).toMatch(/^total\s+4\s+200\s+20\s+unknown\s+2\s+0\s+$/m);
  });
});

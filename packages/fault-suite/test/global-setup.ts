import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { FileFigures } from "../src/figures.js";
import { PARTS_DIR, RESULTS_DIR } from "../src/figures.js";

let startedAt = 0;

/** Clears the per-file parts before the run. */
export function setup(): void {
  startedAt = Date.now();
  rmSync(PARTS_DIR, { recursive: true, force: true });
  mkdirSync(PARTS_DIR, { recursive: true });
}

/** Merges every file's figures into results/reliability.json and prints them as a table. */
export function teardown(): void {
  const parts: FileFigures[] = readdirSync(PARTS_DIR)
    .filter((name) => name.endsWith(".json"))
    .map((name) => JSON.parse(readFileSync(join(PARTS_DIR, name), "utf8")) as FileFigures);
  if (parts.length === 0) return;
  const sum = (pick: (part: FileFigures) => number) => parts.reduce((total, part) => total + pick(part), 0);
  const measured: Record<string, number> = {};
  for (const part of parts) Object.assign(measured, part.measured);
  const cases = [...new Set(parts.flatMap((part) => part.cases))].sort((a, b) => a - b);
  const report = {
    generatedAt: new Date().toISOString(),
    node: process.version,
    wallSeconds: Number(((Date.now() - startedAt) / 1000).toFixed(1)),
    // Lists as strings: the file stays in the shape Biome formats it to.
    files: parts
      .map((part) => part.file)
      .sort()
      .join(", "),
    casesRun: cases.length,
    cases: cases.join(", "),
    testsPassed: sum((part) => part.testsPassed),
    testsFailed: sum((part) => part.testsFailed),
    callsMade: sum((part) => part.callsMade),
    resultsReturned: sum((part) => part.resultsReturned),
    typedErrors: sum((part) => part.typedErrors),
    untypedErrors: sum((part) => part.untypedErrors),
    unhandledRejections: sum((part) => part.unhandledRejections),
    uncaughtExceptions: sum((part) => part.uncaughtExceptions),
    spansEmittedCollectorUp: sum((part) => part.spansEmittedCollectorUp),
    spansReceivedCollectorUp: sum((part) => part.spansReceivedCollectorUp),
    routedSpansEmitted: sum((part) => part.routedSpansEmitted),
    ledgerRecords: sum((part) => part.ledgerRecords),
    canaryScans: sum((part) => part.canaryScans),
    canaryHits: sum((part) => part.canaryHits),
    measured,
  };
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(join(RESULTS_DIR, "reliability.json"), `${JSON.stringify(report, null, 2)}\n`);
  rmSync(PARTS_DIR, { recursive: true, force: true });

  const settled = report.resultsReturned + report.typedErrors + report.untypedErrors;
  const rows: [string, string][] = [
    ["cases run", `${report.casesRun} of 18 (${report.testsPassed} tests passed, ${report.testsFailed} failed)`],
    [
      "calls made / settled",
      `${report.callsMade} / ${settled} (${report.resultsReturned} results, ${report.typedErrors} typed errors, ${report.untypedErrors} untyped)`,
    ],
    ["unhandled rejections", String(report.unhandledRejections)],
    [
      "spans emitted / received, collector up",
      `${report.spansEmittedCollectorUp} / ${report.spansReceivedCollectorUp}`,
    ],
    ["routed spans emitted / ledger records", `${report.routedSpansEmitted} / ${report.ledgerRecords}`],
    ["heap growth, collector down (MB)", fmt(measured.heapGrowthCollectorDownMB)],
    ["calls with collector down", fmt(measured.collectorDownCalls)],
    ["spans dropped by the batch queue, collector down", fmt(measured.droppedSpansCollectorDown)],
    ["warnings logged, collector down", fmt(measured.warningsCollectorDown)],
    ["event-loop delay p99, collector slow/503 (ms)", fmt(measured.eventLoopP99Ms)],
    [
      "streams opened / routed spans ended / ledger records",
      `${fmt(measured.streamsOpened)} / ${fmt(measured.streamSpansEnded)} / ${fmt(measured.streamLedgerRecords)}`,
    ],
    ["provider responses left open after streamed calls settled", fmt(measured.streamResponsesLeftOpen)],
    ["hanging server: call settled after (ms; policy deadline 600)", fmt(measured.hangingServerSettledMs)],
    ["Retry-After: 1 s: gap between the two attempts (ms)", fmt(measured.retryAfterGapMs)],
    ["shutdown, collector down, slowest (ms; shutdown timeout 1 000)", fmt(largest(measured, "shutdownMs."))],
    ["child process start to exit, slowest (ms)", fmt(largest(measured, "processMs."))],
    ["canary scans / hits", `${report.canaryScans} / ${report.canaryHits}`],
  ];
  const lines = ["", "| figure | value |", "|---|---|", ...rows.map(([name, value]) => `| ${name} | ${value} |`), ""];
  console.log(`\nfault-suite reliability figures (results/reliability.json)${lines.join("\n")}`);
}

function fmt(value: number | undefined): string {
  return value === undefined ? "not measured" : String(Number(value.toFixed(2)));
}

/** The largest measurement whose name starts with `prefix`, if any. */
function largest(measured: Record<string, number>, prefix: string): number | undefined {
  const values = Object.entries(measured)
    .filter(([name]) => name.startsWith(prefix))
    .map(([, value]) => value);
  return values.length === 0 ? undefined : Math.max(...values);
}

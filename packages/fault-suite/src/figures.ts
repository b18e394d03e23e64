import { randomUUID } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** Where each test file leaves its measurements for the global teardown to merge. */
export const RESULTS_DIR = join(dirname(fileURLToPath(import.meta.url)), "..", "results");
export const PARTS_DIR = join(RESULTS_DIR, ".parts");

/**
 * The measurements one test file took. Summed over files by the global teardown into
 * `results/reliability.json`; every number comes from this run, none is typed in.
 */
export interface FileFigures {
  file: string;
  cases: number[];
  testsPassed: number;
  testsFailed: number;
  callsMade: number;
  resultsReturned: number;
  typedErrors: number;
  untypedErrors: number;
  unhandledRejections: number;
  uncaughtExceptions: number;
  spansEmittedCollectorUp: number;
  spansReceivedCollectorUp: number;
  ledgerRecords: number;
  routedSpansEmitted: number;
  canaryScans: number;
  canaryHits: number;
  /** Single measurements (heap growth, dropped spans, lag), by name. */
  measured: Record<string, number>;
}

/** This file's figures; module state, so each (isolated) test file has its own. */
export const figures: FileFigures = {
  file: "",
  cases: [],
  testsPassed: 0,
  testsFailed: 0,
  callsMade: 0,
  resultsReturned: 0,
  typedErrors: 0,
  untypedErrors: 0,
  unhandledRejections: 0,
  uncaughtExceptions: 0,
  spansEmittedCollectorUp: 0,
  spansReceivedCollectorUp: 0,
  ledgerRecords: 0,
  routedSpansEmitted: 0,
  canaryScans: 0,
  canaryHits: 0,
  measured: {},
};

/** Records a single measurement (the last value wins; `max` keeps the largest). */
export function measure(name: string, value: number, mode: "last" | "max" | "sum" = "last"): void {
  const previous = figures.measured[name];
  if (mode === "max" && previous !== undefined) figures.measured[name] = Math.max(previous, value);
  else if (mode === "sum" && previous !== undefined) figures.measured[name] = previous + value;
  else figures.measured[name] = value;
}

/** Writes this file's figures where the global teardown finds them. */
export function writeFileFigures(): void {
  mkdirSync(PARTS_DIR, { recursive: true });
  writeFileSync(join(PARTS_DIR, `${randomUUID()}.json`), JSON.stringify(figures));
}

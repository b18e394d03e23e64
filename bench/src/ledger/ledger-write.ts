/**
 * How much a routed call costs the host when the ledger exporter is on: amortised microseconds
 * per routed call for `LedgerSpanExporter`, in batches as the SDK's BatchSpanProcessor hands them
 * over. Target: ≤ 5 µs per call. Part of `node bench/dist/run.js ledger`.
 *
 * Batches are handed over one at a time, each after the previous one's callback, as the SDK's
 * BatchSpanProcessor does. Two figures: "on the thread" is the synchronous part of export()
 * (serialising the batch), which is what the application's event loop pays; "end to end" also
 * waits for each append to land.
 */
import { mkdtemp, readdir, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type ExportResultLike, LedgerSpanExporter, type ReadableSpanLike } from "@modelpolicy/otel";
import { type MachineInfo, machineLine } from "../lib/machine.js";
import { markdownTable } from "../lib/markdown.js";
import { writeResult } from "../lib/results.js";
import { syntheticSpan } from "./synthetic-spans.js";

/** Knobs of the ledger-write benchmark; the defaults are what the committed results used. */
export interface LedgerWriteOptions {
  readonly spans: number;
  readonly batch: number;
  readonly rounds: number;
}

export const LEDGER_WRITE_DEFAULTS: LedgerWriteOptions = { spans: 200_000, batch: 512, rounds: 3 };

interface Round {
  syncUsPerCall: number;
  totalUsPerCall: number;
  bytesPerRecord: number;
}

async function round(spans: readonly ReadableSpanLike[], batchSize: number): Promise<Round> {
  const dir = await mkdtemp(join(tmpdir(), "modelpolicy-ledger-bench-"));
  try {
    const exporter = new LedgerSpanExporter({ dir });
    let failed = 0;
    let syncNs = 0n;
    const started = process.hrtime.bigint();
    for (let offset = 0; offset < spans.length; offset += batchSize) {
      const batch = spans.slice(offset, offset + batchSize);
      const before = process.hrtime.bigint();
      const done = new Promise<ExportResultLike>((resolve) => exporter.export(batch, resolve));
      syncNs += process.hrtime.bigint() - before;
      if ((await done).code !== 0) failed += 1;
    }
    await exporter.forceFlush();
    const totalNs = process.hrtime.bigint() - started;
    if (failed > 0 || exporter.droppedRecords > 0)
      throw new Error(`${failed} failed batches, ${exporter.droppedRecords} dropped`);
    let bytes = 0;
    for (const name of await readdir(dir)) bytes += (await stat(join(dir, name))).size;
    return {
      syncUsPerCall: Number(syncNs) / 1000 / spans.length,
      totalUsPerCall: Number(totalNs) / 1000 / spans.length,
      bytesPerRecord: bytes / spans.length,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Runs the ledger-write benchmark, prints its table and writes `results/ledger-write.{json,md}`. */
export async function runLedgerWrite(machine: MachineInfo, options: LedgerWriteOptions): Promise<void> {
  console.log(`  building ${options.spans} routed-call spans…`);
  const start = Date.UTC(2026, 10, 25);
  const spans = Array.from({ length: options.spans }, (_, index) => syntheticSpan(index, start, 10));
  console.log("  warming up…");
  await round(spans.slice(0, Math.min(options.spans, 20_000)), options.batch);
  const rounds: Round[] = [];
  for (let index = 0; index < options.rounds; index += 1) {
    const measured = await round(spans, options.batch);
    console.log(
      `  round ${index + 1}/${options.rounds}: ${measured.syncUsPerCall.toFixed(2)} µs on the thread, ${measured.totalUsPerCall.toFixed(2)} µs end to end`,
    );
    rounds.push(measured);
  }
  const pick = (key: keyof Round) => rounds.map((item) => item[key]).sort((a, b) => a - b);
  const median = (values: number[]) => values[Math.floor(values.length / 2)] ?? Number.NaN;
  const cells = (values: number[]) =>
    [values[0], median(values), values[values.length - 1]].map((value) => (value ?? 0).toFixed(2));
  const table = markdownTable(
    ["measure (µs per routed call)", "min", "median", "max"],
    [
      ["on the thread (serialise)", ...cells(pick("syncUsPerCall"))],
      ["end to end (incl. appends)", ...cells(pick("totalUsPerCall"))],
    ],
  );
  const markdown = [
    "### Ledger — write cost per routed call",
    "",
    `${machineLine(machine)}. \`LedgerSpanExporter\`, ${options.spans} synthetic routed-call spans in batches of ${options.batch} (as the BatchSpanProcessor hands them over), ${options.rounds} rounds after a warm-up; ${Math.round(rounds[0]?.bytesPerRecord ?? 0)} bytes per record. Target: ≤ 5 µs per routed call amortised.`,
    "",
    table,
  ].join("\n");
  console.log(`\n${markdown}\n`);
  writeResult(
    "ledger-write",
    { machine, ...options, rounds, unit: "µs per routed call", at: new Date().toISOString() },
    markdown,
  );
}

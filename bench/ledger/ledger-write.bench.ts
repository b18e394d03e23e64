/**
 * How much a routed call costs the host when the ledger exporter is on: amortised microseconds
 * per routed call for LedgerSpanExporter, in batches as the SDK's BatchSpanProcessor hands them
 * over. Target: ≤ 5 µs per call. Run: `npx tsx bench/ledger/ledger-write.bench.ts [spans] [batch]`.
 *
 * Batches are handed over one at a time, each after the previous one's callback, as the SDK's
 * BatchSpanProcessor does. Two figures: "on the thread" is the synchronous part of export()
 * (serialising the batch), which is what the application's event loop pays; "end to end" also
 * waits for each append to land.
 */
import { mkdtemp, readdir, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LedgerSpanExporter } from "../../packages/otel/src/ledger/ledger-span-exporter.js";
import type { ExportResultLike, ReadableSpanLike } from "../../packages/otel/src/ledger/readable-span-like.js";
import { printTable, writeResult } from "./bench-report.js";
import { syntheticSpan } from "./synthetic-spans.js";

const SPANS = Number(process.argv[2] ?? 200_000);
const BATCH = Number(process.argv[3] ?? 512);
const ROUNDS = 3;

interface Round {
  syncUsPerCall: number;
  totalUsPerCall: number;
  bytesPerRecord: number;
}

async function round(spans: readonly ReadableSpanLike[]): Promise<Round> {
  const dir = await mkdtemp(join(tmpdir(), "modelpolicy-ledger-bench-"));
  try {
    const exporter = new LedgerSpanExporter({ dir });
    let failed = 0;
    let syncNs = 0n;
    const started = process.hrtime.bigint();
    for (let offset = 0; offset < spans.length; offset += BATCH) {
      const batch = spans.slice(offset, offset + BATCH);
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

console.log(`building ${SPANS} routed-call spans…`);
const start = Date.UTC(2026, 10, 25);
const spans = Array.from({ length: SPANS }, (_, index) => syntheticSpan(index, start, 10));
console.log("warming up…");
await round(spans.slice(0, Math.min(SPANS, 20_000)));
const rounds: Round[] = [];
for (let index = 0; index < ROUNDS; index += 1) {
  console.log(`round ${index + 1}/${ROUNDS}…`);
  rounds.push(await round(spans));
}
const pick = (key: keyof Round) => rounds.map((item) => item[key]).sort((a, b) => a - b);
const median = (values: number[]) => values[Math.floor(values.length / 2)] ?? Number.NaN;
const sync = pick("syncUsPerCall");
const total = pick("totalUsPerCall");
console.log(`\nLedgerSpanExporter, ${SPANS} spans in batches of ${BATCH}, ${ROUNDS} rounds (µs per routed call):\n`);
printTable(
  ["measure", "min", "median", "max"],
  [
    [
      "on the thread (serialise)",
      ...[sync[0], median(sync), sync[sync.length - 1]].map((value) => (value ?? 0).toFixed(2)),
    ],
    [
      "end to end (incl. appends)",
      ...[total[0], median(total), total[total.length - 1]].map((value) => (value ?? 0).toFixed(2)),
    ],
  ],
);
console.log(`\nbytes per record: ${Math.round(rounds[0]?.bytesPerRecord ?? 0)}; target ≤ 5 µs per call.`);
const path = await writeResult("ledger-write", { spans: SPANS, batch: BATCH, rounds, unit: "µs per routed call" });
console.log(`wrote ${path}`);

/**
 * How long `modelpolicy cost --by task` takes over a big ledger, in-process (DuckDB over JSON
 * lines). Target: < 2 s for 1,000,000 records on the 2-core dev machine.
 * Run: `npx tsx bench/ledger/cost-query.bench.ts [records]`.
 *
 * The ledger is written once, by the real LedgerSpanExporter, into 4 daily files under the OS
 * temp folder and reused by later runs (delete it to regenerate). Timings are with the files in
 * the page cache, as on a machine that just wrote them.
 */
import { existsSync } from "node:fs";
import { readdir, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli } from "../../packages/cli/src/run-cli.js";
import { LedgerSpanExporter } from "../../packages/otel/src/ledger/ledger-span-exporter.js";
import type { ExportResultLike } from "../../packages/otel/src/ledger/readable-span-like.js";
import { printTable, writeResult } from "./bench-report.js";
import { syntheticSpan } from "./synthetic-spans.js";

const RECORDS = Number(process.argv[2] ?? 1_000_000);
const REPEATS = 3;
const DAYS = 4;
const BATCH = 512;
const dir = join(tmpdir(), `modelpolicy-bench-ledger-${RECORDS}`);
const complete = join(dir, ".complete");

async function generate(): Promise<void> {
  await rm(dir, { recursive: true, force: true });
  const exporter = new LedgerSpanExporter({ dir });
  const start = Date.UTC(2026, 10, 20);
  const stepMs = (DAYS * 86_400_000) / RECORDS;
  const began = performance.now();
  for (let offset = 0; offset < RECORDS; offset += BATCH) {
    const batch = Array.from({ length: Math.min(BATCH, RECORDS - offset) }, (_, index) =>
      syntheticSpan(offset + index, start, stepMs),
    );
    const result = await new Promise<ExportResultLike>((resolve) => exporter.export(batch, resolve));
    if (result.code !== 0) throw result.error ?? new Error("export failed");
    if (offset % 100_000 < BATCH) process.stdout.write(`\r  wrote ${offset + batch.length} records`);
  }
  await exporter.shutdown();
  await writeFile(complete, "");
  console.log(`\r  wrote ${RECORDS} records in ${((performance.now() - began) / 1000).toFixed(1)} s`);
}

if (!existsSync(complete)) {
  console.log(`generating ${RECORDS} ledger records into ${dir}…`);
  await generate();
} else {
  console.log(`reusing the ledger in ${dir}`);
}
let bytes = 0;
const files = (await readdir(dir)).filter((name) => name.endsWith(".jsonl"));
for (const name of files) bytes += (await stat(join(dir, name))).size;
console.log(`${files.length} files, ${(bytes / 1e6).toFixed(0)} MB`);

const timings: number[] = [];
let calls = 0;
for (let repeat = 0; repeat < REPEATS; repeat += 1) {
  const began = performance.now();
  const result = await runCli(["cost", "--by", "task", "--ledger", dir, "--format", "json"]);
  const ms = performance.now() - began;
  if (result.exitCode !== 0) throw new Error(result.stderr);
  calls = (JSON.parse(result.stdout) as { total: { calls: number } }).total.calls;
  if (calls !== RECORDS) throw new Error(`expected ${RECORDS} calls, the query counted ${calls}`);
  timings.push(ms);
  console.log(`  run ${repeat + 1}/${REPEATS}: ${ms.toFixed(0)} ms`);
}
timings.sort((a, b) => a - b);
const [min, median, max] = [timings[0] ?? 0, timings[Math.floor(REPEATS / 2)] ?? 0, timings[REPEATS - 1] ?? 0];
console.log(`\n\`modelpolicy cost --by task\` over ${RECORDS} records (${(bytes / 1e6).toFixed(0)} MB), in-process:\n`);
printTable(
  ["records", "MB", "min ms", "median ms", "max ms"],
  [[RECORDS, Math.round(bytes / 1e6), ...[min, median, max].map((value) => value.toFixed(0))]],
);
console.log(`\ntarget < 2000 ms: ${max < 2000 ? "met" : "NOT met"}`);
const path = await writeResult("cost-query", {
  records: RECORDS,
  files: files.length,
  bytes,
  timingsMs: timings,
  min,
  median,
  max,
});
console.log(`wrote ${path}`);

/**
 * How long `modelpolicy cost --by task` takes over a big ledger, run as users run it: the built
 * bin in a process of its own (Node start-up, DuckDB over JSON lines, the JSON report). Target:
 * < 2 s for 1,000,000 records on the 2-core dev machine. Part of `node bench/dist/run.js ledger`.
 *
 * The ledger is written once, by the real LedgerSpanExporter, into 4 daily files under the OS
 * temp folder and reused by later runs (delete it to regenerate). Timings are with the files in
 * the page cache, as on a machine that just wrote them.
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { readdir, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type ExportResultLike, LedgerSpanExporter } from "@modelpolicy/otel";
import { type MachineInfo, machineLine } from "../lib/machine.js";
import { markdownTable } from "../lib/markdown.js";
import { writeResult } from "../lib/results.js";
import { syntheticSpan } from "./synthetic-spans.js";

/** Knobs of the cost-query benchmark; the defaults are what the committed results used. */
export interface CostQueryOptions {
  readonly records: number;
  readonly repeats: number;
}

export const COST_QUERY_DEFAULTS: CostQueryOptions = { records: 1_000_000, repeats: 3 };

/** The CLI as the root `pnpm build` leaves it; `bench/dist/ledger/` and `bench/src/ledger/` sit equally deep. */
const CLI_BIN = fileURLToPath(new URL("../../../packages/cli/dist/bin.js", import.meta.url));

const DAYS = 4;
const BATCH = 512;

async function generate(dir: string, records: number): Promise<void> {
  await rm(dir, { recursive: true, force: true });
  const exporter = new LedgerSpanExporter({ dir });
  const start = Date.UTC(2026, 10, 20);
  const stepMs = (DAYS * 86_400_000) / records;
  const began = performance.now();
  for (let offset = 0; offset < records; offset += BATCH) {
    const batch = Array.from({ length: Math.min(BATCH, records - offset) }, (_, index) =>
      syntheticSpan(offset + index, start, stepMs),
    );
    const result = await new Promise<ExportResultLike>((resolve) => exporter.export(batch, resolve));
    if (result.code !== 0) throw result.error ?? new Error("export failed");
  }
  await exporter.shutdown();
  await writeFile(join(dir, ".complete"), "");
  console.log(`  wrote ${records} records in ${((performance.now() - began) / 1000).toFixed(1)} s`);
}

/** Runs `modelpolicy …` from the built bin; resolves with its stdout, rejects with its stderr on a non-zero exit. */
function modelpolicy(argv: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [CLI_BIN, ...argv], { maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`modelpolicy ${argv.join(" ")} failed (${error.code ?? error.signal}): ${stderr}`));
      else resolve(stdout);
    });
  });
}

/** Runs the cost-query benchmark, prints its table and writes `results/cost-query.{json,md}`. */
export async function runCostQuery(machine: MachineInfo, options: CostQueryOptions): Promise<void> {
  if (!existsSync(CLI_BIN)) throw new Error(`${CLI_BIN} is missing: run \`pnpm build\` first`);
  const dir = join(tmpdir(), `modelpolicy-bench-ledger-${options.records}`);
  if (!existsSync(join(dir, ".complete"))) {
    console.log(`  generating ${options.records} ledger records into ${dir}…`);
    await generate(dir, options.records);
  } else {
    console.log(`  reusing the ledger in ${dir}`);
  }
  let bytes = 0;
  const files = (await readdir(dir)).filter((name) => name.endsWith(".jsonl"));
  for (const name of files) bytes += (await stat(join(dir, name))).size;

  const timings: number[] = [];
  for (let repeat = 0; repeat < options.repeats; repeat += 1) {
    const began = performance.now();
    const stdout = await modelpolicy(["cost", "--by", "task", "--ledger", dir, "--format", "json"]);
    const ms = performance.now() - began;
    const calls = (JSON.parse(stdout) as { total: { calls: number } }).total.calls;
    if (calls !== options.records) throw new Error(`expected ${options.records} calls, the query counted ${calls}`);
    timings.push(ms);
    console.log(`  run ${repeat + 1}/${options.repeats}: ${ms.toFixed(0)} ms`);
  }
  timings.sort((a, b) => a - b);
  const min = timings[0] ?? 0;
  const median = timings[Math.floor(timings.length / 2)] ?? 0;
  const max = timings[timings.length - 1] ?? 0;
  const markdown = [
    "### Ledger — `modelpolicy cost` over a large ledger",
    "",
    `${machineLine(machine)}. \`modelpolicy cost --by task --format json\` as a child process (\`node packages/cli/dist/bin.js\`: Node start-up, DuckDB over JSON lines) over ${options.records} records in ${files.length} daily files written by \`LedgerSpanExporter\`, page cache warm, ${options.repeats} runs. Target: < 2000 ms — ${max < 2000 ? "met" : "**not met**"}.`,
    "",
    markdownTable(
      ["records", "MB", "min ms", "median ms", "max ms"],
      [
        [
          String(options.records),
          String(Math.round(bytes / 1e6)),
          ...[min, median, max].map((value) => value.toFixed(0)),
        ],
      ],
    ),
  ].join("\n");
  console.log(`\n${markdown}\n`);
  writeResult(
    "cost-query",
    {
      machine,
      records: options.records,
      files: files.length,
      bytes,
      timingsMs: timings,
      min,
      median,
      max,
      at: new Date().toISOString(),
    },
    markdown,
  );
}

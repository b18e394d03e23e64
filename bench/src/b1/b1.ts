import { fileURLToPath } from "node:url";
import { BenchChild } from "../lib/ipc.js";
import { type ConcurrentBlock, poolSequential, type SequentialBlock } from "../lib/load.js";
import { type MachineInfo, machineLine } from "../lib/machine.js";
import { fixed, markdownTable, triple } from "../lib/markdown.js";
import { writeResult } from "../lib/results.js";
import { interleavedOrder, ratio, type Spread, spread } from "../lib/stats.js";
import { B1_LABELS, B1_VARIANTS, type B1Variant } from "./variants.js";

/** B1's knobs; defaults are what the committed results used. */
export interface B1Options {
  repeats: number;
  sequentialCalls: number;
  /**
   * Each repeat's sequential calls are split into this many rounds, and every round visits all
   * variants (rotating order): on a shared machine, load that comes and goes then lands on all
   * variants alike instead of on whichever ran during it.
   */
  rounds: number;
  concurrentCalls: number;
  concurrency: number;
  variants: readonly B1Variant[];
  /** `loopback`: the fake server process; `memory`: an in-memory fetch (CPU-only overhead). */
  transport: "loopback" | "memory";
}

export const B1_DEFAULTS: B1Options = {
  repeats: 5,
  sequentialCalls: 1000,
  rounds: 20,
  concurrentCalls: 3000,
  concurrency: 32,
  variants: B1_VARIANTS,
  transport: "loopback",
};

interface VariantSummary {
  variant: B1Variant;
  label: string;
  p50Ms: Spread;
  p99Ms: Spread;
  cpuUsPerCall: Spread;
  callsPerSecond: Spread;
  concurrentCpuUsPerCall: Spread;
  addedP50Ms: number;
  throughputVsBaseline: number;
  /** CPU per call at 32 concurrent over the baseline's, paired within each repeat (median). */
  concurrentCpuVsBaseline: number;
  spansPerCall: number;
  /** Ledger lines written per routed call: 1 for (d), which must drop none, 0 elsewhere. */
  ledgerRecordsPerCall: number;
  failures: number;
  repeats: { sequential: SequentialBlock; concurrent: ConcurrentBlock }[];
}

/**
 * B1: each variant in its own child process, all against one fake server process; repeats visit
 * the variants in rotated order (one sequential block then one concurrent block per visit), so
 * drift over the run (thermal, the server's GC) spreads over all variants alike.
 */
export async function runB1(
  baseURL: string,
  machine: MachineInfo,
  options: B1Options = B1_DEFAULTS,
): Promise<VariantSummary[]> {
  const workerScript = fileURLToPath(new URL("./worker.js", import.meta.url));
  const children = new Map<B1Variant, BenchChild>();
  try {
    for (const variant of options.variants) {
      const child = await BenchChild.start(
        workerScript,
        [variant, options.transport === "memory" ? "memory" : baseURL],
        `b1:${variant}`,
      );
      children.set(variant, child);
      const check = await child.request<{ spans: number; expectedSpansPerCall: number }>("prepare", {});
      if (check.spans !== check.expectedSpansPerCall) {
        throw new Error(
          `b1:${variant} exported ${check.spans} span(s) for one call, expected ${check.expectedSpansPerCall}`,
        );
      }
      console.log(`  b1 ${variant.padEnd(9)} ready (${check.spans} span(s) per call)`);
    }
    for (const variant of options.variants) {
      const child = children.get(variant)!;
      await child.request("sequential", { calls: Math.ceil(options.sequentialCalls / 2) });
      await child.request("concurrent", {
        calls: Math.ceil(options.concurrentCalls / 3),
        concurrency: options.concurrency,
      });
      console.log(`  b1 ${variant.padEnd(9)} warmed up`);
    }
    const blocks = new Map<B1Variant, { sequential: SequentialBlock; concurrent: ConcurrentBlock }[]>();
    for (let repeat = 0; repeat < options.repeats; repeat += 1) {
      const rounds = new Map<B1Variant, SequentialBlock[]>();
      const perRound = Math.ceil(options.sequentialCalls / options.rounds);
      for (let round = 0; round < options.rounds; round += 1) {
        for (const variant of interleavedOrder(options.variants, repeat * options.rounds + round)) {
          const block = await children
            .get(variant)!
            .request<SequentialBlock>("sequential", { calls: perRound, keepLatencies: true });
          rounds.set(variant, [...(rounds.get(variant) ?? []), block]);
        }
      }
      for (const variant of interleavedOrder(options.variants, repeat)) {
        const child = children.get(variant)!;
        const sequential = poolSequential(rounds.get(variant) ?? []);
        const concurrent = await child.request<ConcurrentBlock>("concurrent", {
          calls: options.concurrentCalls,
          concurrency: options.concurrency,
        });
        blocks.set(variant, [...(blocks.get(variant) ?? []), { sequential, concurrent }]);
        console.log(
          `  b1 repeat ${repeat + 1}/${options.repeats} ${variant.padEnd(9)} p50 ${fixed(sequential.p50Ms, 3)} ms  p99 ${fixed(sequential.p99Ms, 3)} ms  ` +
            `cpu ${fixed(sequential.cpuUsPerCall, 0)} µs/call  ${fixed(concurrent.callsPerSecond, 0)} calls/s @${options.concurrency}`,
        );
      }
    }
    const totals = new Map<B1Variant, { spansExported: number; ledgerRecords: number }>();
    for (const [variant, child] of children) totals.set(variant, await child.request("stats", {}));

    const baseline = options.variants[0]!;
    const summaries: VariantSummary[] = options.variants.map((variant) => {
      const repeats = blocks.get(variant) ?? [];
      const callsMade =
        1 +
        Math.ceil(options.sequentialCalls / 2) +
        Math.ceil(options.concurrentCalls / 3) +
        repeats.reduce((sum, block) => sum + block.sequential.calls + block.concurrent.calls, 0);
      return {
        variant,
        label: B1_LABELS[variant],
        p50Ms: spread(repeats.map((block) => block.sequential.p50Ms)),
        p99Ms: spread(repeats.map((block) => block.sequential.p99Ms)),
        cpuUsPerCall: spread(repeats.map((block) => block.sequential.cpuUsPerCall)),
        callsPerSecond: spread(repeats.map((block) => block.concurrent.callsPerSecond)),
        concurrentCpuUsPerCall: spread(repeats.map((block) => block.concurrent.cpuUsPerCall)),
        addedP50Ms: Number.NaN,
        throughputVsBaseline: Number.NaN,
        concurrentCpuVsBaseline: Number.NaN,
        spansPerCall: (totals.get(variant)?.spansExported ?? 0) / callsMade,
        ledgerRecordsPerCall: (totals.get(variant)?.ledgerRecords ?? 0) / callsMade,
        failures: repeats.reduce((sum, block) => sum + block.sequential.failures + block.concurrent.failures, 0),
        repeats,
      };
    });
    const base = summaries.find((summary) => summary.variant === baseline)!;
    for (const summary of summaries) {
      // Paired within each repeat (same minutes of the machine's load), then the median over repeats.
      summary.addedP50Ms = spread(
        summary.repeats.map(
          (block, index) => block.sequential.p50Ms - (base.repeats[index]?.sequential.p50Ms ?? Number.NaN),
        ),
      ).median;
      summary.throughputVsBaseline = spread(
        summary.repeats.map((block, index) =>
          ratio(block.concurrent.callsPerSecond, base.repeats[index]?.concurrent.callsPerSecond ?? Number.NaN),
        ),
      ).median;
      summary.concurrentCpuVsBaseline = spread(
        summary.repeats.map((block, index) =>
          ratio(block.concurrent.cpuUsPerCall, base.repeats[index]?.concurrent.cpuUsPerCall ?? Number.NaN),
        ),
      ).median;
    }
    const markdown = b1Markdown(summaries, options, machine);
    console.log(`\n${markdown}\n`);
    writeResult(
      options.transport === "memory" ? "b1-memory" : "b1",
      { machine, options, variants: summaries },
      markdown,
    );
    return summaries;
  } finally {
    await Promise.all([...children.values()].map((child) => child.stop()));
  }
}

function b1Markdown(summaries: VariantSummary[], options: B1Options, machine: MachineInfo): string {
  const base = summaries[0]!;
  const rows = summaries.map((summary) => [
    summary.label,
    triple(summary.p50Ms, 3),
    summary === base ? "—" : `${summary.addedP50Ms >= 0 ? "+" : ""}${fixed(summary.addedP50Ms, 3)}`,
    triple(summary.p99Ms, 3),
    triple(summary.cpuUsPerCall, 0),
    `${fixed(ratio(summary.cpuUsPerCall.median, base.cpuUsPerCall.median), 2)}×`,
    triple(summary.concurrentCpuUsPerCall, 0),
    `${fixed(summary.concurrentCpuVsBaseline, 2)}×`,
    triple(summary.callsPerSecond, 0),
    `${fixed(summary.throughputVsBaseline * 100, 0)}%`,
    fixed(summary.spansPerCall, 2),
    fixed(summary.ledgerRecordsPerCall, 2),
    String(summary.failures),
  ]);
  const memory = options.transport === "memory";
  return [
    memory ? "### B1m — the same calls with no socket (CPU-only overhead)" : "### B1 — overhead per routed call",
    "",
    memory
      ? "The OpenAI client gets an in-memory `fetch` that returns the same completion at once, so latency is client CPU only and the loopback noise is gone; same variants, same setup."
      : undefined,
    `${machineLine(machine)}. 4 KB prompt, structured output (zod schema → \`response_format: json_schema\`, answer parsed and validated by every variant), ` +
      `fake server answers at once. Sequential: ${options.sequentialCalls} calls per repeat and variant; throughput: ${options.concurrentCalls} calls at ${options.concurrency} concurrent; ` +
      `${options.repeats} repeats; each repeat's sequential calls run in ${options.rounds} rounds that visit every variant in rotating order, each variant in its own process. Instrumented variants share one setup: the SDK's TracerProvider (\`@opentelemetry/sdk-trace\` 3, AsyncLocalStorage context manager) + ` +
      "BatchSpanProcessor into a counting no-op exporter, and a MeterProvider; (d) adds a second BatchSpanProcessor with the `LedgerSpanExporter` (a temp folder). Content capture off except (c) default. " +
      "`added p50` and the `(paired)` ratios are paired: the difference (ratio) to (a) within each repeat, then the median over repeats, so load that moves between repeats cancels out. " +
      "CPU is the client process's user + system time (all threads) per call, span export and deferred metrics included: sequential, and at 32 concurrent (the throughput blocks).",
    "",
    markdownTable(
      [
        "variant",
        "p50 ms",
        "added p50 ms (paired)",
        "p99 ms",
        "CPU µs/call",
        "CPU vs (a)",
        "CPU µs/call @32",
        "CPU @32 vs (a) (paired)",
        "calls/s @32",
        "vs (a) (paired)",
        "spans/call",
        "ledger lines/call",
        "failures",
      ],
      rows,
    ),
  ]
    .filter((line) => line !== undefined)
    .join("\n");
}

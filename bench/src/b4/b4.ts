import { fileURLToPath } from "node:url";
import { BenchChild } from "../lib/ipc.js";
import { type MachineInfo, machineLine } from "../lib/machine.js";
import { fixed, markdownTable } from "../lib/markdown.js";
import { writeResult } from "../lib/results.js";
import { quantile, ratio } from "../lib/stats.js";

type Mode = "up" | "down";
interface Chunk {
  calls: number;
  failures: number;
  elapsedMs: number;
  p50Ms: number;
  p99Ms: number;
  heapAfterGcMb: number;
  latencies: number[];
}
interface Finish {
  url: string;
  baselineHeapMb: number;
  heapEndMb: number;
  heapGrowthMb: number;
  peakHeapMbSampled: number;
  spansEnded: number;
  spansExported: number;
  spansFailedExport: number;
  spansDropped: number;
  diagErrors: number;
}

/**
 * B4: the same routed calls with the collector up and down, each in its own `--expose-gc`
 * process, run in alternating chunks (interleaved) against one fake server.
 */
export async function runB4(
  server: BenchChild,
  baseURL: string,
  machine: MachineInfo,
  options: { quick: boolean },
): Promise<void> {
  const { tracesUrl } = await server.request<{ tracesUrl: string }>("startReceiver", {});
  const totalCalls = options.quick ? 10_000 : 50_000;
  const chunks = 10;
  const concurrency = 8;
  const script = fileURLToPath(new URL("./worker.js", import.meta.url));
  const modes: Mode[] = ["up", "down"];
  const children = new Map<Mode, BenchChild>();
  const results = new Map<
    Mode,
    {
      chunks: Omit<Chunk, "latencies">[];
      latencies: number[];
      finish?: Finish;
      warm?: { url: string; baselineHeapMb: number };
    }
  >();
  try {
    for (const mode of modes) {
      const child = await BenchChild.start(script, [mode, baseURL, tracesUrl], `b4:${mode}`, ["--expose-gc"]);
      children.set(mode, child);
      const warm = await child.request<{ url: string; baselineHeapMb: number }>("warmUp", { calls: 1000 });
      results.set(mode, { chunks: [], latencies: [], warm });
      console.log(
        `  b4 collector ${mode}: exporting to ${warm.url}, heap after warm-up ${fixed(warm.baselineHeapMb, 1)} MB`,
      );
    }
    for (let index = 0; index < chunks; index += 1) {
      for (const mode of index % 2 === 0 ? modes : [...modes].reverse()) {
        const { latencies, ...chunk } = await children
          .get(mode)!
          .request<Chunk>("chunk", { calls: totalCalls / chunks, concurrency });
        const entry = results.get(mode)!;
        entry.chunks.push(chunk);
        entry.latencies.push(...latencies);
        console.log(
          `  b4 chunk ${index + 1}/${chunks} collector ${mode.padEnd(4)} p50 ${fixed(chunk.p50Ms, 3)} ms  p99 ${fixed(chunk.p99Ms, 3)} ms  heap ${fixed(chunk.heapAfterGcMb, 1)} MB  ` +
            `${fixed((chunk.calls / chunk.elapsedMs) * 1000, 0)} calls/s`,
        );
      }
    }
    for (const mode of modes) {
      // Let the last batch's export finish or fail before counting.
      await new Promise((resolve) => setTimeout(resolve, 6_000));
      results.get(mode)!.finish = await children.get(mode)!.request<Finish>("finish", {});
    }
  } finally {
    await Promise.all([...children.values()].map((child) => child.stop()));
  }
  const received = await server.request<{ spansReceived: number }>("receiverStats", {});
  const summary = modes.map((mode) => {
    const entry = results.get(mode)!;
    return {
      mode,
      calls: entry.latencies.length,
      failures: entry.chunks.reduce((sum, chunk) => sum + chunk.failures, 0),
      p50Ms: quantile(entry.latencies, 0.5),
      p99Ms: quantile(entry.latencies, 0.99),
      chunkP99Ms: entry.chunks.map((chunk) => chunk.p99Ms),
      heapAfterGcMb: entry.chunks.map((chunk) => chunk.heapAfterGcMb),
      peakGrowthMb: Math.max(...entry.chunks.map((chunk) => chunk.heapAfterGcMb)) - entry.finish!.baselineHeapMb,
      ...entry.finish!,
    };
  });
  const up = summary.find((entry) => entry.mode === "up")!;
  const markdown = [
    "### B4 — collector outage",
    "",
    `${machineLine(machine)}. ${totalCalls} routed calls per setup (router + adapter + otel middleware; BatchSpanProcessor defaults: queue 2048, batch 512, 5 s) ` +
      `at ${concurrency} concurrent, in ${chunks} alternating chunks, each setup in its own \`--expose-gc\` process. Exporter: \`@opentelemetry/exporter-trace-otlp-http\` 0.301 ` +
      "to the testkit OtlpReceiver (up) or to a closed loopback port (down). Heap: `heapUsed` after two forced GCs, after each chunk (max growth over warm-up) and at the end, 6 s after the last call. " +
      "Dropped spans: the processor's `Dropped N spans` diag warnings plus its not-yet-logged `_droppedSpansCount`. Targets (down): heap growth < 64 MB, p99 ≤ 1.1× up.",
    "",
    markdownTable(
      [
        "collector",
        "calls",
        "p50 ms",
        "p99 ms",
        "p99 vs up",
        "heap after warm-up MB",
        "max growth during run MB",
        "growth at end MB",
        "spans ended",
        "exported",
        "failed export",
        "dropped (queue full)",
        "failures",
      ],
      summary.map((entry) => [
        entry.mode,
        String(entry.calls),
        fixed(entry.p50Ms, 3),
        fixed(entry.p99Ms, 3),
        `${fixed(ratio(entry.p99Ms, up.p99Ms), 2)}×`,
        fixed(entry.baselineHeapMb, 1),
        fixed(entry.peakGrowthMb, 1),
        fixed(entry.heapGrowthMb, 1),
        String(entry.spansEnded),
        String(entry.spansExported),
        String(entry.spansFailedExport),
        String(entry.spansDropped),
        String(entry.failures),
      ]),
    ),
    "",
    `Receiver counted ${received.spansReceived} spans (collector up).`,
  ].join("\n");
  console.log(`\n${markdown}\n`);
  writeResult("b4", { machine, totalCalls, chunks, concurrency, setups: summary }, markdown);
}

import { createRouter, defineTable } from "@modelpolicy/core";
import { openAIAdapter } from "@modelpolicy/openai";
import OpenAI from "openai";
import { extractionMessages, extractionSchema } from "../lib/fixtures.js";
import type { BenchChild } from "../lib/ipc.js";
import { type MachineInfo, machineLine } from "../lib/machine.js";
import { fixed, markdownTable, triple } from "../lib/markdown.js";
import { writeResult } from "../lib/results.js";
import { interleavedOrder, quantile, ratio, type Spread, spread } from "../lib/stats.js";

const FAST_MODEL = "bench-fast-model";
const SLOW_MODEL = "bench-slow-model";
const FAST_DELAY_MS = 20;
const SLOW_DELAY_MS = 2_000;
const TIER_CONCURRENCY = 4;
const SLOW_CALLERS = 2 * TIER_CONCURRENCY;

type Setup = "unloaded" | "tiers" | "shared";
const SETUPS: readonly Setup[] = ["unloaded", "tiers", "shared"];
const LABELS: Record<Setup, string> = {
  unloaded: "fast tier alone (no slow load)",
  tiers: `modelpolicy latency tiers (fast ${TIER_CONCURRENCY} + slow ${TIER_CONCURRENCY})`,
  shared: `one shared queue (max_concurrent ${2 * TIER_CONCURRENCY})`,
};

function tableFor(setup: Setup) {
  const policy = (task: string, tier: string, latencyTier: string) => ({
    id: `bench.${task}`,
    version: "1",
    task,
    model_tier: tier,
    max_input_tokens: 16_000,
    max_output_tokens: 400,
    evidence_required: false,
    review_required: false,
    fallback_policy: "stop" as const,
    latency_tier: latencyTier,
  });
  const shared = setup === "shared";
  return defineTable({
    version: `bench-b3-${setup}`,
    tiers: { fast: { provider: "openai", model: FAST_MODEL }, slow: { provider: "openai", model: SLOW_MODEL } },
    prices: {
      [FAST_MODEL]: { input_per_million: 0.1, output_per_million: 0.4 },
      [SLOW_MODEL]: { input_per_million: 2, output_per_million: 8 },
    },
    latency_tiers: shared
      ? { shared: { max_concurrent: 2 * TIER_CONCURRENCY, max_queue: 4096, timeout_ms: 60_000 } }
      : {
          fast: { max_concurrent: TIER_CONCURRENCY, max_queue: 4096, timeout_ms: 60_000 },
          slow: { max_concurrent: TIER_CONCURRENCY, max_queue: 4096, timeout_ms: 60_000 },
        },
    policies: [
      policy("fast_lookup", "fast", shared ? "shared" : "fast"),
      policy("slow_report", "slow", shared ? "shared" : "slow"),
    ],
  });
}

interface B3Run {
  setup: Setup;
  fastCalls: number;
  failures: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  slowCallsCompleted: number;
  elapsedMs: number;
}

/**
 * One pass: `SLOW_CALLERS` closed-loop callers keep the slow tier's slots full (and its queue
 * non-empty) while fast-tier calls are issued open-loop every `intervalMs`; each fast call is
 * timed from issue to answer, queueing included.
 */
async function runOnce(setup: Setup, baseURL: string, fastCalls: number, intervalMs: number): Promise<B3Run> {
  const client = new OpenAI({ apiKey: "sk-bench", baseURL, maxRetries: 0 });
  const router = createRouter(tableFor(setup), { adapters: [openAIAdapter(client)] });
  const messages = extractionMessages(1024);
  const started = performance.now();
  let stopSlow = false;
  let slowCompleted = 0;
  const slowCaller = async () => {
    while (!stopSlow) {
      try {
        await router.run("slow_report", { messages, schema: extractionSchema });
        slowCompleted += 1;
      } catch {
        // counted as not completed
      }
    }
  };
  const slowLoad = setup === "unloaded" ? [] : Array.from({ length: SLOW_CALLERS }, slowCaller);
  if (slowLoad.length > 0) await new Promise((resolve) => setTimeout(resolve, 200));
  const latencies: number[] = [];
  let failures = 0;
  const fast: Promise<void>[] = [];
  for (let index = 0; index < fastCalls; index += 1) {
    const issued = performance.now();
    fast.push(
      router.run("fast_lookup", { messages, schema: extractionSchema }).then(
        () => void latencies.push(performance.now() - issued),
        () => {
          failures += 1;
        },
      ),
    );
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  await Promise.all(fast);
  stopSlow = true;
  await Promise.all(slowLoad);
  return {
    setup,
    fastCalls,
    failures,
    p50Ms: quantile(latencies, 0.5),
    p99Ms: quantile(latencies, 0.99),
    maxMs: quantile(latencies, 1),
    slowCallsCompleted: slowCompleted,
    elapsedMs: performance.now() - started,
  };
}

/** B3: fast-tier p99 under a saturated slow tier, modelpolicy tiers vs one shared queue. */
export async function runB3(
  server: BenchChild,
  machine: MachineInfo,
  options: { quick: boolean; repeats?: number },
): Promise<void> {
  const { baseURL } = await server.request<{ baseURL: string }>("startOpenAI", {});
  await server.request("setDelays", { delays: { [FAST_MODEL]: FAST_DELAY_MS, [SLOW_MODEL]: SLOW_DELAY_MS } });
  const repeats = options.repeats ?? (options.quick ? 1 : 2);
  const fastCalls = options.quick ? 100 : 200;
  const intervalMs = 25;
  const runs: B3Run[] = [];
  try {
    // Warm-up: JIT, the first sockets, the server's first replies.
    await runOnce("unloaded", baseURL, 40, 10);
    for (let repeat = 0; repeat < repeats; repeat += 1) {
      for (const setup of interleavedOrder(SETUPS, repeat)) {
        const run = await runOnce(setup, baseURL, fastCalls, intervalMs);
        runs.push(run);
        console.log(
          `  b3 repeat ${repeat + 1}/${repeats} ${setup.padEnd(8)} fast p50 ${fixed(run.p50Ms, 1)} ms  p99 ${fixed(run.p99Ms, 1)} ms  max ${fixed(run.maxMs, 1)} ms  ` +
            `(${run.slowCallsCompleted} slow calls done, ${fixed(run.elapsedMs / 1000, 1)} s)`,
        );
      }
    }
  } finally {
    await server.request("setDelays", { delays: {} });
  }
  const bySetup = new Map<Setup, { p50: Spread; p99: Spread; failures: number }>(
    SETUPS.map((setup) => {
      const mine = runs.filter((run) => run.setup === setup);
      return [
        setup,
        {
          p50: spread(mine.map((run) => run.p50Ms)),
          p99: spread(mine.map((run) => run.p99Ms)),
          failures: mine.reduce((sum, run) => sum + run.failures, 0),
        },
      ];
    }),
  );
  const unloaded = bySetup.get("unloaded")!.p99.median;
  const markdown = [
    "### B3 — latency-tier isolation",
    "",
    `${machineLine(machine)}. Fast-tier calls answer after ${FAST_DELAY_MS} ms, slow-tier calls after ${SLOW_DELAY_MS} ms (fake server delays). ` +
      `${SLOW_CALLERS} closed-loop slow callers keep the slow tier full; ${fastCalls} fast calls are issued every ${intervalMs} ms and timed from issue to answer ` +
      `(queueing included). ${repeats} interleaved repeat(s). Router + OpenAI adapter, no telemetry. Target: fast p99 ≤ 1.25× unloaded.`,
    "",
    markdownTable(
      ["setup", "fast p50 ms", "fast p99 ms", "p99 vs unloaded", "failures"],
      SETUPS.map((setup) => {
        const entry = bySetup.get(setup)!;
        return [
          LABELS[setup],
          triple(entry.p50, 1),
          triple(entry.p99, 1),
          `${fixed(ratio(entry.p99.median, unloaded), 2)}×`,
          String(entry.failures),
        ];
      }),
    ),
  ].join("\n");
  console.log(`\n${markdown}\n`);
  writeResult(
    "b3",
    {
      machine,
      fastDelayMs: FAST_DELAY_MS,
      slowDelayMs: SLOW_DELAY_MS,
      slowCallers: SLOW_CALLERS,
      tierConcurrency: TIER_CONCURRENCY,
      runs,
    },
    markdown,
  );
}

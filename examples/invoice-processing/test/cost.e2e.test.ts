import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  findTraces,
  pollUntil,
  queryPrometheus,
  type RunningStack,
  startStack,
  tagValue,
} from "@modelpolicy/testkit/stack";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assertBuilt, type BuiltDemoRun, type DemoService, runBuiltDemo } from "./built-demos.js";
import { modelpolicy } from "./cli-bin.js";

// The real pipeline for both example workflows at once: the built demos (child processes) →
// the bundled collector (its `prometheus` exporter, and traces to Jaeger) → Debian's Prometheus
// → `modelpolicy cost --prometheus`, held against `modelpolicy cost --ledger` over the ledger
// the same runs wrote, and the ledger's totals against the routed spans Jaeger holds. The CLI
// is the built bin in a child process, as users run it.
const SERVICES: readonly DemoService[] = ["invoice-processing", "contract-analysis"];

/** One row of `modelpolicy cost --by task --format json` (rows are flat: group key, then figures). */
interface CostJsonRow {
  task?: string | null;
  calls: number;
  input_tokens: number;
  output_tokens: number;
  cost_usd: number | null;
  cost_known: boolean;
  fallback_rate: number | null;
  review_rate: number | null;
  p50_ms: number | null;
  p95_ms: number | null;
}

/** The JSON report: `{source, by, approximate_quantiles, rows, total}`. */
interface CostReport {
  source: string;
  approximate_quantiles: boolean;
  rows: CostJsonRow[];
  total: CostJsonRow;
}

interface ServiceRun {
  run: BuiltDemoRun;
  ledgerDir: string;
  ledger: CostReport;
  prometheus: CostReport;
}

let stack: RunningStack | undefined;
const runs = new Map<DemoService, ServiceRun>();
const folders: string[] = [];

/** `modelpolicy cost --by task --format json …args` from the built bin, parsed. */
async function cost(args: string[]): Promise<CostReport> {
  return JSON.parse(await modelpolicy(["cost", "--by", "task", "--format", "json", ...args])) as CostReport;
}

beforeAll(async () => {
  for (const service of SERVICES) assertBuilt(service);
  stack = await startStack({ withPrometheus: true });
  const prometheusUrl = stack.prometheusUrl!;
  const started = await Promise.all(
    SERVICES.map(async (service) => {
      const ledgerDir = await mkdtemp(join(tmpdir(), `${service}-ledger-`));
      folders.push(ledgerDir);
      const run = await runBuiltDemo(service, {
        OTEL_EXPORTER_OTLP_ENDPOINT: stack!.otlpHttpEndpoint,
        OTEL_METRIC_EXPORT_INTERVAL: "1000",
        MODELPOLICY_LEDGER_DIR: ledgerDir,
      });
      return { service, run, ledgerDir };
    }),
  );
  for (const { service, run, ledgerDir } of started) {
    // The demo flushed its last metrics on shutdown; wait until Prometheus has scraped the final
    // counter, i.e. every routed call the demo reported.
    await pollUntil(
      async () => {
        const [sample] = await queryPrometheus(prometheusUrl, `sum(model_policy_calls_total{job="${service}"})`);
        return sample && Number(sample.value[1]) === run.summary.routedCalls ? true : undefined;
      },
      {
        timeoutMs: 30_000,
        intervalMs: 250,
        describe: () => `${run.summary.routedCalls} calls of ${service} in Prometheus`,
      },
    );
    const ledger = await cost(["--ledger", ledgerDir, "--service", service]);
    const prometheus = await cost(["--prometheus", prometheusUrl, "--service", service]);
    runs.set(service, { run, ledgerDir, ledger, prometheus });
  }
}, 180_000);

afterAll(async () => {
  await stack?.stop();
  await Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true })));
});

function rowsByTask(report: CostReport): Map<string, CostJsonRow> {
  return new Map(report.rows.map((row) => [String(row.task), row]));
}

describe.each(SERVICES)("modelpolicy cost for %s: ledger, Prometheus and Jaeger agree", (service) => {
  it("ledger and the demo's own summary count the same calls, tokens and cost", () => {
    const { run, ledger } = runs.get(service)!;
    const calls = run.summary.calls;
    expect(ledger.total.calls).toBe(run.summary.routedCalls);
    expect(ledger.total.input_tokens).toBe(calls.reduce((sum, call) => sum + call.inputTokens, 0));
    expect(ledger.total.output_tokens).toBe(calls.reduce((sum, call) => sum + call.outputTokens, 0));
    expect(ledger.total.cost_usd).toBeCloseTo(
      calls.reduce((sum, call) => sum + (call.costUsd ?? 0), 0),
      9,
    );
    expect(ledger.total.cost_known).toBe(true);
  });

  it("--prometheus answers what --ledger answers, per task", () => {
    const { ledger, prometheus } = runs.get(service)!;
    const fromLedger = rowsByTask(ledger);
    const fromPrometheus = rowsByTask(prometheus);
    expect([...fromPrometheus.keys()].sort()).toEqual([...fromLedger.keys()].sort());
    for (const [task, row] of fromLedger) {
      const other = fromPrometheus.get(task)!;
      expect(other.calls, task).toBe(row.calls);
      expect(other.input_tokens, task).toBe(row.input_tokens);
      expect(other.output_tokens, task).toBe(row.output_tokens);
      expect(other.cost_known, task).toBe(row.cost_known);
      expect(Math.abs((other.cost_usd ?? Number.NaN) - (row.cost_usd ?? Number.NaN)), task).toBeLessThan(1e-9);
      expect(other.fallback_rate, task).toBe(row.fallback_rate);
      expect(other.review_rate, task).toBe(row.review_rate);
      expect(other.p50_ms, task).not.toBeNull();
      expect(other.p95_ms, task).not.toBeNull();
    }
    expect(prometheus.total.calls).toBe(ledger.total.calls);
    expect(Math.abs((prometheus.total.cost_usd ?? Number.NaN) - (ledger.total.cost_usd ?? Number.NaN))).toBeLessThan(
      1e-9,
    );
  });

  it("the ledger's totals equal the sums over the routed spans Jaeger holds for the run", async () => {
    const { run, ledger } = runs.get(service)!;
    const spans = await pollUntil(
      async () => {
        const traces = await findTraces(stack!.jaegerQueryUrl, { service, limit: 1000, lookbackMs: 30 * 60_000 });
        const routed = traces.flatMap((trace) => trace.spans.filter((span) => span.operationName.startsWith("route ")));
        return routed.length >= run.summary.routedCalls ? routed : undefined;
      },
      {
        timeoutMs: 30_000,
        intervalMs: 250,
        describe: () => `${run.summary.routedCalls} routed spans of ${service} in Jaeger`,
      },
    );
    const sum = (key: string) => spans.reduce((total, span) => total + Number(tagValue(span, key) ?? 0), 0);
    expect(spans).toHaveLength(ledger.total.calls);
    expect(sum("model_policy.usage.input_tokens")).toBe(ledger.total.input_tokens);
    expect(sum("model_policy.usage.output_tokens")).toBe(ledger.total.output_tokens);
    expect(Math.abs(sum("model_policy.cost.usd") - (ledger.total.cost_usd ?? Number.NaN))).toBeLessThan(1e-9);
    const reasons = spans.filter((span) => tagValue(span, "model_policy.review.triggered") === true);
    expect(reasons.length).toBe(run.summary.calls.filter((call) => call.reviewTriggered).length);
    // Arrays come back from Jaeger as JSON text.
    for (const span of reasons)
      expect(JSON.parse(String(tagValue(span, "model_policy.review.reasons"))).length).toBeGreaterThan(0);
  });
});

describe("duration quantiles from Prometheus", () => {
  // Prometheus estimates p50/p95 by interpolating inside the histogram bucket where the quantile's
  // rank falls, so it cannot equal the ledger's exact quantile. What must hold: the estimate lies
  // in the bucket of the sample at that rank. The invoice demo's summary has every call's
  // duration exactly as the histogram recorded it (the router's), which identifies that sample.
  it("puts each task's p50 and p95 estimate into the bucket holding the sample at that rank", async () => {
    const { run, prometheus } = runs.get("invoice-processing")!;
    const bounds = (
      await queryPrometheus(
        stack!.prometheusUrl!,
        'count by (le) (model_policy_duration_seconds_bucket{job="invoice-processing"})',
      )
    )
      .map((sample) => Number(sample.metric.le))
      .sort((a, b) => a - b);
    expect(bounds.length).toBeGreaterThan(3);
    for (const row of prometheus.rows) {
      const durations = run.summary.calls
        .filter((call) => call.task === row.task)
        .map((call) => (call.durationMs ?? Number.NaN) / 1000)
        .sort((a, b) => a - b);
      for (const [q, estimateMs] of [
        [0.5, row.p50_ms],
        [0.95, row.p95_ms],
      ] as const) {
        const sample = durations[Math.max(0, Math.ceil(q * durations.length) - 1)]!;
        const upper = bounds.find((bound) => sample <= bound)!;
        const lower = [...bounds].reverse().find((bound) => bound < upper) ?? 0;
        const estimate = estimateMs! / 1000;
        expect(estimate, `${row.task} p${q * 100}`).toBeGreaterThanOrEqual(lower);
        expect(estimate, `${row.task} p${q * 100}`).toBeLessThanOrEqual(upper);
      }
    }
  });
});

import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRouter, parsePolicyTable, RoutingFailedError } from "@modelpolicy/core";
import { ScriptedAdapter } from "@modelpolicy/core/testing";
import type { TracerProvider as ApiTracerProvider } from "@opentelemetry/api";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { BatchSpanProcessor, type SpanExporter, TracerProvider } from "@opentelemetry/sdk-trace";
import {
  BasicTracerProvider as BasicTracerProviderV2,
  BatchSpanProcessor as BatchSpanProcessorV2,
  type SpanExporter as SpanExporterV2,
} from "sdk-trace-base-v2";
import { afterEach, beforeEach, expect, it } from "vitest";
import { z } from "zod";
import { testTable } from "../__fixtures__/tables.js";
import { createTelemetryMiddleware } from "../create-telemetry-middleware.js";
import { LedgerSpanExporter } from "./ledger-span-exporter.js";
import { readLedger } from "./read-ledger.js";

// The exporter is structural; this checks it against the real SDK of both supported lines (3 as
// `@opentelemetry/sdk-trace`, 2 as the `sdk-trace-base-v2` alias) and the real middleware, so the
// ledger keys stay in step with the attributes the spans actually carry.

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "ledger-sdk-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

// Compile-time half: the exporter must be assignable to either line's `SpanExporter` (the
// workflow-kit demo stopped compiling on SDK 3 when it was not). `tsc -p tsconfig.tests.json` checks it.
const _fitsSdk3: SpanExporter = new LedgerSpanExporter();
const _fitsSdk2: SpanExporterV2 = new LedgerSpanExporter();
void [_fitsSdk3, _fitsSdk2];

const resource = resourceFromAttributes({ "service.name": "contract-service" });

it("writes one complete line per routed call from SDK 3's batch processor", async () => {
  const exporter = new LedgerSpanExporter({ dir });
  const provider = new TracerProvider({ resource, spanProcessors: [new BatchSpanProcessor({ exporter })] });
  await routeOkAndFailed(provider);
  await provider.shutdown();
  await expectTwoRecords();
});

it("writes one complete line per routed call from SDK 2's batch processor", async () => {
  const exporter = new LedgerSpanExporter({ dir });
  const provider = new BasicTracerProviderV2({ resource, spanProcessors: [new BatchSpanProcessorV2(exporter)] });
  await routeOkAndFailed(provider);
  await provider.shutdown();
  await expectTwoRecords();
});

/** One successful and one failed routed call through the real middleware. */
async function routeOkAndFailed(tracerProvider: ApiTracerProvider): Promise<void> {
  const adapter = new ScriptedAdapter();
  const router = createRouter(parsePolicyTable(testTable()), {
    adapters: [adapter],
    middleware: [createTelemetryMiddleware({ tracerProvider })],
    onDiagnostic: () => undefined,
  });
  const schema = z.object({ label: z.enum(["msa", "nda", "unknown"]) });
  const messages = [{ role: "user" as const, content: "classify this" }];
  adapter.script("fast-model", { reply: { label: "nda" }, usage: { inputTokens: 1000, outputTokens: 10 } });
  await router.run("classification", { messages, schema });
  adapter.script("fast-model", { error: { errorClass: "auth", message: "invalid key" } });
  await expect(router.run("classification", { messages, schema })).rejects.toBeInstanceOf(RoutingFailedError);
}

async function expectTwoRecords(): Promise<void> {
  const { records, tornLines } = await readLedger(dir);
  expect(tornLines).toBe(0);
  expect(records).toHaveLength(2);
  expect(records[0]).toMatchObject({
    schema: 1,
    service: "contract-service",
    task: "classification",
    policy_id: "classify",
    policy_version: "1",
    table_version: "2026-11-01",
    model_tier: "fast",
    budget_input_tokens: 2000,
    outcome: "ok",
    fallback_used: false,
    review_triggered: false,
    attempts: 1,
    model_served: "fast-model",
    input_tokens: 1000,
    output_tokens: 10,
    cost_usd: expect.closeTo(0.00102, 8),
  });
  expect(records[0]?.trace_id).toMatch(/^[0-9a-f]{32}$/);
  expect(records[0]?.duration_ms).toBeGreaterThanOrEqual(0);
  expect(records[1]).toMatchObject({ task: "classification", outcome: "failed", error_type: expect.any(String) });
}

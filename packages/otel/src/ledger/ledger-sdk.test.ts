import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRouter, parsePolicyTable, RoutingFailedError } from "@modelpolicy/core";
import { ScriptedAdapter } from "@modelpolicy/core/testing";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { BasicTracerProvider, BatchSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { afterEach, beforeEach, expect, it } from "vitest";
import { z } from "zod";
import { testTable } from "../__fixtures__/tables.js";
import { createTelemetryMiddleware } from "../create-telemetry-middleware.js";
import { LedgerSpanExporter } from "./ledger-span-exporter.js";
import { readLedger } from "./read-ledger.js";

// The exporter is structural; this checks it against the real SDK and the real middleware, so
// the ledger keys stay in step with the attributes the spans actually carry.

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "ledger-sdk-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

it("writes one complete line per routed call from the SDK's batch processor", async () => {
  const exporter = new LedgerSpanExporter({ dir });
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ "service.name": "contract-service" }),
    spanProcessors: [new BatchSpanProcessor(exporter)],
  });
  const adapter = new ScriptedAdapter();
  const router = createRouter(parsePolicyTable(testTable()), {
    adapters: [adapter],
    middleware: [createTelemetryMiddleware({ tracerProvider: provider })],
    onDiagnostic: () => undefined,
  });
  const schema = z.object({ label: z.enum(["msa", "nda", "unknown"]) });
  const messages = [{ role: "user" as const, content: "classify this" }];
  adapter.script("fast-model", { reply: { label: "nda" }, usage: { inputTokens: 1000, outputTokens: 10 } });
  await router.run("classification", { messages, schema });
  adapter.script("fast-model", { error: { errorClass: "auth", message: "invalid key" } });
  await expect(router.run("classification", { messages, schema })).rejects.toBeInstanceOf(RoutingFailedError);
  await provider.shutdown();

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
});

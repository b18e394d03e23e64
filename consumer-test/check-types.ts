// Compiled (noEmit) with the scratch app's own `typescript` against the installed .d.ts files,
// so a type error a user would see (an openai 4 client the adapter does not accept, a missing
// declaration file, an option type from the wrong OTel line) fails the lane. Never run.
import { createRouter, defineTable, type RouteResult } from "@modelpolicy/core";
import { openAIAdapter } from "@modelpolicy/openai";
import { createTelemetryMiddleware, type LedgerRecord, LedgerSpanExporter, readLedger } from "@modelpolicy/otel";
import { type StartTelemetryOptions, startTelemetry } from "@modelpolicy/otel/start";
import OpenAI from "openai";

const client = new OpenAI({ apiKey: "sk-consumer-test", baseURL: "http://127.0.0.1:9/v1" });
const table = defineTable({
  version: "consumer-test-1",
  tiers: { fast: { provider: "openai", model: "fast-model" }, strong: { provider: "openai", model: "strong-model" } },
  policies: [
    {
      id: "summarise",
      version: "1",
      task: "contract_summary",
      model_tier: "fast",
      max_input_tokens: 2000,
      max_output_tokens: 200,
      evidence_required: false,
      review_required: false,
      fallback_policy: "next_tier",
      latency_tier: "fast",
    },
  ],
});
const router = createRouter(table, {
  adapters: [openAIAdapter(client), openAIAdapter(client, { provider: "azure" })],
  middleware: [createTelemetryMiddleware({ captureMessageContent: false })],
});

export async function summarise(): Promise<string> {
  const result: RouteResult<string> = await router.run("contract_summary", {
    messages: [{ role: "user", content: "When does the contract renew?" }],
  });
  const served: string | undefined = result.modelServed;
  return `${result.outcome} ${served} ${result.output}`;
}

export function undeclaredTask() {
  // @ts-expect-error tasks are typed: only declared ones route.
  return router.run("no_such_task", { messages: [] });
}

export async function ledgerTasks(dir: string): Promise<string[]> {
  const { records } = await readLedger(dir);
  return records.map((record: LedgerRecord) => String(record.task));
}

export const startOptions: StartTelemetryOptions = {
  serviceName: "consumer-test",
  extraSpanExporters: [new LedgerSpanExporter({ dir: ".modelpolicy/ledger" })],
};
export const start = () => startTelemetry(startOptions);

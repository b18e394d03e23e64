import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRouter, type RouterMiddleware } from "@modelpolicy/core";
import { openAIAdapter } from "@modelpolicy/openai";
import { createTelemetryMiddleware, LedgerSpanExporter } from "@modelpolicy/otel";
import { BatchSpanProcessor } from "@opentelemetry/sdk-trace";
import OpenAI, * as openAIModule from "openai";
import { z } from "zod";
import { benchTable, extractionMessages, extractionSchema, MODEL, TASK } from "../lib/fixtures.js";
import { memoryFetch } from "../lib/memory-fetch.js";
import { type BenchTelemetry, setUpTelemetry } from "../lib/telemetry.js";

/** The B1 variants, in table order; the first is the baseline. */
export const B1_VARIANTS = ["a", "b", "c", "c-hidden", "d0", "d-otel", "d", "span"] as const;
export type B1Variant = (typeof B1_VARIANTS)[number];

/** What each variant is, as the tables say it. */
export const B1_LABELS: Record<B1Variant, string> = {
  a: "(a) bare openai SDK",
  b: "(b) SDK + @opentelemetry/instrumentation-openai 0.22",
  c: "(c) SDK + OpenInference openai (default: records input)",
  "c-hidden": "(c) SDK + OpenInference openai (inputs/outputs hidden)",
  d0: "(d0) modelpolicy router + adapter, no telemetry",
  "d-otel": "(d1) router + adapter + otel middleware",
  d: "(d) router + adapter + otel middleware + ledger",
  span: "(ref) SDK inside one hand-made active span",
};

/** One ready variant: `call` makes one complete structured-output call. */
export interface PreparedVariant {
  call(): Promise<unknown>;
  telemetry: BenchTelemetry | undefined;
  ledger: LedgerSpanExporter | undefined;
  /** Span count per call the variant should export (sanity check that it is instrumented). */
  expectedSpansPerCall: number;
}

/**
 * Builds a variant against `baseURL`. The SDK variants do what a user of the bare SDK does to get
 * the same typed result the router returns: send the JSON schema (converted once), then parse and
 * validate the answer with the same zod schema. Instrumentations are applied to the `openai`
 * module instance this file imported (`patch` of the module definition / `manuallyInstrument`),
 * because an ESM import is not seen by require-in-the-middle hooks.
 */
export async function prepareVariant(variant: B1Variant, baseURL: string): Promise<PreparedVariant> {
  // "memory" answers in process (no socket): the CPU-only overhead table and the profiles use it.
  const client =
    baseURL === "memory"
      ? new OpenAI({ apiKey: "sk-bench", baseURL: "http://127.0.0.1:9/v1", maxRetries: 0, fetch: memoryFetch })
      : new OpenAI({ apiKey: "sk-bench", baseURL, maxRetries: 0 });
  const messages = extractionMessages();
  const jsonSchema = z.toJSONSchema(extractionSchema, { target: "draft-2020-12", unrepresentable: "any" }) as Record<
    string,
    unknown
  >;
  const sdkCall = async () => {
    const completion = await client.chat.completions.create({
      model: MODEL,
      messages: messages.map((message) => ({ role: message.role, content: message.content })),
      max_tokens: 400,
      response_format: {
        type: "json_schema",
        json_schema: { name: `${TASK}_output`, schema: jsonSchema, strict: false },
      },
    });
    return extractionSchema.parse(JSON.parse(completion.choices[0]?.message.content ?? ""));
  };

  switch (variant) {
    case "a":
      return { call: sdkCall, telemetry: undefined, ledger: undefined, expectedSpansPerCall: 0 };
    case "b": {
      const telemetry = setUpTelemetry();
      const { OpenAIInstrumentation } = await import("@opentelemetry/instrumentation-openai");
      const instrumentation = new OpenAIInstrumentation({ enabled: false });
      instrumentation.setTracerProvider(telemetry.tracerProvider);
      instrumentation.setMeterProvider(telemetry.meterProvider);
      instrumentation.enable();
      const [definition] = instrumentation.getModuleDefinitions();
      definition?.patch?.(openAIModule as never, "6");
      assertPatched("instrumentation-openai");
      return { call: sdkCall, telemetry, ledger: undefined, expectedSpansPerCall: 1 };
    }
    case "c":
    case "c-hidden": {
      const telemetry = setUpTelemetry();
      const { OpenAIInstrumentation } = await import("@arizeai/openinference-instrumentation-openai");
      const instrumentation = new OpenAIInstrumentation({
        tracerProvider: telemetry.tracerProvider,
        ...(variant === "c-hidden" ? { traceConfig: { hideInputs: true, hideOutputs: true } } : {}),
      });
      instrumentation.manuallyInstrument(openAIModule as never);
      assertPatched("openinference");
      return { call: sdkCall, telemetry, ledger: undefined, expectedSpansPerCall: 1 };
    }
    case "span": {
      const telemetry = setUpTelemetry();
      const tracer = telemetry.tracerProvider.getTracer("bench");
      const call = () =>
        tracer.startActiveSpan(`route ${TASK}`, { attributes: { "model_policy.task": TASK } }, async (span) => {
          try {
            return await sdkCall();
          } finally {
            span.end();
          }
        });
      return { call, telemetry, ledger: undefined, expectedSpansPerCall: 1 };
    }
    case "d0":
      return { call: routerCall(client, []), telemetry: undefined, ledger: undefined, expectedSpansPerCall: 0 };
    case "d-otel":
    case "d": {
      let ledger: LedgerSpanExporter | undefined;
      const extra = [];
      if (variant === "d") {
        ledger = new LedgerSpanExporter({ dir: mkdtempSync(join(tmpdir(), "modelpolicy-bench-ledger-")) });
        // The in-memory transport never lets the event loop reach its I/O phase within a block, so
        // the ledger's appends complete only at the block's flush; with the default queue (2 048)
        // a 5 000-call concurrent block dropped about 70 % of the routed spans, and (d) was timed
        // without most of its ledger work. A block's spans fit in this queue.
        extra.push(new BatchSpanProcessor({ exporter: ledger, maxQueueSize: 16_384 }));
      }
      const telemetry = setUpTelemetry(extra);
      const middleware = createTelemetryMiddleware({
        tracerProvider: telemetry.tracerProvider,
        meterProvider: telemetry.meterProvider,
        captureMessageContent: false,
      });
      return { call: routerCall(client, [middleware]), telemetry, ledger, expectedSpansPerCall: 2 };
    }
  }
}

function routerCall(client: OpenAI, middleware: RouterMiddleware[]): () => Promise<unknown> {
  const router = createRouter(benchTable, { adapters: [openAIAdapter(client)], middleware });
  const messages = extractionMessages();
  return async () => {
    const result = await router.run(TASK, { messages, schema: extractionSchema });
    if (result.outcome !== "ok") throw new Error(`routed call ended ${result.outcome}`);
    return result.output;
  };
}

function assertPatched(which: string): void {
  const create = OpenAI.Chat.Completions.prototype.create as { __wrapped?: boolean };
  if (!create.__wrapped) throw new Error(`${which} did not patch OpenAI.Chat.Completions.prototype.create`);
}

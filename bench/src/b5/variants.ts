import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRouter } from "@modelpolicy/core";
import { openAIAdapter } from "@modelpolicy/openai";
import { createTelemetryMiddleware, LedgerSpanExporter } from "@modelpolicy/otel";
import { BatchSpanProcessor } from "@opentelemetry/sdk-trace";
import OpenAI from "openai";
import { benchTable, extractionMessages, MODEL, TASK } from "../lib/fixtures.js";
import { type BenchTelemetry, setUpTelemetry } from "../lib/telemetry.js";

/** The B5 variants; the first is the baseline. */
export const B5_VARIANTS = ["a", "d"] as const;
export type B5Variant = (typeof B5_VARIANTS)[number];

/** What each variant is, as the tables say it. */
export const B5_LABELS: Record<B5Variant, string> = {
  a: "(a) bare openai SDK stream",
  d: "(d) router.stream + otel middleware + ledger",
};

/** One streamed call as a variant saw it: when its first text arrived and how many pieces came. */
export interface StreamedCall {
  readonly firstChunkMs: number;
  readonly chunks: number;
  readonly text: number;
}

/** One ready variant: `call` streams one answer to its end. */
export interface PreparedB5Variant {
  call(): Promise<StreamedCall>;
  telemetry: BenchTelemetry | undefined;
  expectedSpansPerCall: number;
}

/**
 * Builds a variant. Both read the stream the way an app that forwards text does: take each text
 * delta as it comes, note when the first one arrived, and finish the stream; (a) asks for usage
 * (`stream_options.include_usage`) as the adapter does, so both get the same bytes.
 */
export function prepareB5Variant(variant: B5Variant, baseURL: string): PreparedB5Variant {
  const client = new OpenAI({ apiKey: "sk-bench", baseURL, maxRetries: 0 });
  const messages = extractionMessages();
  if (variant === "a") {
    const call = async (): Promise<StreamedCall> => {
      const started = performance.now();
      let firstChunkMs = Number.NaN;
      let chunks = 0;
      let text = 0;
      const stream = await client.chat.completions.create({
        model: MODEL,
        messages: messages.map((message) => ({ role: message.role, content: message.content })),
        max_tokens: 400,
        stream: true,
        stream_options: { include_usage: true },
      });
      for await (const chunk of stream) {
        const delta = chunk.choices[0]?.delta.content;
        if (!delta) continue;
        if (chunks === 0) firstChunkMs = performance.now() - started;
        chunks += 1;
        text += delta.length;
      }
      return { firstChunkMs, chunks, text };
    };
    return { call, telemetry: undefined, expectedSpansPerCall: 0 };
  }
  const ledger = new LedgerSpanExporter({ dir: mkdtempSync(join(tmpdir(), "modelpolicy-bench-b5-ledger-")) });
  const telemetry = setUpTelemetry([new BatchSpanProcessor({ exporter: ledger })]);
  const middleware = createTelemetryMiddleware({
    tracerProvider: telemetry.tracerProvider,
    meterProvider: telemetry.meterProvider,
    captureMessageContent: false,
  });
  const router = createRouter(benchTable, { adapters: [openAIAdapter(client)], middleware: [middleware] });
  const call = async (): Promise<StreamedCall> => {
    const started = performance.now();
    let firstChunkMs = Number.NaN;
    let chunks = 0;
    let text = 0;
    const stream = router.stream(TASK, { messages });
    for await (const delta of stream) {
      if (chunks === 0) firstChunkMs = performance.now() - started;
      chunks += 1;
      text += delta.length;
    }
    const result = await stream.result;
    if (result.outcome !== "ok") throw new Error(`streamed call ended ${result.outcome}`);
    return { firstChunkMs, chunks, text };
  };
  return { call, telemetry, expectedSpansPerCall: 2 };
}

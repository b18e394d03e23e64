import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRouter, type RouterMiddleware } from "@modelpolicy/core";
import { openAIAdapter } from "@modelpolicy/openai";
import { createTelemetryMiddleware, LedgerSpanExporter } from "@modelpolicy/otel";
import { BatchSpanProcessor } from "@opentelemetry/sdk-trace";
import OpenAI from "openai";
import { benchTable, extractionMessages, MODEL, TASK } from "../lib/fixtures.js";
import { type BenchTelemetry, setUpTelemetry } from "../lib/telemetry.js";
import { type MemoryStreamFetch, memoryStreamFetch } from "./memory-stream-fetch.js";
import { B5_CONTENT_CHUNKS } from "./stream-answer.js";

/** The B5 variants, in table order; the first is the baseline. */
export const B5_VARIANTS = ["a", "d0", "d1", "d"] as const;
export type B5Variant = (typeof B5_VARIANTS)[number];

/** What each variant is, as the tables say it. */
export const B5_LABELS: Record<B5Variant, string> = {
  a: "(a) bare openai SDK stream",
  d0: "(d0) router.stream, no telemetry",
  d1: "(d1) router.stream + otel middleware",
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
 * Builds a variant against `baseURL`, or, for `"memory"`, against an in-memory `fetch` that
 * streams prebuilt events (B5m; its `answerChunks` sets the answer length). Every variant reads
 * the stream the way an app that forwards text does: take each text delta as it comes, note when
 * the first one arrived, and finish the stream; (a) asks for usage
 * (`stream_options.include_usage`) as the adapter does, so all get the same bytes. The routed
 * variants differ from each other only in their middleware, as B1's (d0), (d1) and (d) do.
 */
export function prepareB5Variant(
  variant: B5Variant,
  baseURL: string,
): PreparedB5Variant & { memory: MemoryStreamFetch | undefined } {
  const memory = baseURL === "memory" ? memoryStreamFetch(B5_CONTENT_CHUNKS) : undefined;
  const client = memory
    ? new OpenAI({ apiKey: "sk-bench", baseURL: "http://127.0.0.1:9/v1", maxRetries: 0, fetch: memory.fetch })
    : new OpenAI({ apiKey: "sk-bench", baseURL, maxRetries: 0 });
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
    return { call, telemetry: undefined, expectedSpansPerCall: 0, memory };
  }
  let telemetry: BenchTelemetry | undefined;
  const middleware: RouterMiddleware[] = [];
  if (variant !== "d0") {
    const extra = [];
    if (variant === "d") {
      const ledger = new LedgerSpanExporter({ dir: mkdtempSync(join(tmpdir(), "modelpolicy-bench-b5-ledger-")) });
      // In memory a block never reaches the event loop's I/O phase, so the ledger appends land at
      // the block's flush: its queue must hold a block's spans, or (d) would be timed without them.
      extra.push(new BatchSpanProcessor({ exporter: ledger, maxQueueSize: 16_384 }));
    }
    telemetry = setUpTelemetry(extra);
    middleware.push(
      createTelemetryMiddleware({
        tracerProvider: telemetry.tracerProvider,
        meterProvider: telemetry.meterProvider,
        captureMessageContent: false,
      }),
    );
  }
  // The adapter asks for usage on its own only from api.openai.com and Azure; asked here too, so
  // the routed variants read the same bytes as (a), usage chunk included, as against OpenAI.
  const router = createRouter(benchTable, { adapters: [openAIAdapter(client, { streamUsage: true })], middleware });
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
  return { call, telemetry, expectedSpansPerCall: variant === "d0" ? 0 : 2, memory };
}

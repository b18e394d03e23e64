import { type AdapterCall, type AdapterToolCall, ProviderError, type StreamPart } from "@modelpolicy/core";
import { type AiSdkToolCallShape, adapterToolCall } from "./adapter-tool-call.js";
import type { AiSdkFinishReason, AiSdkFlatUsage, AiSdkNestedUsage, AiSdkStreamPart } from "./ai-sdk-provider-like.js";
import { mapAiSdkError } from "./map-ai-sdk-error.js";
import { mapFinishReason, unifiedFinishReason } from "./map-finish-reason.js";
import { refusedFinish } from "./refused-finish.js";
import { resultUsage } from "./result-usage.js";

/** The members of a stream part the adapter reads, whichever spec version sent it (`tool-call`: see `adapterToolCall`). */
interface StreamPartShape extends AiSdkToolCallShape {
  type?: unknown;
  /** `text-delta` in spec v2, v3 and v4. */
  delta?: unknown;
  /** `text-delta` in spec v1 (AI SDK 4), read in case a provider still sends it. */
  textDelta?: unknown;
  id?: unknown;
  modelId?: unknown;
  finishReason?: AiSdkFinishReason | null;
  usage?: AiSdkNestedUsage | AiSdkFlatUsage | null;
  error?: unknown;
}

/**
 * Turns a `doStream` result's part stream into core's stream parts. A `response-metadata` part
 * (id, served model) is passed on; each `text-delta` becomes a text delta, whether its text is in
 * `delta` (spec v2, v3, v4) or `textDelta` (spec v1); `text-start`/`text-end`, reasoning, tool
 * input, source, file, `stream-start`, `ping` and `raw` parts carry no answer text and are
 * skipped. Each `tool-call` part is one whole call (the provider has joined its
 * `tool-input-delta` pieces already, so those are skipped too), its arguments the JSON text in
 * `input` (`args` in spec v1); the calls go on the `finish`, whose reason is then `tool_calls`,
 * except those the provider ran itself (`providerExecuted`), which the caller has nothing to do
 * with. Structured output needs nothing special: providers that answer JSON through a tool
 * (`@ai-sdk/anthropic`'s `jsonTool`) already stream that tool's input as text parts.
 *
 * The `finish` part's usage is read in either shape (flat in v2, nested in v3 and v4, see
 * `resultUsage`) and its finish reason in either shape; the finishes `generate` refuses are
 * refused here after their deltas (see `refusedFinish`). An `error` part, which providers send
 * for an error event or an unreadable chunk, is thrown as the `ProviderError` it maps to; a
 * stream that ends without a `finish` part (or with v4's `interrupted`) was cut: `connection`, or
 * `aborted` when `signal` says so.
 *
 * The reader is cancelled when the consumer stops early (`return()`), which cancels the
 * provider's transform chain down to the fetch body and releases the connection.
 */
export async function* aiSdkStreamParts(
  stream: ReadableStream<AiSdkStreamPart>,
  call: AdapterCall,
  modelId: string,
): AsyncGenerator<StreamPart> {
  const model = call.model;
  const reader = stream.getReader();
  let servedModel: string | undefined;
  let responseId: string | undefined;
  let finish: StreamPartShape | undefined;
  const toolCalls: AdapterToolCall[] = [];
  let done = false;
  try {
    for (;;) {
      let next: Awaited<ReturnType<typeof reader.read>>;
      try {
        next = await reader.read();
      } catch (error) {
        throw mapAiSdkError(error, model, call.signal);
      }
      if (next.done) break;
      const part = (typeof next.value === "object" && next.value !== null ? next.value : {}) as StreamPartShape;
      switch (part.type) {
        case "response-metadata":
          if (typeof part.modelId === "string" && part.modelId !== "") servedModel = part.modelId;
          if (typeof part.id === "string" && part.id !== "") responseId = part.id;
          yield { type: "response-metadata", servedModel, responseId };
          break;
        case "text-delta": {
          const text = typeof part.delta === "string" ? part.delta : part.textDelta;
          if (typeof text === "string" && text !== "") yield { type: "text-delta", text };
          break;
        }
        case "tool-call": {
          const toolCall = adapterToolCall(part);
          if (toolCall !== undefined) toolCalls.push(toolCall);
          break;
        }
        case "error":
          throw mapStreamErrorPart(part.error, model, call.signal);
        case "finish":
          finish = part;
          break;
      }
    }
    done = true;
  } finally {
    // An early exit (the router's `return()`, or a thrown part) leaves the stream open: cancel it.
    if (!done) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
  if (call.signal.aborted) {
    throw new ProviderError({ errorClass: "aborted", message: "the stream was aborted", model, retryable: false });
  }
  if (finish === undefined || unifiedFinishReason(finish.finishReason) === "interrupted") {
    throw new ProviderError({
      errorClass: "connection",
      model,
      message: "the provider's stream ended without a finish (the connection was cut)",
    });
  }
  const usage = resultUsage(finish.usage);
  const served = servedModel || modelId || model;
  const refused = refusedFinish(finish.finishReason, usage, call, served);
  if (refused !== undefined) throw refused;
  yield {
    type: "finish",
    // As `generate` does: calls to run are `tool_calls`, whatever the provider's own reason said.
    finishReason: toolCalls.length > 0 ? "tool_calls" : mapFinishReason(finish.finishReason),
    usage,
    servedModel: served,
    ...(toolCalls.length > 0 ? { toolCalls } : {}),
    ...(responseId !== undefined ? { responseId } : {}),
  };
}

/**
 * An `error` part's error as a `ProviderError`. Providers put an `APICallError`, a parse error or
 * the provider's own error body (`{ type: "overloaded_error", message }` from Anthropic, an
 * OpenAI error chunk) there. The first two map as thrown errors do; a plain body is the provider
 * failing mid-answer, `server_error` (retryable), with its text in the message.
 */
export function mapStreamErrorPart(error: unknown, model: string, signal: AbortSignal): ProviderError {
  const mapped = mapAiSdkError(error, model, signal);
  if (mapped.errorClass !== "unknown") return mapped;
  return new ProviderError({
    errorClass: "server_error",
    model,
    message: `the provider failed mid-stream: ${describe(error)}`,
    cause: error,
  });
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === "string") return error;
  try {
    return JSON.stringify(error) ?? String(error);
  } catch {
    return String(error);
  }
}

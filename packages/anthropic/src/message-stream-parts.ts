import {
  type AdapterCall,
  type AdapterToolCall,
  type ErrorClass,
  ProviderError,
  type StreamPart,
} from "@modelpolicy/core";
import { mapAnthropicError } from "./map-anthropic-error.js";
import { mapStopReason } from "./map-stop-reason.js";
import { type AnthropicUsageShape, messageUsage } from "./message-usage.js";
import { outputToolFor, WRAPPED_OUTPUT_PROPERTY } from "./output-tool.js";

/** The fields of a raw Messages stream event the adapter reads; both SDK majors yield this shape. */
interface StreamEventShape {
  type?: string;
  index?: number;
  message?: { id?: string; model?: string; usage?: AnthropicUsageShape | null } | null;
  content_block?: { type?: string; id?: unknown; name?: unknown } | null;
  delta?: { type?: string; text?: unknown; partial_json?: unknown; stop_reason?: string | null } | null;
  usage?: AnthropicUsageShape | null;
  error?: { type?: unknown; message?: unknown } | null;
}

/**
 * Turns the raw events of `messages.create({ stream: true })` into core's stream parts: a
 * `response-metadata` part from `message_start` (id, served model), a `text-delta` per
 * `text_delta`, and a `finish` after `message_delta` with the stop reason and the usage (the
 * input counts of `message_start`, cache reads and writes included, overwritten by the cumulative
 * counts `message_delta` carries, as the SDKs' own accumulators do).
 *
 * With a response format the answer is the forced tool's input, so its `input_json_delta`
 * pieces are the text: passed on as they arrive when the schema is an object, or collected and
 * unwrapped at the block's end when it was wrapped (the wrapper's key cannot be cut out of
 * partial JSON). Text blocks beside the tool call are held back and sent only when no tool call
 * came, the same choice `generate` makes; the router validates the JSON at the end either way.
 *
 * Calls of the caller's tools (`tool_use` blocks of any other name) are collected: the id and
 * name from `content_block_start`, the arguments from their `input_json_delta` pieces. They come
 * whole on the `finish` part as `toolCalls`, with finish reason `tool_calls`, since partial
 * arguments are of no use to anyone; the text around them still streams as it arrives.
 *
 * The endings `generate` refuses are refused here too, after their deltas (`max_tokens` as
 * `output_limit`, `model_context_window_exceeded` as `context_length`, `refusal` as
 * `content_filter`, all with their usage). An `error` event is mapped by its type (see
 * {@link mapStreamError}); a stream that stops before its stop reason was cut (`connection`),
 * or aborted (`aborted`) when `signal` says so.
 */
export async function* messageStreamParts(
  events: AsyncIterable<unknown>,
  call: AdapterCall,
): AsyncGenerator<StreamPart> {
  const model = call.model;
  const output = call.responseFormat ? outputToolFor(call.responseFormat) : undefined;
  const outputBlocks = new Set<number>();
  const toolCalls = new Map<number, { id: string; name: string; json: string }>();
  let heldText = "";
  let toolJson = "";
  let streamedJson = false;
  let usage: AnthropicUsageShape = {};
  let servedModel: string | undefined;
  let responseId: string | undefined;
  let stopReason: string | undefined;
  try {
    for await (const raw of events) {
      const event = (typeof raw === "object" && raw !== null ? raw : {}) as StreamEventShape;
      switch (event.type) {
        case "message_start":
          servedModel = event.message?.model || undefined;
          responseId = event.message?.id || undefined;
          usage = { ...usage, ...definedCounts(event.message?.usage) };
          yield { type: "response-metadata", servedModel, responseId };
          break;
        case "content_block_start": {
          const block = event.content_block;
          if (block?.type !== "tool_use" || typeof block.name !== "string") break;
          if (output && block.name === output.tool.name) {
            outputBlocks.add(event.index ?? -1);
          } else {
            const id = typeof block.id === "string" ? block.id : "";
            toolCalls.set(event.index ?? -1, { id, name: block.name, json: "" });
          }
          break;
        }
        case "content_block_delta": {
          const delta = event.delta;
          const toolCall = toolCalls.get(event.index ?? -1);
          if (delta?.type === "text_delta" && typeof delta.text === "string" && delta.text !== "") {
            if (output) heldText += delta.text;
            else yield { type: "text-delta", text: delta.text };
          } else if (delta?.type === "input_json_delta" && toolCall !== undefined) {
            if (typeof delta.partial_json === "string") toolCall.json += delta.partial_json;
          } else if (delta?.type === "input_json_delta" && outputBlocks.has(event.index ?? -1)) {
            const piece = typeof delta.partial_json === "string" ? delta.partial_json : "";
            if (output?.wrapped) toolJson += piece;
            else if (piece !== "") {
              streamedJson = true;
              yield { type: "text-delta", text: piece };
            }
          }
          break;
        }
        case "message_delta":
          if (event.delta?.stop_reason) stopReason = event.delta.stop_reason;
          usage = { ...usage, ...definedCounts(event.usage) };
          break;
        case "error":
          throw streamErrorEvent(event.error, model);
      }
    }
  } catch (error) {
    throw mapStreamError(error, model, call.signal);
  }
  // Both SDK majors end the iteration quietly when their request is aborted.
  if (call.signal.aborted) {
    throw new ProviderError({ errorClass: "aborted", message: "the stream was aborted", model, retryable: false });
  }
  if (stopReason === undefined) {
    throw new ProviderError({
      errorClass: "connection",
      model,
      message: "the provider's stream ended without a stop reason (the connection was cut)",
    });
  }
  const counted = messageUsage(usage);
  const served = servedModel ?? model;
  const failure = (errorClass: "output_limit" | "context_length" | "content_filter", what: string) =>
    new ProviderError({ errorClass, model, usage: counted, retryable: false, message: `${served} ${what}` });
  switch (stopReason) {
    case "max_tokens":
      throw failure("output_limit", "stopped at the output limit (max_tokens)");
    case "model_context_window_exceeded":
      throw failure("context_length", "ran out of context window while answering");
    case "refusal":
      throw failure("content_filter", "refused to answer (stop_reason refusal)");
  }
  const structured = outputBlocks.size > 0;
  if (structured && output?.wrapped) {
    yield { type: "text-delta", text: unwrapped(toolJson, model) };
  } else if (structured && !streamedJson) {
    // A tool call with an empty input streams no JSON at all; `generate` answers `{}` for it.
    yield { type: "text-delta", text: "{}" };
  } else if (!structured && heldText !== "") {
    yield { type: "text-delta", text: heldText };
  }
  const calls: AdapterToolCall[] = [];
  for (const { id, name, json } of toolCalls.values()) calls.push({ id, name, arguments: json === "" ? "{}" : json });
  yield {
    type: "finish",
    finishReason: calls.length > 0 ? "tool_calls" : structured ? "stop" : mapStopReason(stopReason),
    usage: counted,
    servedModel: served,
    ...(calls.length > 0 ? { toolCalls: calls } : {}),
    ...(responseId !== undefined ? { responseId } : {}),
  };
}

/** The wrapped output tool's collected input, unwrapped to the answer's JSON text. */
function unwrapped(json: string, model: string): string {
  try {
    const input = JSON.parse(json === "" ? "{}" : json) as Record<string, unknown> | null;
    return JSON.stringify(input?.[WRAPPED_OUTPUT_PROPERTY]) ?? "";
  } catch (error) {
    throw new ProviderError({
      errorClass: "server_error",
      model,
      message: "the provider streamed tool input that is not JSON",
      cause: error,
    });
  }
}

/** The usage counts a stream event reports; null and absent counts do not overwrite earlier ones. */
function definedCounts(usage: AnthropicUsageShape | null | undefined): AnthropicUsageShape {
  const counts: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(usage ?? {})) if (typeof value === "number") counts[key] = value;
  return counts;
}

/** The error class of an `error` event's (or a mid-stream SDK error's) `error.type`. */
const ERROR_EVENT_CLASSES: Readonly<Record<string, ErrorClass>> = {
  overloaded_error: "server_error",
  api_error: "server_error",
  rate_limit_error: "rate_limit",
  authentication_error: "auth",
  permission_error: "auth",
  billing_error: "auth",
  not_found_error: "not_found",
  request_too_large: "context_length",
  timeout_error: "timeout",
  invalid_request_error: "bad_request",
};

/** An `error` event as the `ProviderError` it amounts to: Anthropic failing mid-answer, by its type. */
function streamErrorEvent(body: StreamEventShape["error"], model: string): ProviderError {
  const type = typeof body?.type === "string" ? body.type : "error";
  const message = typeof body?.message === "string" ? body.message : "";
  return new ProviderError({
    errorClass: ERROR_EVENT_CLASSES[type] ?? "server_error",
    model,
    message: `the provider failed mid-stream: ${type}${message === "" ? "" : `: ${message}`}`,
  });
}

/**
 * An error thrown while the stream is read, as a `ProviderError`. Both SDK majors turn an `error`
 * event into a thrown `APIError` without a status whose `error` is the event's body
 * (`{type: "error", error: {type, message}}`): that is mapped by the body's type, so an
 * `overloaded_error` mid-answer is `server_error` as a 529 before it is. Errors with a status,
 * SDK connection errors and aborts go through {@link mapAnthropicError}; anything else a broken
 * socket throws (undici's `TypeError: terminated`) is `connection`.
 */
export function mapStreamError(error: unknown, model: string, signal: AbortSignal): ProviderError {
  if (ProviderError.isInstance(error)) return error;
  const sdk = (typeof error === "object" && error !== null ? error : {}) as {
    status?: unknown;
    error?: { error?: StreamEventShape["error"] } | null;
    message?: unknown;
  };
  const className = error instanceof Error ? error.constructor.name : "";
  if (
    typeof sdk.status === "number" ||
    signal.aborted ||
    className.startsWith("APIConnection") ||
    className === "APIUserAbortError"
  ) {
    return mapAnthropicError(error, model, signal);
  }
  const body = sdk.error?.error;
  if (typeof body?.type === "string") {
    const mapped = streamErrorEvent(body, model);
    return new ProviderError({ errorClass: mapped.errorClass, model, message: mapped.message, cause: error });
  }
  if (error instanceof SyntaxError) return mapAnthropicError(error, model, signal);
  const message = error instanceof Error ? error.message : String(error);
  return new ProviderError({ errorClass: "connection", model, message: `the stream broke: ${message}`, cause: error });
}

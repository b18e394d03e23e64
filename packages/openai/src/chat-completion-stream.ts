import { ProviderError, type StreamPart } from "@modelpolicy/core";
import { type CompletionUsageShape, completionUsage } from "./completion-usage.js";
import { mapFinishReason } from "./map-finish-reason.js";
import { mapOpenAIError } from "./map-openai-error.js";
import type { ChatCompletionRequest } from "./openai-client-like.js";
import type { StructuredOutputMode } from "./structured-output-mode.js";
import { type ToolCallDeltaShape, ToolCallDeltas } from "./tool-call-deltas.js";

/** The fields of a `chat.completion.chunk` the adapter reads; every SDK major yields this shape. */
interface ChatCompletionChunkShape {
  id?: string;
  model?: string;
  system_fingerprint?: string | null;
  service_tier?: string | null;
  choices?: {
    delta?: { content?: string | null; refusal?: string | null; tool_calls?: ToolCallDeltaShape[] | null } | null;
    finish_reason?: string | null;
  }[];
  usage?: CompletionUsageShape | null;
}

/**
 * Turns the SDK's chunk stream into core's stream parts: a `response-metadata` part from the
 * first chunk (id, served model, fingerprint, service tier), a `text-delta` per content delta,
 * and a `finish` after the last chunk, with the usage of the final usage chunk (asked for with
 * `stream_options.include_usage`) or, when the server sent none, an estimate that says so. Tool
 * calls are joined from their `delta.tool_calls` pieces (see {@link ToolCallDeltas}) and put
 * whole on the `finish`; their argument pieces are never text deltas. The endings `generate`
 * refuses are refused here too, after their deltas: `length` as `output_limit`, a filtered or
 * refused answer as `content_filter`. A stream that stops without a finish reason was cut
 * (`connection`), or aborted (`aborted`) when `signal` says so. SDK errors thrown mid-stream are
 * mapped by {@link mapStreamError}.
 */
export function chatCompletionParts(
  chunks: AsyncIterable<unknown>,
  request: ChatCompletionRequest,
  mode: StructuredOutputMode | undefined,
  signal: AbortSignal,
): AsyncGenerator<StreamPart> {
  return openedChatCompletionParts(async () => ({ chunks, request, mode }), signal);
}

/** A chat-completions stream the SDK opened, with the request and mode it was opened in. */
export interface OpenedChatStream {
  readonly chunks: AsyncIterable<unknown>;
  readonly request: ChatCompletionRequest;
  readonly mode: StructuredOutputMode | undefined;
}

/**
 * {@link chatCompletionParts} of a stream that `open` opens when the first part is asked for:
 * the adapter opens its stream inside the one generator the router reads, rather than in an
 * outer generator that hands every part on with `yield*`, a second layer each chunk would cross.
 * Whatever `open` throws is thrown as it is.
 */
export async function* openedChatCompletionParts(
  open: () => Promise<OpenedChatStream>,
  signal: AbortSignal,
): AsyncGenerator<StreamPart> {
  const { chunks, request, mode } = await open();
  const model = request.model;
  let text = "";
  let first = true;
  let finishReason: string | undefined;
  let refused = false;
  const toolCallDeltas = new ToolCallDeltas();
  let usage: CompletionUsageShape | undefined;
  let servedModel: string | undefined;
  let responseId: string | undefined;
  let systemFingerprint: string | undefined;
  let serviceTier: string | undefined;
  try {
    for await (const raw of chunks) {
      const chunk = (typeof raw === "object" && raw !== null ? raw : {}) as ChatCompletionChunkShape;
      if (first) {
        first = false;
        servedModel = chunk.model || undefined;
        responseId = chunk.id || undefined;
        systemFingerprint = chunk.system_fingerprint ?? undefined;
        serviceTier = chunk.service_tier ?? undefined;
        yield { type: "response-metadata", servedModel, responseId, systemFingerprint, serviceTier };
      }
      if (chunk.usage) usage = chunk.usage;
      const choice = chunk.choices?.[0];
      if (!choice) continue;
      if (choice.finish_reason) finishReason = choice.finish_reason;
      if (choice.delta?.refusal) refused = true;
      if (choice.delta?.tool_calls) toolCallDeltas.add(choice.delta.tool_calls);
      const delta = choice.delta?.content;
      if (typeof delta === "string" && delta !== "") {
        text += delta;
        yield { type: "text-delta", text: delta };
      }
    }
  } catch (error) {
    throw mapStreamError(error, model, signal);
  }
  // Every SDK major ends the iteration quietly when its request is aborted.
  if (signal.aborted) {
    throw new ProviderError({ errorClass: "aborted", message: "the stream was aborted", model, retryable: false });
  }
  if (finishReason === undefined) {
    throw new ProviderError({
      errorClass: "connection",
      model,
      message: "the provider's stream ended without a finish reason (the connection was cut)",
    });
  }
  const toolCalls = toolCallDeltas.toolCalls();
  let answered = text;
  for (const call of toolCalls ?? []) answered += call.name + call.arguments;
  const counted = completionUsage(usage, request, answered);
  const reason = mapFinishReason(finishReason);
  const served = servedModel ?? model;
  if (reason === "length") {
    throw new ProviderError({
      errorClass: "output_limit",
      model,
      usage: counted.usage,
      message: `${served} stopped at the output limit`,
    });
  }
  if (reason === "content_filter" || refused) {
    throw new ProviderError({
      errorClass: "content_filter",
      model,
      usage: counted.usage,
      retryable: false,
      message: `${served} filtered or refused the answer`,
    });
  }
  yield {
    type: "finish",
    finishReason: reason,
    usage: counted.usage,
    usageSource: counted.usageSource,
    servedModel: served,
    ...(toolCalls !== undefined ? { toolCalls } : {}),
    ...(responseId !== undefined ? { responseId } : {}),
    ...(systemFingerprint !== undefined ? { systemFingerprint } : {}),
    ...(serviceTier !== undefined ? { serviceTier } : {}),
    ...(mode !== undefined ? { structuredOutputMode: mode } : {}),
  };
}

/**
 * An error thrown while a stream is read, as a `ProviderError`. An `error` event in the stream
 * (the SDK throws an `APIError` without a status) is the provider failing mid-answer:
 * `server_error`. An unreadable chunk is `server_error` too (`mapOpenAIError` says so for a
 * `SyntaxError`). A socket reset surfaces as whatever the fetch implementation throws (undici's
 * `TypeError: terminated`, node-fetch's `FetchError`): `connection`.
 */
export function mapStreamError(error: unknown, model: string, signal: AbortSignal): ProviderError {
  const status = (error as { status?: unknown } | null)?.status;
  const className = error instanceof Error ? error.constructor.name : "";
  if (
    ProviderError.isInstance(error) ||
    typeof status === "number" ||
    signal.aborted ||
    error instanceof SyntaxError ||
    className.startsWith("APIConnection") ||
    className === "APIUserAbortError"
  ) {
    return mapOpenAIError(error, model, signal);
  }
  const message = error instanceof Error ? error.message : String(error);
  const apiError = className === "APIError";
  return new ProviderError({
    errorClass: apiError ? "server_error" : "connection",
    model,
    message: apiError ? `the provider failed mid-stream: ${message}` : `the stream broke: ${message}`,
    cause: error,
  });
}

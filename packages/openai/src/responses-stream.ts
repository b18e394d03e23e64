import { ProviderError, type StreamPart } from "@modelpolicy/core";
import { mapStreamError } from "./chat-completion-stream.js";
import type { ResponsesRequest } from "./responses-request.js";
import { type ResponseShape, responsesResponse } from "./responses-response.js";

/** The fields of a Responses API stream event the adapter reads. */
interface ResponseStreamEventShape {
  type?: unknown;
  delta?: unknown;
  response?: ResponseShape;
  message?: unknown;
  code?: unknown;
}

/**
 * Turns the SDK's Responses API event stream into core's stream parts: `response-metadata` from
 * `response.created` (id, served model), a `text-delta` per `response.output_text.delta`, and a
 * `finish` from the terminal event's response, mapped as `generate` maps a whole response so the
 * endings agree. Function calls come whole from that response's `function_call` items, like
 * `generate`'s, so their `response.function_call_arguments.delta` events are skipped and never
 * reach the text. As for the other endings: `response.incomplete` at `max_output_tokens` throws `output_limit` and a
 * content filter or a refusal `content_filter` (after their deltas, with their usage),
 * `response.failed` the class of its code, an `error` event `server_error`. A stream that stops
 * before a terminal event was cut (`connection`), or aborted when `signal` says so.
 */
export async function* responsesParts(
  events: AsyncIterable<unknown>,
  request: ResponsesRequest,
  signal: AbortSignal,
): AsyncGenerator<StreamPart> {
  const model = request.model;
  let final: ResponseShape | undefined;
  try {
    for await (const raw of events) {
      const event = (typeof raw === "object" && raw !== null ? raw : {}) as ResponseStreamEventShape;
      switch (event.type) {
        case "response.created": {
          const response = event.response ?? {};
          yield {
            type: "response-metadata",
            servedModel: typeof response.model === "string" ? response.model : undefined,
            responseId: typeof response.id === "string" ? response.id : undefined,
          };
          break;
        }
        case "response.output_text.delta":
          if (typeof event.delta === "string" && event.delta !== "") yield { type: "text-delta", text: event.delta };
          break;
        case "response.completed":
        case "response.incomplete":
        case "response.failed":
          final = event.response ?? {};
          break;
        case "error":
          throw new ProviderError({
            errorClass: "server_error",
            model,
            message: `the provider failed mid-stream: ${typeof event.message === "string" ? event.message : "error event"}`,
          });
        default:
          break;
      }
      if (final !== undefined) break;
    }
  } catch (error) {
    throw mapStreamError(error, model, signal);
  }
  if (signal.aborted) {
    throw new ProviderError({ errorClass: "aborted", message: "the stream was aborted", model, retryable: false });
  }
  if (final === undefined) {
    throw new ProviderError({
      errorClass: "connection",
      model,
      message: "the provider's stream ended before its response.completed event (the connection was cut)",
    });
  }
  // The terminal event carries the whole response: map it as generate does (text, usage, endings).
  const { text: _text, ...finish } = responsesResponse(final, request);
  yield { type: "finish", ...finish };
}

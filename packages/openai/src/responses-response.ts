import { type ErrorClass, ProviderError } from "@modelpolicy/core";
import type { OpenAIAdapterResponse } from "./chat-completion-response.js";
import type { ResponsesRequest } from "./responses-request.js";
import { responsesToolCalls } from "./responses-tools.js";
import { type ResponsesUsageShape, responsesUsage } from "./responses-usage.js";

/** The fields of a Responses API `Response` the adapter reads; every SDK major returns this shape. */
export interface ResponseShape {
  id?: unknown;
  model?: unknown;
  status?: unknown;
  incomplete_details?: { reason?: unknown } | null;
  error?: { code?: unknown; message?: unknown } | null;
  output?: unknown;
  usage?: ResponsesUsageShape | null;
  service_tier?: unknown;
}

/** The text of a response's message items (`output_text` parts, in order) and whether it refused. */
export function outputOf(output: unknown): { text: string; refused: boolean } {
  let text = "";
  let refused = false;
  for (const item of Array.isArray(output) ? output : []) {
    const { type, content } = (item ?? {}) as { type?: unknown; content?: unknown };
    if (type !== "message" || !Array.isArray(content)) continue;
    for (const part of content) {
      const { type: partType, text: partText } = (part ?? {}) as { type?: unknown; text?: unknown };
      if (partType === "output_text" && typeof partText === "string") text += partText;
      else if (partType === "refusal") refused = true;
    }
  }
  return { text, refused };
}

/**
 * Turns a Responses API answer into the adapter's response, or a {@link ProviderError} the
 * router acts on as it does for chat: `incomplete` at `max_output_tokens` is `output_limit`,
 * `incomplete` at `content_filter` or a `refusal` part is `content_filter` (both keep their
 * usage, because they were billed), `failed` is the class of its error code, and anything that
 * is not a finished response is `server_error`. A `completed` answer's text is its `output_text`;
 * its `function_call` items are its tool calls, and finish reason `tool_calls` (the Responses
 * API has no finish reason of its own), as a chat completion that called tools reports.
 */
export function responsesResponse(raw: unknown, request: ResponsesRequest): OpenAIAdapterResponse {
  const model = request.model;
  const body = (typeof raw === "object" && raw !== null ? raw : undefined) as ResponseShape | undefined;
  if (body === undefined || !Array.isArray(body.output)) {
    throw new ProviderError({
      errorClass: "server_error",
      model,
      message: "provider answered 200 without a response object (not JSON, or no output)",
    });
  }
  const servedModel = typeof body.model === "string" && body.model !== "" ? body.model : model;
  if (body.status === "failed") {
    const code = typeof body.error?.code === "string" ? body.error.code : "unknown";
    const message = typeof body.error?.message === "string" ? body.error.message : "response failed";
    throw new ProviderError({ errorClass: failedClass(code), model, message: `${servedModel}: ${code}: ${message}` });
  }
  const { text, refused } = outputOf(body.output);
  const toolCalls = responsesToolCalls(body.output);
  let answered = text;
  for (const call of toolCalls ?? []) answered += call.name + call.arguments;
  const { usage, usageSource } = responsesUsage(body.usage, request, answered);
  const reason = body.incomplete_details?.reason;
  if (body.status === "incomplete" && reason === "max_output_tokens") {
    throw new ProviderError({
      errorClass: "output_limit",
      model,
      usage,
      text,
      message: `${servedModel} stopped at the output limit`,
    });
  }
  if ((body.status === "incomplete" && reason === "content_filter") || refused) {
    const message = `${servedModel} filtered or refused the answer`;
    throw new ProviderError({ errorClass: "content_filter", model, usage, retryable: false, message });
  }
  if (body.status !== undefined && body.status !== "completed") {
    const message = `${servedModel} answered with status ${String(body.status)}${reason === undefined ? "" : ` (${String(reason)})`}`;
    throw new ProviderError({ errorClass: "server_error", model, usage, retryable: false, message });
  }
  const finishReason = toolCalls === undefined ? "stop" : "tool_calls";
  const response: OpenAIAdapterResponse = { text, usage, finishReason, servedModel, usageSource };
  if (toolCalls !== undefined) response.toolCalls = toolCalls;
  if (typeof body.id === "string" && body.id !== "") response.responseId = body.id;
  if (request.text !== undefined) response.structuredOutputMode = "json_schema";
  if (typeof body.service_tier === "string") response.serviceTier = body.service_tier;
  return response;
}

/** The error class of a `failed` response's error code (OpenAI's `ResponseError.code`). */
function failedClass(code: string): ErrorClass {
  if (code === "rate_limit_exceeded") return "rate_limit";
  if (code === "server_error" || code === "vector_store_timeout") return "server_error";
  return "bad_request";
}

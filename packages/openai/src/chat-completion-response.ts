import { type AdapterResponse, ProviderError } from "@modelpolicy/core";
import { adapterToolCalls } from "./chat-completion-tools.js";
import { type CompletionUsageShape, completionUsage, type UsageSource } from "./completion-usage.js";
import { mapFinishReason } from "./map-finish-reason.js";
import type { ChatCompletionRequest } from "./openai-client-like.js";
import type { StructuredOutputMode } from "./structured-output-mode.js";

/**
 * The adapter's answer: core's {@link AdapterResponse}, with the structured-output mode typed as
 * this adapter's modes and the usage source always said. The router copies both onto the
 * attempt's record.
 */
export interface OpenAIAdapterResponse extends AdapterResponse {
  /** The structured-output mode the answer came back in; absent for a call without a schema. */
  structuredOutputMode?: StructuredOutputMode;
  /** Whether `usage` is the server's count or the adapter's estimate. */
  usageSource: UsageSource;
}

type ToolCallShapes = Parameters<typeof adapterToolCalls>[0];

/** The fields of a `chat.completion` the adapter reads; every SDK major returns this shape. */
interface ChatCompletionShape {
  id?: string;
  model?: string;
  system_fingerprint?: string | null;
  service_tier?: string | null;
  choices?: {
    finish_reason?: string | null;
    message?: { content?: string | null; refusal?: string | null; tool_calls?: ToolCallShapes | null };
  }[];
  usage?: CompletionUsageShape | null;
}

/**
 * Turns a chat completion into the adapter's response, or a {@link ProviderError} for an
 * answer the router must not use: no choices (`server_error`), cut at the output limit
 * (`output_limit`), filtered or refused (`content_filter`); the last two keep their usage,
 * because they were billed.
 */
export function chatCompletionResponse(
  completion: unknown,
  request: ChatCompletionRequest,
  mode: StructuredOutputMode | undefined,
): OpenAIAdapterResponse {
  const model = request.model;
  const body = completion as ChatCompletionShape | string | null;
  const choice = typeof body === "object" && body !== null ? body.choices?.[0] : undefined;
  if (!choice || typeof body !== "object" || body === null) {
    throw new ProviderError({
      errorClass: "server_error",
      model,
      message: "provider answered 200 without a chat completion (not JSON, or no choices)",
    });
  }
  const text = choice.message?.content ?? "";
  const toolCalls = adapterToolCalls(choice.message?.tool_calls);
  // Without the server's count, a call's name and arguments are output like text is.
  let answered = text;
  for (const call of toolCalls ?? []) answered += call.name + call.arguments;
  const { usage, usageSource } = completionUsage(body.usage, request, answered);
  const finishReason = mapFinishReason(choice.finish_reason);
  const servedModel = body.model || model;
  if (finishReason === "length") {
    throw new ProviderError({
      errorClass: "output_limit",
      model,
      usage,
      text,
      message: `${servedModel} stopped at the output limit`,
    });
  }
  if (finishReason === "content_filter" || choice.message?.refusal) {
    throw new ProviderError({
      errorClass: "content_filter",
      model,
      usage,
      retryable: false,
      message: `${servedModel} filtered or refused the answer`,
    });
  }
  const response: OpenAIAdapterResponse = { text, usage, finishReason, servedModel, usageSource };
  if (toolCalls !== undefined) response.toolCalls = toolCalls;
  if (body.id) response.responseId = body.id;
  if (mode !== undefined) response.structuredOutputMode = mode;
  if (typeof body.system_fingerprint === "string") response.systemFingerprint = body.system_fingerprint;
  if (typeof body.service_tier === "string") response.serviceTier = body.service_tier;
  return response;
}

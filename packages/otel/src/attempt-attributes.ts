import type { AttemptCall, AttemptRecord, AttemptResult, TokenUsage } from "@modelpolicy/core";
import {
  ATTR_MODEL_POLICY_ATTEMPT_INDEX,
  ATTR_MODEL_POLICY_ATTEMPT_KIND,
  ATTR_MODEL_POLICY_ATTEMPT_OUTPUT_MODE,
  ATTR_MODEL_POLICY_ATTEMPT_TIER,
  ATTR_MODEL_POLICY_USAGE_SOURCE,
} from "@modelpolicy/core/conventions";
import type { Attributes } from "@opentelemetry/api";
import { inputMessagesJson, outputMessagesJson, toolDefinitionsJson } from "./message-content.js";
import { providerEndAttributes, providerStartAttributes } from "./provider-attributes.js";
import { sanitizeAttributes } from "./sanitize-attributes.js";
import {
  ATTR_ERROR_TYPE,
  ATTR_GEN_AI_INPUT_MESSAGES,
  ATTR_GEN_AI_OPERATION_NAME,
  ATTR_GEN_AI_OUTPUT_MESSAGES,
  ATTR_GEN_AI_OUTPUT_TYPE,
  ATTR_GEN_AI_PROVIDER_NAME,
  ATTR_GEN_AI_REQUEST_MAX_TOKENS,
  ATTR_GEN_AI_REQUEST_MODEL,
  ATTR_GEN_AI_REQUEST_STREAM,
  ATTR_GEN_AI_REQUEST_TEMPERATURE,
  ATTR_GEN_AI_RESPONSE_FINISH_REASONS,
  ATTR_GEN_AI_RESPONSE_ID,
  ATTR_GEN_AI_RESPONSE_MODEL,
  ATTR_GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK,
  ATTR_GEN_AI_TOOL_DEFINITIONS,
  ATTR_GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_OUTPUT_TOKENS,
  ATTR_HTTP_RESPONSE_STATUS_CODE,
  GEN_AI_OPERATION_NAME_VALUE_CHAT,
  GEN_AI_OUTPUT_TYPE_VALUE_JSON,
  GEN_AI_OUTPUT_TYPE_VALUE_TEXT,
} from "./semconv.js";

/**
 * Request attributes of an attempt span, set at start so samplers see them (GenAI client
 * conventions: operation, provider, model, limits, server, and the provider's own request
 * attributes). Never the deprecated `gen_ai.system`. Message content only when opted in, and
 * then exactly what the adapter receives, repair and evidence prompts included.
 */
export function attemptStartAttributes(attempt: AttemptCall, captureContent: boolean): Attributes {
  const { request } = attempt;
  const attributes: Attributes = {
    [ATTR_GEN_AI_OPERATION_NAME]: GEN_AI_OPERATION_NAME_VALUE_CHAT,
    [ATTR_GEN_AI_PROVIDER_NAME]: attempt.provider,
    [ATTR_GEN_AI_REQUEST_MODEL]: attempt.model,
    [ATTR_GEN_AI_REQUEST_MAX_TOKENS]: request.maxOutputTokens,
    [ATTR_GEN_AI_OUTPUT_TYPE]: request.responseFormat ? GEN_AI_OUTPUT_TYPE_VALUE_JSON : GEN_AI_OUTPUT_TYPE_VALUE_TEXT,
    [ATTR_MODEL_POLICY_ATTEMPT_INDEX]: attempt.index,
    [ATTR_MODEL_POLICY_ATTEMPT_KIND]: attempt.kind,
  };
  if (attempt.tier !== undefined) attributes[ATTR_MODEL_POLICY_ATTEMPT_TIER] = attempt.tier;
  if (request.temperature !== undefined) attributes[ATTR_GEN_AI_REQUEST_TEMPERATURE] = request.temperature;
  // semconv: absent means not streamed.
  if (attempt.stream === true) attributes[ATTR_GEN_AI_REQUEST_STREAM] = true;
  if (captureContent) {
    attributes[ATTR_GEN_AI_INPUT_MESSAGES] = inputMessagesJson(request.messages);
    if (request.tools?.length) attributes[ATTR_GEN_AI_TOOL_DEFINITIONS] = toolDefinitionsJson(request.tools);
  }
  providerStartAttributes(attempt, attributes);
  // Not sanitised: every value is the router's own, typed by the validated policy table (strings,
  // integers, a finite temperature), a JSON string, or type-checked where it was read.
  return attributes;
}

/**
 * Response attributes of an attempt span. A failed attempt gets `error.type` from its error
 * class and the HTTP status, never the provider's error message: vendors echo partial API keys
 * and request fragments there. Usage only when the provider reported some (see
 * {@link reportedUsage}): a failed attempt without usage has no `gen_ai.usage.*`, not zeros, and
 * an estimate is no GenAI usage either; `model_policy.usage.source` says which it was.
 */
export function attemptEndAttributes(attempt: AttemptCall, result: AttemptResult, captureContent: boolean): Attributes {
  const { record } = result;
  const attributes: Attributes = {};
  const usage = reportedUsage(record);
  if (usage !== undefined) {
    attributes[ATTR_GEN_AI_USAGE_INPUT_TOKENS] = usage.inputTokens;
    attributes[ATTR_GEN_AI_USAGE_OUTPUT_TOKENS] = usage.outputTokens;
    if (usage.cachedInputTokens) attributes[ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS] = usage.cachedInputTokens;
    if (usage.cacheWriteInputTokens) {
      attributes[ATTR_GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS] = usage.cacheWriteInputTokens;
    }
  }
  if (record.usageSource !== undefined) attributes[ATTR_MODEL_POLICY_USAGE_SOURCE] = record.usageSource;
  if (record.structuredOutputMode !== undefined) {
    attributes[ATTR_MODEL_POLICY_ATTEMPT_OUTPUT_MODE] = record.structuredOutputMode;
  }
  if (record.servedModel !== undefined) attributes[ATTR_GEN_AI_RESPONSE_MODEL] = record.servedModel;
  if (record.responseId !== undefined) attributes[ATTR_GEN_AI_RESPONSE_ID] = record.responseId;
  if (record.finishReason !== undefined) attributes[ATTR_GEN_AI_RESPONSE_FINISH_REASONS] = [record.finishReason];
  if (record.timeToFirstChunkMs !== undefined) {
    attributes[ATTR_GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK] = record.timeToFirstChunkMs / 1000;
  }
  providerEndAttributes(attempt, record, attributes);
  if (record.outcome !== "ok") attributes[ATTR_ERROR_TYPE] = record.errorClass ?? "_OTHER";
  if (record.status !== undefined) attributes[ATTR_HTTP_RESPONSE_STATUS_CODE] = record.status;
  if (captureContent && result.text !== undefined) {
    attributes[ATTR_GEN_AI_OUTPUT_MESSAGES] = outputMessagesJson(result.text, record.finishReason);
  }
  return sanitizeAttributes(attributes);
}

/**
 * Start attributes of an attempt whose GenAI client span belongs to another instrumentation (see
 * `genAiAttemptSpans`): only the router's view of the attempt. No `gen_ai.*` at all, so GenAI
 * backends, which recognise model calls by those attributes, see this attempt once, on the
 * instrumentation's span; the model is in the span name and on that span.
 */
export function deferredAttemptStartAttributes(attempt: AttemptCall): Attributes {
  const attributes: Attributes = {};
  attributes[ATTR_MODEL_POLICY_ATTEMPT_INDEX] = attempt.index;
  attributes[ATTR_MODEL_POLICY_ATTEMPT_KIND] = attempt.kind;
  if (attempt.tier !== undefined) attributes[ATTR_MODEL_POLICY_ATTEMPT_TIER] = attempt.tier;
  return attributes;
}

/**
 * End attributes of such an attempt: how it failed, if it did. Usage, response and content stay
 * on the instrumentation's span, which has them from the same response.
 */
export function deferredAttemptEndAttributes(result: AttemptResult): Attributes {
  const { record } = result;
  const attributes: Attributes = {};
  if (record.outcome !== "ok") attributes[ATTR_ERROR_TYPE] = record.errorClass ?? "_OTHER";
  if (record.status !== undefined) attributes[ATTR_HTTP_RESPONSE_STATUS_CODE] = record.status;
  return attributes;
}

/**
 * The usage an attempt's provider reported, or `undefined` when it reported none: the record's
 * `usageSource` says so (`estimated` counts are the adapter's or the router's, never GenAI
 * usage). A record without a source (from an older core) is read as before: a failed attempt
 * with zero tokens has no usage, so GenAI backends do not average in calls that never reached
 * the model, and an answered attempt always has usage, zeros included.
 */
export function reportedUsage(record: AttemptRecord): TokenUsage | undefined {
  const { usage } = record;
  if (usage === undefined || record.usageSource === "estimated") return undefined;
  if (record.outcome === "ok" || record.usageSource === "provider") return usage;
  return usage.inputTokens + usage.outputTokens + (usage.cachedInputTokens ?? 0) > 0 ? usage : undefined;
}

import type { AttemptCall, AttemptResult } from "@modelpolicy/core";
import {
  ATTR_MODEL_POLICY_ATTEMPT_INDEX,
  ATTR_MODEL_POLICY_ATTEMPT_INPUTS,
  ATTR_MODEL_POLICY_ATTEMPT_KIND,
  ATTR_MODEL_POLICY_ATTEMPT_TIER,
  ATTR_MODEL_POLICY_USAGE_SOURCE,
} from "@modelpolicy/core/conventions";
import type { Attributes } from "@opentelemetry/api";
import { reportedUsage } from "./attempt-attributes.js";
import { endpointOf } from "./provider-attributes.js";
import { sanitizeAttributes } from "./sanitize-attributes.js";
import {
  ATTR_ERROR_TYPE,
  ATTR_GEN_AI_EMBEDDINGS_DIMENSION_COUNT,
  ATTR_GEN_AI_OPERATION_NAME,
  ATTR_GEN_AI_PROVIDER_NAME,
  ATTR_GEN_AI_REQUEST_ENCODING_FORMATS,
  ATTR_GEN_AI_REQUEST_MODEL,
  ATTR_GEN_AI_RESPONSE_MODEL,
  ATTR_GEN_AI_USAGE_INPUT_TOKENS,
  ATTR_HTTP_RESPONSE_STATUS_CODE,
  ATTR_SERVER_ADDRESS,
  ATTR_SERVER_PORT,
  GEN_AI_OPERATION_NAME_VALUE_EMBEDDINGS,
} from "./semconv.js";

/** Whether an attempt belongs to `router.embed` (core marks it; absent means chat). */
export function isEmbeddingsAttempt(attempt: AttemptCall): boolean {
  return (attempt as { operation?: unknown }).operation === GEN_AI_OPERATION_NAME_VALUE_EMBEDDINGS;
}

/**
 * Request attributes of an embeddings attempt span (GenAI semconv v1.41 embeddings span):
 * operation `embeddings`, provider, model, the encoding and vector size the policy asked for,
 * the server, and the batch size. Never the input texts: embeddings inputs are documents, and
 * the GenAI conventions define no opt-in content attribute for them.
 */
export function embeddingsStartAttributes(attempt: AttemptCall): Attributes {
  const attributes: Attributes = {};
  attributes[ATTR_GEN_AI_OPERATION_NAME] = GEN_AI_OPERATION_NAME_VALUE_EMBEDDINGS;
  attributes[ATTR_GEN_AI_PROVIDER_NAME] = attempt.provider;
  attributes[ATTR_GEN_AI_REQUEST_MODEL] = attempt.model;
  attributes[ATTR_MODEL_POLICY_ATTEMPT_INDEX] = attempt.index;
  attributes[ATTR_MODEL_POLICY_ATTEMPT_KIND] = attempt.kind;
  if (attempt.tier !== undefined) attributes[ATTR_MODEL_POLICY_ATTEMPT_TIER] = attempt.tier;
  const { embedding } = attempt;
  if (embedding !== undefined) {
    attributes[ATTR_MODEL_POLICY_ATTEMPT_INPUTS] = embedding.inputs;
    if (embedding.dimensions !== undefined) attributes[ATTR_GEN_AI_EMBEDDINGS_DIMENSION_COUNT] = embedding.dimensions;
    if (embedding.encodingFormat !== undefined) {
      attributes[ATTR_GEN_AI_REQUEST_ENCODING_FORMATS] = [embedding.encodingFormat];
    }
  }
  const endpoint = endpointOf(attempt);
  if (endpoint !== undefined) {
    attributes[ATTR_SERVER_ADDRESS] = endpoint.address;
    if (endpoint.port !== undefined) attributes[ATTR_SERVER_PORT] = endpoint.port;
  }
  return sanitizeAttributes(attributes);
}

/**
 * Response attributes of an embeddings attempt span: the served model, the input tokens the
 * provider reported (embeddings have no output tokens, so no `gen_ai.usage.output_tokens`), the
 * vector size when the policy did not fix one, and `error.type` with the HTTP status on failure.
 */
export function embeddingsEndAttributes(attempt: AttemptCall, result: AttemptResult): Attributes {
  const { record } = result;
  const attributes: Attributes = {};
  const usage = reportedUsage(record);
  if (usage !== undefined) attributes[ATTR_GEN_AI_USAGE_INPUT_TOKENS] = usage.inputTokens;
  if (record.usageSource !== undefined) attributes[ATTR_MODEL_POLICY_USAGE_SOURCE] = record.usageSource;
  if (record.servedModel !== undefined) attributes[ATTR_GEN_AI_RESPONSE_MODEL] = record.servedModel;
  if (attempt.embedding?.dimensions === undefined && record.dimensions !== undefined) {
    attributes[ATTR_GEN_AI_EMBEDDINGS_DIMENSION_COUNT] = record.dimensions;
  }
  if (record.outcome !== "ok") attributes[ATTR_ERROR_TYPE] = record.errorClass ?? "_OTHER";
  if (record.status !== undefined) attributes[ATTR_HTTP_RESPONSE_STATUS_CODE] = record.status;
  return sanitizeAttributes(attributes);
}

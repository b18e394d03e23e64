import { type RouteRecord, sentAttempts } from "@modelpolicy/core";
import type { Attributes } from "@opentelemetry/api";
import {
  ATTR_MODEL_POLICY_ATTEMPTS,
  ATTR_MODEL_POLICY_COST_KNOWN,
  ATTR_MODEL_POLICY_COST_USD,
  ATTR_MODEL_POLICY_ESCALATED_TIER,
  ATTR_MODEL_POLICY_EVIDENCE_COVERAGE,
  ATTR_MODEL_POLICY_FALLBACK_REASON,
  ATTR_MODEL_POLICY_FALLBACK_USED,
  ATTR_MODEL_POLICY_INPUT_TOKENS_ESTIMATED,
  ATTR_MODEL_POLICY_INPUT_TOKENS_METHOD,
  ATTR_MODEL_POLICY_MODEL_REQUESTED,
  ATTR_MODEL_POLICY_MODEL_SERVED,
  ATTR_MODEL_POLICY_OUTCOME,
  ATTR_MODEL_POLICY_REVIEW_REASONS,
  ATTR_MODEL_POLICY_REVIEW_TRIGGERED,
} from "./attributes.js";
import { sanitizeAttributes } from "./sanitize-attributes.js";
import {
  ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_OUTPUT_TOKENS,
} from "./semconv.js";

/**
 * The routed-call span's attributes that are known only once the call ended, read from the
 * record that results and `RoutedCallError`s both carry, so success and failure report the same
 * facts. Optional facts are left out rather than set to placeholders, so a query for "has
 * fallback reason" means what it says. What the policy fixes (evidence and review required) is
 * already on the span from its start attributes and is not set twice.
 */
export function recordAttributes(record: RouteRecord): Attributes {
  // Built by assignment, not as a literal with computed keys: on Node 20's V8 each computed key
  // in a literal is a slow runtime define (~0.1 µs each, per call).
  const attributes: Attributes = {};
  attributes[ATTR_MODEL_POLICY_OUTCOME] = record.outcome;
  attributes[ATTR_MODEL_POLICY_ATTEMPTS] = sentAttempts(record);
  attributes[ATTR_MODEL_POLICY_MODEL_REQUESTED] = record.modelRequested;
  attributes[ATTR_MODEL_POLICY_REVIEW_TRIGGERED] = record.review.triggered;
  attributes[ATTR_MODEL_POLICY_REVIEW_REASONS] = record.review.reasons.slice();
  attributes[ATTR_MODEL_POLICY_FALLBACK_USED] = record.fallback.used;
  attributes[ATTR_MODEL_POLICY_COST_KNOWN] = record.costUsd !== null;
  attributes[ATTR_GEN_AI_USAGE_INPUT_TOKENS] = record.usage.inputTokens;
  attributes[ATTR_GEN_AI_USAGE_OUTPUT_TOKENS] = record.usage.outputTokens;
  if (record.inputTokens !== undefined) {
    attributes[ATTR_MODEL_POLICY_INPUT_TOKENS_ESTIMATED] = record.inputTokens.tokens;
    attributes[ATTR_MODEL_POLICY_INPUT_TOKENS_METHOD] = record.inputTokens.method;
  }
  if (record.evidence.required && record.evidence.coverage !== undefined) {
    attributes[ATTR_MODEL_POLICY_EVIDENCE_COVERAGE] = record.evidence.coverage;
  }
  if (record.fallback.reason !== undefined) attributes[ATTR_MODEL_POLICY_FALLBACK_REASON] = record.fallback.reason;
  if (record.modelServed !== undefined) attributes[ATTR_MODEL_POLICY_MODEL_SERVED] = record.modelServed;
  if (record.costUsd !== null) attributes[ATTR_MODEL_POLICY_COST_USD] = record.costUsd;
  if (record.escalatedToTier !== undefined) attributes[ATTR_MODEL_POLICY_ESCALATED_TIER] = record.escalatedToTier;
  if (record.usage.cachedInputTokens)
    attributes[ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS] = record.usage.cachedInputTokens;
  return sanitizeAttributes(attributes);
}

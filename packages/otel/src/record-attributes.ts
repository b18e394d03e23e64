import { type RouteRecord, sentAttempts } from "@modelpolicy/core";
import {
  ATTR_MODEL_POLICY_ATTEMPTS,
  ATTR_MODEL_POLICY_BUDGET_ACTION,
  ATTR_MODEL_POLICY_BUDGET_LIMIT_USD,
  ATTR_MODEL_POLICY_BUDGET_REMAINING_USD,
  ATTR_MODEL_POLICY_BUDGET_WINDOW,
  ATTR_MODEL_POLICY_COST_KNOWN,
  ATTR_MODEL_POLICY_COST_USD,
  ATTR_MODEL_POLICY_DECISION,
  ATTR_MODEL_POLICY_ESCALATED_TIER,
  ATTR_MODEL_POLICY_EVIDENCE_COVERAGE,
  ATTR_MODEL_POLICY_EVIDENCE_FIELDS_REQUIRED,
  ATTR_MODEL_POLICY_EVIDENCE_FIELDS_VERIFIED,
  ATTR_MODEL_POLICY_FALLBACK_REASON,
  ATTR_MODEL_POLICY_FALLBACK_USED,
  ATTR_MODEL_POLICY_INPUT_TOKENS_ESTIMATED,
  ATTR_MODEL_POLICY_INPUT_TOKENS_METHOD,
  ATTR_MODEL_POLICY_MODEL_REQUESTED,
  ATTR_MODEL_POLICY_MODEL_SERVED,
  ATTR_MODEL_POLICY_OUTCOME,
  ATTR_MODEL_POLICY_REVIEW_REASONS,
  ATTR_MODEL_POLICY_REVIEW_TRIGGERED,
  ATTR_MODEL_POLICY_TIME_TO_FIRST_CHUNK,
  ATTR_MODEL_POLICY_USAGE_CACHE_CREATION_INPUT_TOKENS,
  ATTR_MODEL_POLICY_USAGE_CACHE_READ_INPUT_TOKENS,
  ATTR_MODEL_POLICY_USAGE_INPUT_TOKENS,
  ATTR_MODEL_POLICY_USAGE_OUTPUT_TOKENS,
  ATTR_MODEL_POLICY_USAGE_SOURCE,
} from "@modelpolicy/core/conventions";
import type { Attributes } from "@opentelemetry/api";
import { decisionSummary } from "./decision-summary.js";
import { sanitizeAttributes } from "./sanitize-attributes.js";

/**
 * The routed-call span's attributes that are known only once the call ended, read from the
 * record that results and `RoutedCallError`s both carry, so success and failure report the same
 * facts. Optional facts are left out rather than set to placeholders, so a query for "has
 * fallback reason" means what it says. What the policy fixes (evidence and review required) is
 * already on the span from its start attributes and is not set twice.
 *
 * Usage is `model_policy.usage.*`, never `gen_ai.usage.*`: the attempt spans under this one
 * carry the GenAI usage, and a GenAI backend that sums it over spans would count the call twice.
 * Evidence coverage comes with its two counts, because OpenTelemetry JS exports a coverage of
 * exactly 0 or 1 as an int (see docs/decisions/2026-11-30-traces-explain-themselves.md).
 */
export function recordAttributes(record: RouteRecord): Attributes {
  const attributes: Attributes = {
    [ATTR_MODEL_POLICY_OUTCOME]: record.outcome,
    [ATTR_MODEL_POLICY_ATTEMPTS]: sentAttempts(record),
    [ATTR_MODEL_POLICY_MODEL_REQUESTED]: record.modelRequested,
    [ATTR_MODEL_POLICY_REVIEW_TRIGGERED]: record.review.triggered,
    [ATTR_MODEL_POLICY_REVIEW_REASONS]: record.review.reasons.slice(),
    [ATTR_MODEL_POLICY_FALLBACK_USED]: record.fallback.used,
    [ATTR_MODEL_POLICY_COST_KNOWN]: record.costUsd !== null,
    [ATTR_MODEL_POLICY_USAGE_INPUT_TOKENS]: record.usage.inputTokens,
    [ATTR_MODEL_POLICY_USAGE_OUTPUT_TOKENS]: record.usage.outputTokens,
    [ATTR_MODEL_POLICY_DECISION]: decisionSummary(record),
  };
  if (record.inputTokens !== undefined) {
    attributes[ATTR_MODEL_POLICY_INPUT_TOKENS_ESTIMATED] = record.inputTokens.tokens;
    attributes[ATTR_MODEL_POLICY_INPUT_TOKENS_METHOD] = record.inputTokens.method;
  }
  if (record.evidence.required && record.evidence.coverage !== undefined) {
    attributes[ATTR_MODEL_POLICY_EVIDENCE_COVERAGE] = record.evidence.coverage;
    let verified = 0;
    for (const field of record.evidence.fields) if (field.verified) verified += 1;
    attributes[ATTR_MODEL_POLICY_EVIDENCE_FIELDS_VERIFIED] = verified;
    attributes[ATTR_MODEL_POLICY_EVIDENCE_FIELDS_REQUIRED] = record.evidence.fields.length;
  }
  if (record.fallback.reason !== undefined) attributes[ATTR_MODEL_POLICY_FALLBACK_REASON] = record.fallback.reason;
  if (record.modelServed !== undefined) attributes[ATTR_MODEL_POLICY_MODEL_SERVED] = record.modelServed;
  if (record.costUsd !== null) attributes[ATTR_MODEL_POLICY_COST_USD] = record.costUsd;
  if (record.escalatedToTier !== undefined) attributes[ATTR_MODEL_POLICY_ESCALATED_TIER] = record.escalatedToTier;
  if (record.usage.cachedInputTokens) {
    attributes[ATTR_MODEL_POLICY_USAGE_CACHE_READ_INPUT_TOKENS] = record.usage.cachedInputTokens;
  }
  if (record.usage.cacheWriteInputTokens) {
    attributes[ATTR_MODEL_POLICY_USAGE_CACHE_CREATION_INPUT_TOKENS] = record.usage.cacheWriteInputTokens;
  }
  if (record.timeToFirstChunkMs !== undefined) {
    attributes[ATTR_MODEL_POLICY_TIME_TO_FIRST_CHUNK] = record.timeToFirstChunkMs / 1000;
  }
  if (record.spend !== undefined) {
    // Remaining spend is the replica's view after the call: a gauge to alert on, not an invoice.
    attributes[ATTR_MODEL_POLICY_BUDGET_LIMIT_USD] = record.spend.limitUsd;
    attributes[ATTR_MODEL_POLICY_BUDGET_REMAINING_USD] = record.spend.remainingUsd;
    attributes[ATTR_MODEL_POLICY_BUDGET_WINDOW] = record.spend.window;
    if (record.spend.decision !== undefined) {
      attributes[ATTR_MODEL_POLICY_BUDGET_ACTION] = record.spend.decision.action;
    }
  }
  const usageSource = usageSourceOf(record);
  if (usageSource !== undefined) attributes[ATTR_MODEL_POLICY_USAGE_SOURCE] = usageSource;
  return sanitizeAttributes(attributes);
}

/**
 * `estimated` when any attempt's counts were estimated, `provider` when every attempt that used
 * tokens had the provider's, `undefined` when none used any: cost priced on an estimate must not
 * read as billed.
 */
function usageSourceOf(record: RouteRecord): "provider" | "estimated" | undefined {
  let source: "provider" | "estimated" | undefined;
  for (const attempt of record.attempts) {
    if (attempt.usageSource === "estimated") return "estimated";
    const { usage } = attempt;
    if (attempt.usageSource === "provider" || usage.inputTokens + usage.outputTokens > 0) source = "provider";
  }
  return source;
}

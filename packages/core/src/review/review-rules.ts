import type { ModelPolicy, RiskLevel } from "../policy/policy-schema.js";
import { RISK_LEVELS } from "../policy/policy-schema.js";

/** Why a call went to review; carried as `model_policy.review.reasons`. */
export type ReviewReason =
  | "always"
  | "risk"
  | "evidence_gap"
  | "low_confidence"
  | "fallback_used"
  | "partial"
  | "budget_exhausted";

/** What the router knows when it decides review. */
export interface ReviewFacts {
  /** Risk from the request, or the output's `risk_level`, whichever is higher. */
  risk?: RiskLevel;
  /** The output's `confidence`, 0 to 1. */
  confidence?: number;
  /** Evidence coverage when the policy requires evidence. */
  evidenceCoverage?: number;
  fallbackUsed: boolean;
  partial: boolean;
  /** The policy's spend budget was used up and its `on_exhausted` is `review`. */
  budgetExhausted?: boolean;
}

/** The review decision. */
export interface ReviewDecision {
  readonly required: boolean;
  readonly triggered: boolean;
  readonly reasons: readonly ReviewReason[];
}

/**
 * Applies a policy's review conditions. Evidence required but not complete always reviews,
 * whatever `evidence_coverage_below` says, because an unsupported field is exactly what a
 * reviewer must see; the threshold only makes review stricter.
 */
export function decideReview(policy: ModelPolicy, facts: ReviewFacts): ReviewDecision {
  const reasons: ReviewReason[] = [];
  const conditions = policy.review;
  if (policy.review_required) reasons.push("always");
  if (
    conditions.risk_at_or_above !== undefined &&
    facts.risk !== undefined &&
    riskRank(facts.risk) >= riskRank(conditions.risk_at_or_above)
  ) {
    reasons.push("risk");
  }
  if (facts.evidenceCoverage !== undefined) {
    const threshold = conditions.evidence_coverage_below;
    const gap = policy.evidence_required && facts.evidenceCoverage < 1;
    if (gap || (threshold !== undefined && facts.evidenceCoverage < threshold)) reasons.push("evidence_gap");
  }
  if (
    conditions.confidence_below !== undefined &&
    facts.confidence !== undefined &&
    facts.confidence < conditions.confidence_below
  ) {
    reasons.push("low_confidence");
  }
  if (conditions.on_fallback && facts.fallbackUsed) reasons.push("fallback_used");
  if (facts.partial) reasons.push("partial");
  if (facts.budgetExhausted) reasons.push("budget_exhausted");
  return { required: policy.review_required, triggered: reasons.length > 0, reasons };
}

/** Position in {@link RISK_LEVELS}; higher is riskier. */
export function riskRank(level: RiskLevel): number {
  return RISK_LEVELS.indexOf(level);
}

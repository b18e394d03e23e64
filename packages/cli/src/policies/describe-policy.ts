import type { FallbackStep, PolicyTable, ResolvedPolicy } from "@modelpolicy/core";

/** `strong (gpt-4.1)`: a tier with the model behind it. */
export function describeTier(table: PolicyTable, tier: string): string {
  const binding = table.tiers[tier];
  return binding ? `${tier} (${binding.model})` : tier;
}

/**
 * The models a policy resolves to, in chain order: `openai/gpt-4.1-nano -> openai/gpt-4.1`. The
 * diff shows it beside `model_tier` because a tier rebound in `tiers` changes it while the policy
 * itself reads the same.
 */
export function describeModels(policy: ResolvedPolicy): string {
  return policy.models.map((target) => `${target.provider}/${target.model}`).join(" -> ");
}

/** Review as one phrase: `always`, or the conditions (`risk>=high, coverage<1, on fallback`), or `never`. */
export function describeReview(policy: ResolvedPolicy): string {
  const parts: string[] = [];
  if (policy.review_required) parts.push("always");
  const review = policy.review;
  if (review.risk_at_or_above) parts.push(`risk>=${review.risk_at_or_above}`);
  if (review.evidence_coverage_below !== undefined) parts.push(`coverage<${review.evidence_coverage_below}`);
  if (review.confidence_below !== undefined) parts.push(`confidence<${review.confidence_below}`);
  if (review.on_fallback) parts.push("on fallback");
  return parts.length === 0 ? "never" : parts.join(", ");
}

/** The fallback chain as written: `next_tier`, or `gpt-4o -> partial`. */
export function describeFallback(policy: ResolvedPolicy): string {
  const steps = policy.fallback_steps ?? [policy.fallback_policy];
  return steps.map(describeStep).join(" -> ");
}

function describeStep(step: FallbackStep): string {
  if (typeof step === "string") return step;
  if ("tier" in step) return `tier ${step.tier}`;
  return step.provider ? `${step.provider}/${step.model}` : step.model;
}

/** Retry settings, compact: `2x, repair 1, evidence 1, 250-10000ms`. */
export function describeRetry(policy: ResolvedPolicy): string {
  const retry = policy.retry;
  return `${retry.max_attempts}x, repair ${retry.repair_attempts}, evidence ${retry.evidence_attempts}, ${retry.base_delay_ms}-${retry.max_delay_ms}ms`;
}

/** `contracts.judge_risk@4`. */
export function policyRef(policy: ResolvedPolicy): string {
  return `${policy.id}@${policy.version}`;
}

import type { PolicyTableInput } from "../policy/policy-schema.js";
import type { ScriptedAdapter } from "./scripted-adapter.js";

/**
 * A small valid table over the `scripted` provider of {@link ScriptedAdapter}: three tiers
 * (`fast-model`, `standard-model`, `strong-model`, priced), two latency tiers, and three routes
 * (`classification`, `extraction` with evidence, `risk_judgement` with review rules). Tests of
 * middleware and workflows start from it and override what they exercise.
 */
export function scriptedTable(overrides: Partial<PolicyTableInput> = {}): PolicyTableInput {
  return {
    version: "2026-11-01",
    tiers: {
      fast: { provider: "scripted", model: "fast-model", context_window: 16_000, max_output_tokens: 4_000 },
      standard: { provider: "scripted", model: "standard-model", context_window: 128_000 },
      strong: { provider: "scripted", model: "strong-model", context_window: 400_000 },
    },
    prices: {
      "fast-model": { input_per_million: 1, output_per_million: 2 },
      "standard-model": { input_per_million: 3, output_per_million: 6 },
      "strong-model": { input_per_million: 10, output_per_million: 30 },
    },
    latency_tiers: {
      fast: { max_concurrent: 2, max_queue: 4, timeout_ms: 5_000 },
      slow: { max_concurrent: 2, max_queue: 50, timeout_ms: 10_000 },
    },
    policies: [
      {
        id: "classify",
        version: "1",
        task: "classification",
        model_tier: "fast",
        max_input_tokens: 2_000,
        max_output_tokens: 200,
        evidence_required: false,
        review_required: false,
        fallback_policy: "next_tier",
        latency_tier: "fast",
        retry: { max_attempts: 2, base_delay_ms: 1, max_delay_ms: 5 },
      },
      {
        id: "extract",
        version: "3",
        task: "extraction",
        model_tier: "standard",
        max_input_tokens: 8_000,
        max_output_tokens: 1_000,
        evidence_required: true,
        review_required: false,
        fallback_policy: "next_tier",
        latency_tier: "slow",
        review: { evidence_coverage_below: 0.9 },
        retry: { max_attempts: 1, repair_attempts: 1, evidence_attempts: 1, base_delay_ms: 1, max_delay_ms: 5 },
      },
      {
        id: "risk",
        version: "2",
        task: "risk_judgement",
        model_tier: "strong",
        max_input_tokens: 8_000,
        max_output_tokens: 1_000,
        evidence_required: false,
        review_required: false,
        fallback_policy: "stop",
        latency_tier: "slow",
        review: { risk_at_or_above: "high", confidence_below: 0.6 },
        retry: { max_attempts: 3, base_delay_ms: 1, max_delay_ms: 5 },
      },
    ],
    ...overrides,
  };
}

import type { FallbackStep, ModelPolicy } from "../policy/policy-schema.js";
import type { PolicyTable } from "../policy/policy-table.js";

/** Where one link of a call's chain sends it. */
export type ChainTarget =
  | {
      readonly kind: "model";
      readonly provider: string;
      readonly model: string;
      readonly tier: string | undefined;
      /** The policy's output limit, capped by the tier's. */
      readonly maxOutputTokens: number;
    }
  | { readonly kind: "partial" }
  | { readonly kind: "stop" };

/**
 * Expands a policy into the ordered targets a call may use: its own tier first, then its
 * fallback steps (`fallback_steps`, else the single `fallback_policy`), ending in an implied
 * `stop`. `startTier` replaces the policy's tier when over-budget input was escalated.
 */
export function buildChain(policy: ModelPolicy, table: PolicyTable, startTier = policy.model_tier): ChainTarget[] {
  const targets: ChainTarget[] = [tierTarget(policy, table, startTier)];
  const steps: readonly FallbackStep[] = policy.fallback_steps ?? [policy.fallback_policy];
  let current = startTier;
  let currentProvider = table.tiers[startTier]?.provider ?? "";
  for (const step of steps) {
    if (step === "partial" || step === "stop") {
      targets.push({ kind: step });
      return targets;
    }
    if (step === "next_tier") {
      const next = table.tierOrder[table.tierOrder.indexOf(current) + 1];
      if (next === undefined) break;
      current = next;
      targets.push(tierTarget(policy, table, next));
    } else if ("tier" in step) {
      current = step.tier;
      targets.push(tierTarget(policy, table, step.tier));
    } else {
      targets.push({
        kind: "model",
        provider: step.provider ?? currentProvider,
        model: step.model,
        tier: undefined,
        maxOutputTokens: policy.max_output_tokens,
      });
      continue;
    }
    currentProvider = table.tiers[current]?.provider ?? currentProvider;
  }
  targets.push({ kind: "stop" });
  return targets;
}

function tierTarget(policy: ModelPolicy, table: PolicyTable, tier: string): ChainTarget {
  const binding = table.tiers[tier];
  if (!binding) throw new Error(`tier "${tier}" is not declared`);
  return {
    kind: "model",
    provider: binding.provider,
    model: binding.model,
    tier,
    maxOutputTokens: Math.min(policy.max_output_tokens, binding.max_output_tokens ?? Number.POSITIVE_INFINITY),
  };
}

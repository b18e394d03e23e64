import type { FallbackStep, ModelPolicy } from "../policy/policy-schema.js";
import type { PolicyTable } from "../policy/policy-table.js";

/** A link of a call's chain that sends it to a model. */
export interface ModelTarget {
  readonly kind: "model";
  readonly provider: string;
  readonly model: string;
  /** The tier the model came from; `undefined` for a `{ model }` fallback step. */
  readonly tier: string | undefined;
  /** The policy's output limit, capped by the tier's. */
  readonly maxOutputTokens: number;
}

/** Where one link of a call's chain sends it: a model, the best partial answer so far, or nowhere. */
export type ChainTarget = ModelTarget | { readonly kind: "partial" } | { readonly kind: "stop" };

/**
 * A call's chain: the ordered targets it may use, its policy's own tier first, then its fallback
 * steps (`fallback_steps`, else the single `fallback_policy`), ending in `partial` or `stop`
 * (implied when the steps do not say). `startTier` replaces the policy's tier when over-budget
 * input was escalated; `next_tier` past the last tier ends the chain.
 */
export function fallbackChain(policy: ModelPolicy, table: PolicyTable, startTier = policy.model_tier): ChainTarget[] {
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

/**
 * The target of a declared tier for a policy: the tier's model, with the policy's output limit
 * capped by the tier's. The chain's own steps use it, and so does a spend budget that degrades a
 * call to a cheaper tier.
 */
export function tierTarget(policy: ModelPolicy, table: PolicyTable, tier: string): ModelTarget {
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

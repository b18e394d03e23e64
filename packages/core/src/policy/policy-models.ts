import type { FallbackStep, ModelPolicy, TierBinding } from "./policy-schema.js";

/** One provider and model that may serve a policy's calls. */
export interface PolicyModel {
  readonly provider: string;
  readonly model: string;
}

/**
 * The models a policy resolves to through its table, in the order a call may use them: its own
 * tier's binding, then each model target of its fallback chain (`next_tier` and named tiers read
 * through the tier bindings, a named model on the provider in effect unless it names one). This
 * is what the policy's version stands for as much as its own fields: rebinding a tier changes
 * what the route runs without touching the policy, so the digest covers this list. It walks the
 * chain the way the router's `buildChain` does; over-budget escalation is left out, because the
 * tier it picks depends on each call's input.
 */
export function policyModels(policy: ModelPolicy, tiers: Readonly<Record<string, TierBinding>>): PolicyModel[] {
  const order = Object.keys(tiers);
  const binding = (tier: string): PolicyModel | undefined => {
    const bound = tiers[tier];
    return bound ? { provider: bound.provider, model: bound.model } : undefined;
  };
  const first = binding(policy.model_tier);
  const models: PolicyModel[] = first ? [first] : [];
  let current = policy.model_tier;
  let provider = first?.provider;
  const steps: readonly FallbackStep[] = policy.fallback_steps ?? [policy.fallback_policy];
  for (const step of steps) {
    if (step === "partial" || step === "stop") break;
    if (typeof step === "object" && "model" in step) {
      models.push({ provider: step.provider ?? provider ?? "", model: step.model });
      continue;
    }
    const next = step === "next_tier" ? order[order.indexOf(current) + 1] : step.tier;
    const target = next === undefined ? undefined : binding(next);
    if (next === undefined || target === undefined) break;
    current = next;
    provider = target.provider;
    models.push(target);
  }
  return models;
}

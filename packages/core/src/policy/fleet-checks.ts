import type { PolicyTableIssue } from "../errors/policy-table-error.js";
import type { ModelPolicy, TierBinding } from "./policy-schema.js";

/**
 * The checks of a policy's fleet fields that need the table's tiers: `max_tier` names a declared
 * tier at or above the policy's own, and a spend budget's `degrade_to` names a declared tier
 * cheaper (declared earlier) than the policy's, so degrading always saves money. Fallback steps
 * past `max_tier` are checked where the chain is walked.
 */
export function checkTierCaps(
  policy: Partial<ModelPolicy>,
  tierNames: readonly string[],
  at: (...rest: (string | number)[]) => (string | number)[],
): PolicyTableIssue[] {
  const issues: PolicyTableIssue[] = [];
  const own = policy.model_tier === undefined ? -1 : tierNames.indexOf(policy.model_tier);
  if (policy.max_tier !== undefined) {
    const cap = tierNames.indexOf(policy.max_tier);
    if (cap < 0) {
      issues.push({
        path: at("max_tier"),
        code: "unknown_tier",
        message: `tier "${policy.max_tier}" is not declared in tiers (declared: ${tierNames.join(", ")})`,
      });
    } else if (own > cap) {
      issues.push({
        path: at("max_tier"),
        code: "below_model_tier",
        message: `max_tier "${policy.max_tier}" is cheaper than the policy's own tier "${policy.model_tier}"`,
      });
    }
  }
  const degradeTo = policy.spend_budget?.degrade_to;
  if (degradeTo !== undefined) {
    const target = tierNames.indexOf(degradeTo);
    if (target < 0) {
      issues.push({
        path: at("spend_budget", "degrade_to"),
        code: "unknown_tier",
        message: `tier "${degradeTo}" is not declared in tiers (declared: ${tierNames.join(", ")})`,
      });
    } else if (own >= 0 && target >= own) {
      issues.push({
        path: at("spend_budget", "degrade_to"),
        code: "not_cheaper",
        message: `degrade_to "${degradeTo}" is not cheaper than the policy's tier "${policy.model_tier}" (tiers are declared cheapest first)`,
      });
    }
  }
  return issues;
}

/**
 * A rate limit's key names a provider account (`openai`) or one of its models
 * (`openai/gpt-4.1`, split at the first `/`, so model names may contain slashes), and must name
 * a provider and model the table can send to: a misspelt key would otherwise limit nothing,
 * silently.
 */
export function checkRateLimitKeys(
  rateLimits: Readonly<Record<string, unknown>> | undefined,
  tiers: Readonly<Record<string, TierBinding>>,
  policies: readonly Partial<ModelPolicy>[],
): PolicyTableIssue[] {
  if (rateLimits === undefined) return [];
  const models = new Set<string>();
  const providers = new Set<string>();
  for (const binding of Object.values(tiers)) {
    providers.add(binding.provider);
    models.add(`${binding.provider}/${binding.model}`);
  }
  for (const policy of policies) {
    const provider = policy.model_tier === undefined ? undefined : tiers[policy.model_tier]?.provider;
    for (const step of policy.fallback_steps ?? []) {
      if (typeof step !== "object" || !("model" in step)) continue;
      const stepProvider = step.provider ?? provider;
      if (stepProvider === undefined) continue;
      providers.add(stepProvider);
      models.add(`${stepProvider}/${step.model}`);
    }
  }
  const issues: PolicyTableIssue[] = [];
  for (const key of Object.keys(rateLimits)) {
    const known = key.includes("/") ? models.has(key) : providers.has(key);
    if (known) continue;
    const what = key.includes("/") ? "a provider/model" : "a provider";
    const choices = key.includes("/") ? [...models] : [...providers];
    issues.push({
      path: ["rate_limits", key],
      code: "unknown_rate_limit_key",
      message: `"${key}" is not ${what} this table sends to (known: ${choices.join(", ")})`,
    });
  }
  return issues;
}

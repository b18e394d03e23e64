import type { PolicyTableIssue } from "../errors/policy-table-error.js";
import { checkRateLimitKeys, checkTierCaps } from "./fleet-checks.js";
import type { FallbackStep, ModelPolicy, TierBinding } from "./policy-schema.js";

interface CheckedTable {
  tiers: Record<string, TierBinding>;
  latencyTierNames: ReadonlySet<string>;
  /**
   * A policy that failed the schema comes with only the fields that passed on their own, so its
   * other problems are still named; a check runs only when all of its fields are there.
   */
  policies: readonly Partial<ModelPolicy>[];
  unknownTask: string | undefined;
  /** Only the keys are checked here; the schema checks the limits. */
  rateLimits?: Readonly<Record<string, unknown>> | undefined;
}

/**
 * The checks that span fields: names that must refer to something declared, uniqueness, output
 * limits against tier caps, fallback chains that revisit a tier or pass `max_tier`, and rate
 * limits keyed by a provider or model the table never sends to. Returns every problem, so
 * the user fixes the file once.
 */
export function crossCheckTable(table: CheckedTable): PolicyTableIssue[] {
  const issues: PolicyTableIssue[] = [];
  const tierNames = Object.keys(table.tiers);
  const seenIds = new Map<string, number>();
  const seenTasks = new Map<string, number>();

  table.policies.forEach((policy, index) => {
    const at = (...rest: (string | number)[]) => ["policies", index, ...rest];
    const firstId = policy.id === undefined ? undefined : seenIds.get(policy.id);
    if (policy.id === undefined) {
      // nothing to compare
    } else if (firstId !== undefined) {
      issues.push({
        path: at("id"),
        code: "duplicate_id",
        message: `duplicate policy id "${policy.id}" (first at policies[${firstId}])`,
      });
    } else seenIds.set(policy.id, index);
    const firstTask = policy.task === undefined ? undefined : seenTasks.get(policy.task);
    if (policy.task === undefined) {
      // nothing to compare
    } else if (firstTask !== undefined) {
      issues.push({
        path: at("task"),
        code: "duplicate_task",
        message: `duplicate task "${policy.task}" (first at policies[${firstTask}])`,
      });
    } else seenTasks.set(policy.task, index);

    const tier = policy.model_tier === undefined ? undefined : table.tiers[policy.model_tier];
    if (policy.model_tier === undefined) {
      // the schema already named it
    } else if (!tier) {
      issues.push({
        path: at("model_tier"),
        code: "unknown_tier",
        message: `tier "${policy.model_tier}" is not declared in tiers (declared: ${tierNames.join(", ")})`,
      });
    } else if (
      tier.max_output_tokens !== undefined &&
      policy.max_output_tokens !== undefined &&
      policy.max_output_tokens > tier.max_output_tokens
    ) {
      issues.push({
        path: at("max_output_tokens"),
        code: "above_tier_cap",
        message: `${policy.max_output_tokens} is above tier "${policy.model_tier}" output cap ${tier.max_output_tokens}`,
      });
    }
    if (policy.latency_tier !== undefined && !table.latencyTierNames.has(policy.latency_tier)) {
      issues.push({
        path: at("latency_tier"),
        code: "unknown_latency_tier",
        message: `latency tier "${policy.latency_tier}" is not declared (declared: ${[...table.latencyTierNames].join(", ")})`,
      });
    }
    issues.push(...checkTierCaps(policy, tierNames, at));
    issues.push(...checkFallback(policy, tierNames, at));
  });
  issues.push(...checkRateLimitKeys(table.rateLimits, table.tiers, table.policies));

  if (table.unknownTask !== undefined && !seenIds.has(table.unknownTask)) {
    issues.push({
      path: ["unknown_task"],
      code: "unknown_policy",
      message: `unknown_task names policy id "${table.unknownTask}", which is not declared`,
    });
  }
  return issues;
}

function checkFallback(
  policy: Partial<ModelPolicy>,
  tierNames: readonly string[],
  at: (...rest: (string | number)[]) => (string | number)[],
): PolicyTableIssue[] {
  const issues: PolicyTableIssue[] = [];
  const configured = policy.fallback_steps ?? (policy.fallback_policy ? [policy.fallback_policy] : undefined);
  if (policy.model_tier === undefined || configured === undefined) return [];
  const steps: readonly FallbackStep[] = configured;
  const visited = new Set<string>([`tier:${policy.model_tier}`]);
  let current = tierNames.indexOf(policy.model_tier);
  const cap = policy.max_tier === undefined ? -1 : tierNames.indexOf(policy.max_tier);
  steps.forEach((step, stepIndex) => {
    const path = policy.fallback_steps ? at("fallback_steps", stepIndex) : at("fallback_policy");
    let key: string | undefined;
    if (step === "next_tier") {
      if (current >= 0 && current + 1 >= tierNames.length) {
        issues.push({
          path,
          code: "no_next_tier",
          message: `next_tier after "${tierNames[current]}", the last declared tier`,
        });
        return;
      }
      current += 1;
      key = `tier:${tierNames[current]}`;
    } else if (typeof step === "object" && "tier" in step) {
      if (!tierNames.includes(step.tier)) {
        issues.push({
          path: [...path, "tier"],
          code: "unknown_tier",
          message: `fallback tier "${step.tier}" is not declared in tiers`,
        });
        return;
      }
      current = tierNames.indexOf(step.tier);
      key = `tier:${step.tier}`;
    } else if (typeof step === "object" && "model" in step) {
      key = `model:${step.model}`;
    } else if (stepIndex !== steps.length - 1) {
      issues.push({ path, code: "unreachable_steps", message: `"${step}" ends the chain, but steps follow it` });
    }
    if (key?.startsWith("tier:") && cap >= 0 && current > cap) {
      issues.push({
        path,
        code: "above_max_tier",
        message: `fallback to tier "${tierNames[current]}" passes the policy's max_tier "${policy.max_tier}"`,
      });
    }
    if (key !== undefined) {
      if (visited.has(key)) {
        issues.push({
          path,
          code: "fallback_cycle",
          message: `fallback chain returns to ${key.replace(":", " ")} (a cycle)`,
        });
      }
      visited.add(key);
    }
  });
  return issues;
}

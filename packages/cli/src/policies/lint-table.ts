import { createHash } from "node:crypto";
import type { PolicyTable, ResolvedPolicy } from "@modelpolicy/core";

/** One piece of advice about a valid table. */
export interface LintAdvice {
  readonly rule: "consolidate" | "evidence-schema" | "context-window" | "single-provider" | "fallback-context-window";
  readonly tasks: readonly string[];
  readonly message: string;
}

/** What is known about a route's output, from the eval suite (the table alone cannot say). */
export interface RouteOutputShape {
  /** `false`: the route answers plain text. */
  readonly structured: boolean;
  /** The output schema has a top-level `evidence` field. */
  readonly hasEvidenceField: boolean;
}

/** Lint's findings: advice, and rules or routes it could not check (said, never silently skipped). */
export interface LintResult {
  readonly advice: readonly LintAdvice[];
  readonly skipped: readonly string[];
}

/**
 * Advice on a table that already validated: policies identical in everything but their name
 * (consolidate them, so one change reaches both), evidence required by a route whose output has
 * no evidence field (the call can never verify, so it always goes to review), budgets whose
 * input plus output exceed the tier's context window (the model cannot take them), a route
 * marked `critical` whose fallback chain never leaves one provider (one outage stops it), and a
 * fallback to a model whose context window is below the route's input budget (the call that
 * needed the fallback may not fit there). `outputs` comes from `--suite`; without it the
 * evidence rule is skipped and says so.
 */
export function lintTable(table: PolicyTable, outputs?: ReadonlyMap<string, RouteOutputShape>): LintResult {
  const advice: LintAdvice[] = [];
  const skipped: string[] = [];

  const groups = new Map<string, ResolvedPolicy[]>();
  for (const policy of table.policies) {
    const key = contentKey(policy, table);
    groups.set(key, [...(groups.get(key) ?? []), policy]);
  }
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    advice.push({
      rule: "consolidate",
      tasks: group.map((policy) => policy.task),
      message: `${group.map((policy) => `${policy.task} (${policy.id})`).join(", ")} are identical but for name, id and description: consider one policy, so a change reaches all of them.`,
    });
  }

  if (!outputs) {
    skipped.push("evidence-schema: needs --suite MODULE to read the routes' output schemas");
  } else {
    for (const policy of table.policies) {
      if (!policy.evidence_required) continue;
      const shape = outputs.get(policy.task);
      if (!shape) {
        skipped.push(`evidence-schema: ${policy.task} is not a route of the suite`);
        continue;
      }
      if (shape.hasEvidenceField) continue;
      advice.push({
        rule: "evidence-schema",
        tasks: [policy.task],
        message: shape.structured
          ? `${policy.task} requires evidence, but its output schema has no evidence field: every call will miss evidence and go to review.`
          : `${policy.task} requires evidence, but the route answers plain text: no evidence can be checked, so every call goes to review.`,
      });
    }
  }

  for (const policy of table.policies) {
    const tier = table.tiers[policy.model_tier];
    if (tier?.context_window === undefined) {
      skipped.push(`context-window: tier ${policy.model_tier} (${policy.task}) declares no context_window`);
      continue;
    }
    const total = policy.max_input_tokens + policy.max_output_tokens;
    if (total > tier.context_window) {
      advice.push({
        rule: "context-window",
        tasks: [policy.task],
        message: `${policy.task}: max_input_tokens ${policy.max_input_tokens} + max_output_tokens ${policy.max_output_tokens} = ${total} is above tier ${policy.model_tier}'s context_window ${tier.context_window}.`,
      });
    }
  }
  for (const policy of table.policies) {
    if (policy.critical) advice.push(...singleProviderAdvice(policy));
    fallbackWindows(policy, table, advice, skipped);
  }
  return { advice, skipped: [...new Set(skipped)] };
}

/** A critical route whose every model, fallbacks included, is on one provider. */
function singleProviderAdvice(policy: ResolvedPolicy): LintAdvice[] {
  const providers = new Set(policy.models.map((model) => model.provider));
  if (providers.size !== 1) return [];
  const [provider] = providers;
  const chain = policy.models.map((model) => model.model).join(" -> ");
  return [
    {
      rule: "single-provider",
      tasks: [policy.task],
      message: `${policy.task} is critical, but its fallback chain stays on ${provider} (${chain}): one ${provider} outage stops the route; add a fallback step on another provider.`,
    },
  ];
}

/**
 * Each fallback target's context window against the policy's input budget. A target's window
 * is the `context_window` of a tier bound to the same provider and model; a target no tier
 * binds (a `{ model, provider }` step) has no known window and is listed as not checked.
 */
function fallbackWindows(policy: ResolvedPolicy, table: PolicyTable, advice: LintAdvice[], skipped: string[]): void {
  const [first, ...fallbacks] = policy.models;
  for (const target of fallbacks) {
    if (target.provider === first?.provider && target.model === first?.model) continue;
    const name = `${target.provider}/${target.model}`;
    const window = Object.values(table.tiers).find(
      (tier) => tier.provider === target.provider && tier.model === target.model && tier.context_window !== undefined,
    )?.context_window;
    if (window === undefined) {
      skipped.push(`fallback-context-window: ${name} (a fallback of ${policy.task}) has no known context_window`);
    } else if (window < policy.max_input_tokens) {
      advice.push({
        rule: "fallback-context-window",
        tasks: [policy.task],
        message: `${policy.task}: its fallback ${name} has a context_window of ${window}, below the route's max_input_tokens ${policy.max_input_tokens}: a call near its budget cannot fall back there.`,
      });
    }
  }
}

/** Everything of a policy but what names it; the tier is resolved so `fast` here equals `fast` there. */
function contentKey(policy: ResolvedPolicy, table: PolicyTable): string {
  const { id: _id, task: _task, description: _description, version: _version, digest: _digest, ...rest } = policy;
  return createHash("sha256")
    .update(JSON.stringify(sortKeys({ ...rest, tier: table.tiers[policy.model_tier] })))
    .digest("hex");
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([, entry]) => entry !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([key, entry]) => [key, sortKeys(entry)]),
    );
  }
  return value;
}

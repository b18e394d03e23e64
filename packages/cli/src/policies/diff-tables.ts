import type { PolicyTable, ResolvedPolicy } from "@modelpolicy/core";
import { describeFallback, describeModels, describeRetry, describeReview, policyRef } from "./describe-policy.js";

/** One changed aspect of a route's policy, old and new as people read them. */
export interface FieldChange {
  readonly field: string;
  readonly old: string;
  readonly new: string;
}

/** What happened to one route between two tables. */
export interface RouteDiff {
  readonly task: string;
  readonly status: "added" | "removed" | "changed" | "unchanged";
  readonly old?: { readonly ref: string; readonly digest: string } | undefined;
  readonly new?: { readonly ref: string; readonly digest: string } | undefined;
  readonly changes: readonly FieldChange[];
  /** Content changed (digest differs) but id and version did not: nobody can tell the two apart in telemetry. */
  readonly unversioned: boolean;
}

/** Two tables compared: per route, and table-wide settings (version, tiers, prices, latency tiers). */
export interface TableDiff {
  readonly oldVersion: string;
  readonly newVersion: string;
  readonly routes: readonly RouteDiff[];
  readonly table: readonly FieldChange[];
}

type Aspect = readonly [field: string, read: (policy: ResolvedPolicy) => string];

/** The aspects compared, in the order people review them. */
const ASPECTS: readonly Aspect[] = [
  ["id", (policy) => policy.id],
  ["version", (policy) => policy.version],
  ["model_tier", (policy) => policy.model_tier],
  ["models", describeModels],
  ["max_input_tokens", (policy) => String(policy.max_input_tokens)],
  ["max_output_tokens", (policy) => String(policy.max_output_tokens)],
  ["on_budget_exceeded", (policy) => policy.on_budget_exceeded],
  ["evidence_required", (policy) => String(policy.evidence_required)],
  ["review", describeReview],
  ["fallback", describeFallback],
  ["fallback_on", (policy) => (policy.fallback_on ? policy.fallback_on.join(", ") : "default")],
  ["critical", (policy) => String(policy.critical ?? false)],
  ["latency_tier", (policy) => policy.latency_tier],
  ["timeout_ms", (policy) => (policy.timeout_ms === undefined ? "tier default" : String(policy.timeout_ms))],
  ["retry", describeRetry],
  ["temperature", (policy) => (policy.temperature === undefined ? "default" : String(policy.temperature))],
  ["description", (policy) => policy.description ?? ""],
];

/**
 * Compares two tables route by route (routes are matched by task). A route whose policy content
 * changed (its digest, which covers the models its tier and fallback targets resolve to, so a
 * rebound tier counts) while its id and version stayed the same is flagged `unversioned`: the
 * span attributes `model_policy.id`/`version` could no longer tell the two policies apart.
 */
export function diffTables(before: PolicyTable, after: PolicyTable): TableDiff {
  const tasks = [
    ...before.policies.map((policy) => policy.task),
    ...after.policies.map((policy) => policy.task).filter((task) => !before.policyFor(task)),
  ];
  const routes = tasks.map((task): RouteDiff => {
    const old = before.policyFor(task);
    const next = after.policyFor(task);
    const refOf = (policy: ResolvedPolicy) => ({ ref: policyRef(policy), digest: policy.digest });
    if (!old) return { task, status: "added", new: refOf(next!), changes: [], unversioned: false };
    if (!next) return { task, status: "removed", old: refOf(old), changes: [], unversioned: false };
    const changes = ASPECTS.flatMap(([field, read]) => {
      const [was, now] = [read(old), read(next)];
      return was === now ? [] : [{ field, old: was, new: now }];
    });
    const unversioned = old.digest !== next.digest && old.id === next.id && old.version === next.version;
    return {
      task,
      status: changes.length > 0 || old.digest !== next.digest ? "changed" : "unchanged",
      old: refOf(old),
      new: refOf(next),
      changes,
      unversioned,
    };
  });
  return { oldVersion: before.version, newVersion: after.version, routes, table: tableChanges(before, after) };
}

function tableChanges(before: PolicyTable, after: PolicyTable): FieldChange[] {
  const changes: FieldChange[] = [];
  const add = (field: string, old: string, next: string) => {
    if (old !== next) changes.push({ field, old, new: next });
  };
  add("version", before.version, after.version);
  const binding = (table: PolicyTable, tier: string) => {
    const entry = table.tiers[tier];
    return entry
      ? `${entry.provider}/${entry.model}${entry.context_window ? `, window ${entry.context_window}` : ""}`
      : "(none)";
  };
  for (const tier of new Set([...before.tierOrder, ...after.tierOrder])) {
    add(`tiers.${tier}`, binding(before, tier), binding(after, tier));
  }
  add("tier order", before.tierOrder.join(" < "), after.tierOrder.join(" < "));
  for (const model of new Set([...Object.keys(before.prices), ...Object.keys(after.prices)])) {
    add(`prices.${model}`, JSON.stringify(before.prices[model] ?? null), JSON.stringify(after.prices[model] ?? null));
  }
  for (const tier of new Set([...Object.keys(before.latencyTiers), ...Object.keys(after.latencyTiers)])) {
    add(
      `latency_tiers.${tier}`,
      JSON.stringify(before.latencyTiers[tier] ?? null),
      JSON.stringify(after.latencyTiers[tier] ?? null),
    );
  }
  add("unknown_task", before.unknownTask ?? "(none)", after.unknownTask ?? "(none)");
  return changes;
}

import { BudgetExhaustedError } from "../errors/budget-exhausted-error.js";
import type { Failure } from "../router/attempt-outcome.js";
import type { CallContext } from "../router/call-context.js";
import { type ModelTarget, tierTarget } from "../router/fallback-chain.js";
import type { AttemptRecord } from "../router/route-result.js";
import type { SpendDecision } from "./spend-report.js";

/** The spend budget's ruling on one target: go (perhaps to the cheaper tier instead), or move on. */
export type SpendRuling =
  | { readonly kind: "go"; readonly target: ModelTarget; readonly degraded: boolean }
  | { readonly kind: "refused"; readonly failure: Failure };

/**
 * Checks the policy's spend budget before a target of the call, its fallbacks included, so no
 * step of the chain can spend past it. Within budget, or without one, the target goes as it
 * is. Used up: `stop` throws {@link BudgetExhaustedError}; `review` lets the call go on and
 * flags its answer for review; `degrade` lets targets on the cheaper tier `degrade_to` (or a
 * cheaper one) go, moves the first more expensive target to that tier instead, and refuses the
 * later ones with `budget_exhausted`, which moves the call on as an open circuit does. The
 * decision is recorded once per call, at the first target the budget ruled on.
 */
export function spendGate(context: CallContext, target: ModelTarget): SpendRuling {
  const { policy } = context.call;
  const budget = policy.spend_budget;
  if (budget === undefined) return { kind: "go", target, degraded: false };
  const { runtime, state } = context;
  const spent = runtime.state.readSpend(policy.id, budget.window);
  const remaining = budget.usd - spent;
  const report = { limitUsd: budget.usd, window: budget.window, spentUsd: spent, remainingUsd: Math.max(0, remaining) };
  const firstRuling = state.spend?.decision === undefined;
  state.spend = { ...report, decision: state.spend?.decision };
  if (remaining > 0) return { kind: "go", target, degraded: false };

  const decide = (action: SpendDecision["action"], to?: ModelTarget) => {
    if (!firstRuling) return;
    const at = performance.timeOrigin + performance.now();
    state.spend = {
      ...report,
      decision: { action, at, fromModel: target.model, toTier: to?.tier, toModel: to?.model },
    };
  };
  if (budget.on_exhausted === "stop") {
    decide("stop");
    const sent = state.attempts.some((attempt) => attempt.outcome !== "skipped");
    throw new BudgetExhaustedError(
      budget.usd,
      spent,
      budget.window,
      state.toRecord(sent ? "failed" : "rejected", "budget_exhausted"),
    );
  }
  if (budget.on_exhausted === "review") {
    decide("review");
    return { kind: "go", target, degraded: false };
  }
  const order = runtime.table.tierOrder;
  const cheapTier = budget.degrade_to ?? policy.model_tier;
  const cheap = order.indexOf(cheapTier);
  if (target.tier !== undefined && order.indexOf(target.tier) <= cheap) return { kind: "go", target, degraded: false };
  if (firstRuling) {
    const cheaper = tierTarget(policy, runtime.table, cheapTier);
    decide("degrade", cheaper);
    state.fallbackReason ??= "budget_exhausted";
    return { kind: "go", target: cheaper, degraded: true };
  }
  return {
    kind: "refused",
    failure: { kind: "failure", errorClass: "budget_exhausted", error: undefined },
  };
}

/**
 * Adds a priced attempt's cost to its policy's spend in the state backend, when the policy has
 * a budget, and refreshes the call's view of what remains. Attempts of unknown price add
 * nothing: the record's `costUsd` is `null` for them, and a guess would be worse.
 */
export function recordSpend(context: CallContext, record: AttemptRecord): void {
  const budget = context.call.policy.spend_budget;
  if (budget === undefined || record.costUsd === null || record.costUsd <= 0) return;
  const { runtime, state } = context;
  const policyId = context.call.policy.id;
  runtime.state.addSpend(policyId, budget.window, record.costUsd);
  const spent = runtime.state.readSpend(policyId, budget.window);
  state.spend = {
    limitUsd: budget.usd,
    window: budget.window,
    spentUsd: spent,
    remainingUsd: Math.max(0, budget.usd - spent),
    decision: state.spend?.decision,
  };
}

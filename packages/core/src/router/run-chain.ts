import type { ErrorClass } from "../errors/error-class.js";
import { DEFAULT_FALLBACK_ON, REFUSAL_ERROR_CLASSES } from "../errors/error-class.js";
import { RoutingFailedError } from "../errors/routing-failed-error.js";
import { spendGate } from "../state/spend-gate.js";
import type { Failure } from "./attempt-outcome.js";
import { bestPartial, type Candidate } from "./best-partial.js";
import type { CallContext } from "./call-context.js";
import type { ChainTarget } from "./fallback-chain.js";
import { finishCall } from "./finish-call.js";
import type { RouteResult } from "./route-result.js";
import { runWithRepairs } from "./run-with-repairs.js";

/**
 * Walks a call's chain: each model target with its retries, repairs and evidence re-asks, moving
 * on only for the error classes the policy falls back on (`fallback_on`; an open circuit, a
 * fleet-wide rate limit and a spend budget that rules a target out always move on), and for missing evidence only while a later model could supply it. Returns the
 * first accepted answer, or at a `partial` step the best of what validated (reached also when an
 * error rules out the models before it: a partial step calls no model); rejects with
 * {@link RoutingFailedError}, carrying the full record, when the chain stops without one.
 */
export async function runChain(context: CallContext, chain: readonly ChainTarget[]): Promise<RouteResult<unknown>> {
  const { state } = context;
  const fallbackOn = new Set<ErrorClass>(context.call.policy.fallback_on ?? DEFAULT_FALLBACK_ON);
  const candidates: Candidate[] = [];
  let last: Failure | undefined;
  // An error the policy does not fall back on rules out the remaining models, not a later
  // `partial` step: that calls no model, it keeps the best of what came.
  let modelsRuledOut = false;

  for (const [index, target] of chain.entries()) {
    if (target.kind === "stop") break;
    if (target.kind === "partial") {
      const partial = await bestPartial(candidates, context);
      if (partial === undefined) break;
      state.fallbackUsed = true;
      if (last !== undefined) state.fallbackReason ??= last.errorClass;
      return finishCall(context, partial, true);
    }
    // Once a streamed chunk reached the caller, or an error ruled them out, no other model may
    // answer: only a partial step can.
    if (modelsRuledOut || context.stream?.channel.committed) continue;
    // The spend budget rules on every target, fallbacks included; it may degrade or refuse one.
    const ruling = spendGate(context, target);
    const degraded = ruling.kind === "go" && ruling.degraded;
    const outcome =
      ruling.kind === "refused"
        ? ruling.failure
        : await runWithRepairs(context, ruling.target, index === 0 && !degraded ? "primary" : "fallback", candidates);
    if (outcome.kind === "answer") {
      const gap = outcome.evidence !== undefined && outcome.evidence.coverage < 1;
      const laterModel = chain.slice(index + 1).some((next) => next.kind === "model");
      if (!(gap && fallbackOn.has("evidence_missing") && laterModel) || context.stream?.channel.committed) {
        state.fallbackUsed = index > 0 || degraded;
        return finishCall(context, outcome, false);
      }
      last = { kind: "failure", errorClass: "evidence_missing", error: undefined };
    } else {
      last = outcome;
    }
    if (context.stream?.channel.committed) continue;
    if (context.deadline.passed || (!REFUSAL_ERROR_CLASSES.has(last.errorClass) && !fallbackOn.has(last.errorClass))) {
      // A caller who gave up wants nothing more, not even a partial answer.
      if (context.deadline.abortedByCaller) break;
      modelsRuledOut = true;
    } else {
      state.fallbackReason ??= last.errorClass;
    }
  }
  const errorClass = last?.errorClass ?? "unknown";
  throw new RoutingFailedError(
    `task "${state.task}" failed under policy ${state.policy.id}@${state.policy.version}: ${errorClass}`,
    state.toRecord("failed", errorClass),
    { cause: last?.error },
  );
}

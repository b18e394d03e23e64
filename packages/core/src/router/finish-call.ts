import type { EvidenceReport } from "../evidence/evidence-check.js";
import { RISK_LEVELS, type RiskLevel } from "../policy/policy-schema.js";
import { decideReview, riskRank } from "../review/review-rules.js";
import type { CallContext } from "./call-context.js";
import type { RouteResult } from "./route-result.js";
import type { ToolCall } from "./route-tool.js";

/** An answer the call will return, with its evidence report (when checked) and the model that gave it. */
export interface AcceptedAnswer {
  readonly value: unknown;
  readonly evidence: EvidenceReport | undefined;
  readonly servedModel: string;
  /** The tools the answer called, validated. */
  readonly toolCalls?: readonly ToolCall[];
}

/**
 * Ends a call with an accepted answer: decides review (the request's risk or the output's
 * `risk_level`, whichever is higher; the output's `confidence`; evidence coverage; fallback
 * and partial) and returns the result with its outcome.
 */
export function finishCall(context: CallContext, accepted: AcceptedAnswer, partial: boolean): RouteResult<unknown> {
  const { state } = context;
  const output = accepted.value as Record<string, unknown> | undefined;
  state.review = decideReview(state.policy, {
    risk: higherRisk(context.request.risk, readRisk(output)),
    confidence: typeof output?.confidence === "number" ? output.confidence : undefined,
    evidenceCoverage: accepted.evidence?.coverage,
    fallbackUsed: state.fallbackUsed,
    budgetExhausted: state.spend?.decision?.action === "review",
    partial,
  });
  state.modelServed = accepted.servedModel;
  const outcome = partial ? "partial" : state.review.triggered ? "review" : state.fallbackUsed ? "fallback_ok" : "ok";
  const result = state.toResult(outcome, accepted.value);
  return accepted.toolCalls === undefined ? result : { ...result, toolCalls: accepted.toolCalls };
}

function readRisk(output: Record<string, unknown> | undefined): RiskLevel | undefined {
  const value = output !== null && typeof output === "object" ? output.risk_level : undefined;
  return typeof value === "string" && (RISK_LEVELS as readonly string[]).includes(value)
    ? (value as RiskLevel)
    : undefined;
}

function higherRisk(a: RiskLevel | undefined, b: RiskLevel | undefined): RiskLevel | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return riskRank(a) >= riskRank(b) ? a : b;
}

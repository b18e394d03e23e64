import type { ChatMessage } from "../adapter/model-adapter.js";
import type { ErrorClass } from "../errors/error-class.js";
import { DEFAULT_FALLBACK_ON } from "../errors/error-class.js";
import { RoutingFailedError } from "../errors/routing-failed-error.js";
import { checkEvidence, type EvidenceReport } from "../evidence/evidence-check.js";
import { RISK_LEVELS, type RiskLevel } from "../policy/policy-schema.js";
import { decideReview, riskRank } from "../review/review-rules.js";
import { type AttemptContext, runTarget, type TargetOutcome } from "./attempt-runner.js";
import type { ChainTarget } from "./fallback-chain.js";
import { partialOutput } from "./output-check.js";
import type { RouteRequest } from "./route-request.js";
import type { AttemptKind, RouteResult } from "./route-result.js";

type ModelTarget = Extract<ChainTarget, { kind: "model" }>;
type Accepted = { value: unknown; evidence: EvidenceReport | undefined };

/**
 * Walks a call's chain: each model target with its repair and evidence retries, moving on only
 * for error classes the policy falls back on, until an answer is accepted, `partial` returns
 * what validated, or the chain stops. Throws {@link RoutingFailedError} with the full record.
 */
export async function runChain(
  context: AttemptContext,
  chain: readonly ChainTarget[],
  request: RouteRequest,
): Promise<RouteResult<unknown>> {
  const { state } = context;
  const fallbackOn = new Set<ErrorClass>(state.policy.fallback_on ?? DEFAULT_FALLBACK_ON);
  let last: Extract<TargetOutcome, { ok: false }> | undefined;
  let candidate: unknown;

  for (let index = 0; index < chain.length; index += 1) {
    const target = chain[index] as ChainTarget;
    if (target.kind === "stop") break;
    if (target.kind === "partial") {
      const partial = partialOutput(candidate, context.schema);
      if (partial === undefined) break;
      state.fallbackUsed = true;
      return finish(context, request, { value: partial, evidence: undefined }, true);
    }
    const outcome = await runWithRepairs(context, target, request, index === 0 ? "primary" : "fallback");
    const moreModels = chain.slice(index + 1).some((next) => next.kind === "model");
    if (outcome.ok) {
      const gap = outcome.evidence !== undefined && outcome.evidence.coverage < 1;
      if (!(gap && fallbackOn.has("evidence_missing") && moreModels)) {
        state.fallbackUsed = index > 0;
        return finish(context, request, outcome, false);
      }
      last = { ok: false, errorClass: "evidence_missing", error: undefined, candidate: outcome.value };
    } else {
      last = outcome;
    }
    if (last.candidate !== undefined) candidate = last.candidate;
    if (context.signal.aborted) break;
    const movesOn = last.errorClass === "circuit_open" || fallbackOn.has(last.errorClass);
    if (!movesOn) break;
    state.fallbackReason ??= last.errorClass;
  }
  const errorClass = last?.errorClass ?? "unknown";
  throw new RoutingFailedError(
    `task "${state.task}" failed under policy ${state.policy.id}@${state.policy.version}: ${errorClass}`,
    state.toRecord("failed", errorClass),
    { cause: last?.error },
  );
}

async function runWithRepairs(
  context: AttemptContext,
  target: ModelTarget,
  request: RouteRequest,
  kind: AttemptKind,
): Promise<(Accepted & { ok: true }) | Extract<TargetOutcome, { ok: false }>> {
  const { policy } = context.state;
  let messages: readonly ChatMessage[] = request.messages;
  let repairsLeft = policy.retry.repair_attempts;
  let evidenceLeft = policy.retry.evidence_attempts;
  let attemptKind = kind;
  for (;;) {
    const outcome = await runTarget(context, target, messages, attemptKind);
    if (!outcome.ok) {
      if (outcome.errorClass === "schema_invalid" && repairsLeft > 0 && !context.signal.aborted) {
        repairsLeft -= 1;
        attemptKind = "repair";
        messages = [
          ...messages,
          { role: "assistant", content: outcome.text ?? "" },
          { role: "user", content: repairPrompt(outcome.problem) },
        ];
        continue;
      }
      return outcome;
    }
    if (!policy.evidence_required) return { ok: true, value: outcome.value, evidence: undefined };
    const evidence = checkEvidence(outcome.value, request.sources ?? [], request.evidenceFields);
    context.state.evidence = evidence;
    if (evidence.coverage < 1 && evidenceLeft > 0 && !context.signal.aborted) {
      evidenceLeft -= 1;
      attemptKind = "evidence";
      messages = [
        ...messages,
        { role: "assistant", content: outcome.text },
        { role: "user", content: evidencePrompt(evidence) },
      ];
      continue;
    }
    return { ok: true, value: outcome.value, evidence };
  }
}

function finish(
  context: AttemptContext,
  request: RouteRequest,
  accepted: Accepted,
  partial: boolean,
): RouteResult<unknown> {
  const { state } = context;
  const output = accepted.value as Record<string, unknown> | undefined;
  const risk = higherRisk(request.risk, readRisk(output));
  const confidence = typeof output?.confidence === "number" ? output.confidence : undefined;
  state.review = decideReview(state.policy, {
    risk,
    confidence,
    evidenceCoverage: accepted.evidence?.coverage,
    fallbackUsed: state.fallbackUsed,
    partial,
  });
  const outcome = partial ? "partial" : state.review.triggered ? "review" : state.fallbackUsed ? "fallback_ok" : "ok";
  return state.toResult(outcome, accepted.value);
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

function repairPrompt(problem: string | undefined): string {
  return `Your answer did not match the required JSON schema (${problem ?? "invalid"}). Reply again with only the corrected JSON object.`;
}

function evidencePrompt(evidence: EvidenceReport): string {
  return `These fields lack evidence that can be found verbatim in the sources: ${evidence.missingFields.join(", ")}. Reply again with the full JSON object; each evidence quote must be copied exactly from the source it names.`;
}

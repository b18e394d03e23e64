import type { ChatMessage } from "../adapter/model-adapter.js";
import type { ErrorClass } from "../errors/error-class.js";
import { DEFAULT_FALLBACK_ON } from "../errors/error-class.js";
import { RoutingFailedError } from "../errors/routing-failed-error.js";
import { checkEvidence, type EvidenceReport } from "../evidence/evidence-check.js";
import { RISK_LEVELS, type RiskLevel } from "../policy/policy-schema.js";
import { decideReview, riskRank } from "../review/review-rules.js";
import { type AttemptContext, runTarget, type TargetOutcome } from "./attempt-runner.js";
import type { ChainTarget } from "./fallback-chain.js";
import { isPlainObject, partialOutput } from "./output-check.js";
import type { RouteRequest } from "./route-request.js";
import type { AttemptKind, RouteResult } from "./route-result.js";

type ModelTarget = Extract<ChainTarget, { kind: "model" }>;

/** An answer the call will return, with what was checked of it and the model that gave it. */
interface Accepted {
  readonly value: unknown;
  readonly evidence: EvidenceReport | undefined;
  readonly servedModel: string;
}

/**
 * An answer a `partial` step may fall back on: one that failed the schema (`valid: false`, its
 * parsed JSON), or one that passed it but lacked evidence (`valid: true`, with its report).
 */
interface Candidate extends Accepted {
  readonly valid: boolean;
}

/**
 * Walks a call's chain: each model target with its repair and evidence retries, moving on only
 * for error classes the policy falls back on, until an answer is accepted, `partial` returns
 * the best of what validated, or the chain stops. Throws {@link RoutingFailedError} with the
 * full record.
 */
export async function runChain(
  context: AttemptContext,
  chain: readonly ChainTarget[],
  request: RouteRequest,
): Promise<RouteResult<unknown>> {
  const { state } = context;
  const fallbackOn = new Set<ErrorClass>(state.policy.fallback_on ?? DEFAULT_FALLBACK_ON);
  const candidates: Candidate[] = [];
  let last: Extract<TargetOutcome, { ok: false }> | undefined;

  for (let index = 0; index < chain.length; index += 1) {
    const target = chain[index] as ChainTarget;
    if (target.kind === "stop") break;
    if (target.kind === "partial") {
      const partial = await bestPartial(candidates, context, request);
      if (partial === undefined) break;
      state.fallbackUsed = true;
      return finish(context, request, partial, true);
    }
    const outcome = await runWithRepairs(context, target, request, index === 0 ? "primary" : "fallback", candidates);
    const moreModels = chain.slice(index + 1).some((next) => next.kind === "model");
    if (outcome.ok) {
      const gap = outcome.evidence !== undefined && outcome.evidence.coverage < 1;
      if (!(gap && fallbackOn.has("evidence_missing") && moreModels)) {
        state.fallbackUsed = index > 0;
        return finish(context, request, outcome, false);
      }
      last = { ok: false, errorClass: "evidence_missing", error: undefined };
    } else {
      last = outcome;
    }
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

/**
 * What a `partial` step returns: the best answer of the call so far, not merely the last. A whole
 * answer that passed the schema and lacked only evidence beats any subset of fields (the one with
 * the highest coverage first); otherwise the answer with the most fields that validate on their
 * own wins. Ties go to the later answer, which came from a repair or a stronger model.
 */
async function bestPartial(
  candidates: readonly Candidate[],
  context: AttemptContext,
  request: RouteRequest,
): Promise<Accepted | undefined> {
  let best: Accepted | undefined;
  let bestRank = -1;
  let bestScore = -1;
  for (const candidate of candidates) {
    let accepted: Accepted;
    let rank: number;
    let score: number;
    if (candidate.valid) {
      if (!isPlainObject(candidate.value)) continue;
      accepted = candidate;
      rank = 1;
      score = candidate.evidence?.coverage ?? 1;
    } else {
      const kept = await partialOutput(candidate.value, context.schema);
      if (kept === undefined) continue;
      // The kept fields are checked afresh: the answer's own report (if any) covered other fields.
      const evidence = context.state.policy.evidence_required
        ? checkEvidence(kept, request.sources ?? [], request.evidenceFields)
        : undefined;
      accepted = { value: kept, evidence, servedModel: candidate.servedModel };
      rank = 0;
      score = Object.keys(kept as object).length;
    }
    if (rank > bestRank || (rank === bestRank && score >= bestScore)) {
      best = accepted;
      bestRank = rank;
      bestScore = score;
    }
  }
  if (best !== undefined) context.state.evidence = best.evidence;
  return best;
}

async function runWithRepairs(
  context: AttemptContext,
  target: ModelTarget,
  request: RouteRequest,
  kind: AttemptKind,
  candidates: Candidate[],
): Promise<(Accepted & { ok: true }) | Extract<TargetOutcome, { ok: false }>> {
  const { policy } = context.state;
  let messages: readonly ChatMessage[] = request.messages;
  let repairsLeft = policy.retry.repair_attempts;
  let evidenceLeft = policy.retry.evidence_attempts;
  let attemptKind = kind;
  for (;;) {
    const outcome = await runTarget(context, target, messages, attemptKind);
    if (!outcome.ok) {
      if (outcome.candidate !== undefined && outcome.servedModel !== undefined) {
        candidates.push({
          value: outcome.candidate,
          valid: false,
          evidence: undefined,
          servedModel: outcome.servedModel,
        });
      }
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
    const { value, servedModel } = outcome;
    if (!policy.evidence_required) return { ok: true, value, evidence: undefined, servedModel };
    const evidence = checkEvidence(value, request.sources ?? [], request.evidenceFields);
    context.state.evidence = evidence;
    if (evidence.coverage < 1) candidates.push({ value, valid: true, evidence, servedModel });
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
    return { ok: true, value, evidence, servedModel };
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
  state.modelServed = accepted.servedModel;
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

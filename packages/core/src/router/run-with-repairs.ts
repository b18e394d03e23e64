import type { ChatMessage } from "../adapter/model-adapter.js";
import { ProviderError } from "../errors/provider-error.js";
import { checkEvidence, type EvidenceReport } from "../evidence/evidence-check.js";
import type { Answer, Failure } from "./attempt-outcome.js";
import type { Candidate } from "./best-partial.js";
import type { CallContext } from "./call-context.js";
import { cutAnswerCandidate } from "./cut-answer-candidate.js";
import type { ModelTarget } from "./fallback-chain.js";
import type { AcceptedAnswer } from "./finish-call.js";
import type { AttemptKind } from "./route-result.js";
import { runTarget } from "./run-target.js";

/** A model's last answer with its evidence report (when the policy requires evidence). */
export type CheckedAnswer = Answer & AcceptedAnswer;

/**
 * Asks one model target until it gives an answer the call can use: an answer that fails the
 * schema is sent back with what was wrong (up to `retry.repair_attempts`), one whose evidence
 * cannot be found in the sources is asked again for the missing quotes (up to
 * `retry.evidence_attempts`). Ends with the last answer — with its evidence report, possibly
 * incomplete — or a failure (`schema_invalid` once repairs run out). Every answer that
 * validated only in part, lacked evidence, or was cut at the output limit is added to
 * `candidates` for a `partial` step.
 */
export async function runWithRepairs(
  context: CallContext,
  target: ModelTarget,
  kind: AttemptKind,
  candidates: Candidate[],
): Promise<CheckedAnswer | Failure> {
  const { policy } = context.call;
  const { request, deadline } = context;
  let messages: readonly ChatMessage[] = request.messages;
  let repairsLeft = policy.retry.repair_attempts;
  let evidenceLeft = policy.retry.evidence_attempts;
  let attemptKind = kind;
  for (;;) {
    const outcome = await runTarget(context, target, messages, attemptKind);
    if (outcome.kind === "failure") {
      // An answer cut at the output limit is no answer, but a `partial` step may keep its whole part.
      if (outcome.errorClass === "output_limit" && outcome.text !== undefined) {
        const cut = cutAnswerCandidate(outcome.text, context.output !== undefined, target.model);
        if (cut !== undefined) candidates.push(cut);
      }
      return outcome;
    }
    if (outcome.kind === "invalid") {
      const { problem, candidate, servedModel, text } = outcome;
      if (candidate !== undefined)
        candidates.push({ value: candidate, valid: false, evidence: undefined, servedModel });
      // A streamed answer the caller has read cannot be repaired: a second answer would follow it.
      if (repairsLeft === 0 || deadline.passed || context.stream?.channel.committed) {
        const error = new ProviderError({ errorClass: "schema_invalid", message: problem, model: target.model });
        return { kind: "failure", errorClass: "schema_invalid", error };
      }
      repairsLeft -= 1;
      attemptKind = "repair";
      messages = [...messages, { role: "assistant", content: text }, { role: "user", content: repairPrompt(problem) }];
      continue;
    }
    // Tool calls are not the output evidence is about: the model has yet to answer.
    if (!policy.evidence_required || outcome.toolCalls !== undefined) return { ...outcome, evidence: undefined };
    const evidence = checkEvidence(outcome.value, request.sources ?? [], request.evidenceFields);
    context.state.evidence = evidence;
    if (evidence.coverage === 1) return { ...outcome, evidence };
    candidates.push({ value: outcome.value, valid: true, evidence, servedModel: outcome.servedModel });
    if (evidenceLeft === 0 || deadline.passed || context.stream?.channel.committed) return { ...outcome, evidence };
    evidenceLeft -= 1;
    attemptKind = "evidence";
    messages = [
      ...messages,
      { role: "assistant", content: outcome.text },
      { role: "user", content: evidencePrompt(evidence) },
    ];
  }
}

function repairPrompt(problem: string): string {
  return `Your answer did not match the required JSON schema (${problem}). Reply again with only the corrected JSON object.`;
}

function evidencePrompt(evidence: EvidenceReport): string {
  return `These fields lack evidence that can be found verbatim in the sources: ${evidence.missingFields.join(", ")}. Reply again with the full JSON object; each evidence quote must be copied exactly from the source it names.`;
}

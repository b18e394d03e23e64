import { checkEvidence } from "../evidence/evidence-check.js";
import type { OutputSchema } from "../schema/output-schema.js";
import { validateWith } from "../schema/standard-validation.js";
import type { CallContext } from "./call-context.js";
import type { AcceptedAnswer } from "./finish-call.js";

/**
 * An answer a `partial` step may fall back on: one that failed the schema (`valid: false`, its
 * parsed JSON), or one that passed it but lacked evidence (`valid: true`, with its report).
 */
export interface Candidate extends AcceptedAnswer {
  readonly valid: boolean;
  /** The output limit cut the answer: its last array item may be incomplete (see `cutAnswerCandidate`). */
  readonly cut?: boolean;
}

/**
 * What a `partial` step returns: the best answer of the call so far, not merely the last. A whole
 * answer that passed the schema and lacked only evidence beats any subset of fields (the one with
 * the highest coverage first); otherwise the answer with the most fields that validate on their
 * own wins. Ties go to the later answer, which came from a repair or a stronger model.
 * `undefined` when no candidate has anything to keep.
 */
export async function bestPartial(
  candidates: readonly Candidate[],
  context: CallContext,
): Promise<AcceptedAnswer | undefined> {
  const { request } = context;
  let best: AcceptedAnswer | undefined;
  let bestRank = -1;
  let bestScore = -1;
  for (const candidate of candidates) {
    let accepted: AcceptedAnswer;
    let rank: number;
    let score: number;
    if (candidate.valid) {
      // A text answer (no schema) is whole or cut; only a structured one can be kept in part.
      if (!isPlainObject(candidate.value) && typeof candidate.value !== "string") continue;
      accepted = candidate;
      rank = 1;
      score = candidate.evidence?.coverage ?? 1;
    } else {
      const kept = await partialOutput(candidate.value, context.output?.schema, candidate.cut);
      if (kept === undefined) continue;
      // The kept fields are checked afresh: the answer's own report (if any) covered other fields.
      const evidence = context.state.policy.evidence_required
        ? checkEvidence(kept, request.sources ?? [], request.evidenceFields)
        : undefined;
      accepted = { value: kept, evidence, servedModel: candidate.servedModel };
      rank = 0;
      score = Object.keys(kept).length;
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

/**
 * Keeps the top-level fields of a candidate that validate on their own: what a `partial` step
 * can return from an answer that failed as a whole. `undefined` when the candidate is not an
 * object, nothing validated, or the schema has no per-field validators. In an answer the output
 * limit `cut`, a list whose last item was cut short is kept without that item.
 */
export async function partialOutput(
  candidate: unknown,
  schema: OutputSchema | undefined,
  cut = false,
): Promise<Record<string, unknown> | undefined> {
  if (!isPlainObject(candidate) || !schema?.fieldValidators) return undefined;
  const kept: Record<string, unknown> = {};
  for (const [key, validate] of schema.fieldValidators) {
    const value = candidate[key];
    let field = await validateWith(validate, value);
    if (!field.ok && cut && Array.isArray(value) && value.length > 0) {
      field = await validateWith(validate, value.slice(0, -1));
    }
    if (field.ok && field.value !== undefined) kept[key] = field.value;
  }
  return Object.keys(kept).length > 0 ? kept : undefined;
}

/** True for a JSON object (not an array or null): the only output a partial answer can be. */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

import { Allow, parse } from "partial-json";
import type { Candidate } from "./best-partial.js";

/**
 * What a `partial` step can keep of an answer the output limit cut. Without a schema it is the
 * text as far as it got. With one, the JSON is read as far as it is whole: objects and lists still
 * open where the text stopped are closed, but a string, number or literal that was cut is dropped
 * rather than guessed at (a quote cut mid-sentence would fail the evidence check anyway, and a
 * cut number is a wrong number). `partialOutput` then keeps the fields that validate. `undefined`
 * when nothing was sent, or the text is not JSON even in part.
 */
export function cutAnswerCandidate(text: string, structured: boolean, servedModel: string): Candidate | undefined {
  if (text.trim() === "") return undefined;
  if (!structured) return { value: text, valid: true, evidence: undefined, servedModel, cut: true };
  // A model asked for JSON in the prompt may put a sentence or a code fence before it.
  const start = text.indexOf("{");
  if (start === -1) return undefined;
  let value: unknown;
  try {
    value = parse(text.slice(start), Allow.OBJ | Allow.ARR);
  } catch {
    return undefined;
  }
  return { value, valid: false, evidence: undefined, servedModel, cut: true };
}

import type { OutputSchema } from "../schema/output-schema.js";
import { type Validation, validateWith } from "../schema/standard-validation.js";

/** The outcome of checking one answer against the request's schema. */
export type OutputCheck =
  | { readonly ok: true; readonly value: unknown }
  | {
      readonly ok: false;
      /** What was wrong, phrased for the repair prompt. */
      readonly problem: string;
      /** The parsed JSON, when the text was JSON at all: the raw material of a partial answer. */
      readonly candidate: unknown;
    };

const FENCE = /^\s*```(?:json)?\s*([\s\S]*?)\s*```\s*$/;

/**
 * Parses an answer as JSON (tolerating a markdown fence, which small models add despite being
 * asked not to) and validates it with the schema's Standard Schema validator. Without a schema
 * the text is the value. Synchronous unless the validator itself answers asynchronously.
 */
export function checkOutput(text: string, schema: OutputSchema | undefined): OutputCheck | Promise<OutputCheck> {
  if (!schema) return { ok: true, value: text };
  let candidate: unknown;
  try {
    // The fence pattern runs only on text that has a fence: most answers are bare JSON.
    candidate = JSON.parse(text.includes("```") ? text.replace(FENCE, "$1") : text);
  } catch {
    return { ok: false, problem: "the answer was not valid JSON", candidate: undefined };
  }
  const validation = validateWith(schema.validate, candidate);
  return validation instanceof Promise
    ? validation.then((settled) => toCheck(settled, candidate))
    : toCheck(validation, candidate);
}

function toCheck(validation: Validation, candidate: unknown): OutputCheck {
  return validation.ok ? validation : { ok: false, problem: validation.problem, candidate };
}

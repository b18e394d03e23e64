import type { ResponseFormat } from "../adapter/model-adapter.js";
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

/**
 * Keeps the top-level fields of a candidate that validate on their own: what a `partial` step
 * can return from an answer that failed as a whole. `undefined` when the candidate is not an
 * object, nothing validated, or the schema has no per-field validators.
 */
export async function partialOutput(candidate: unknown, schema: OutputSchema | undefined): Promise<unknown> {
  if (!isPlainObject(candidate) || !schema?.fieldValidators) return undefined;
  const kept: Record<string, unknown> = {};
  for (const [key, validate] of schema.fieldValidators) {
    const field = await validateWith(validate, candidate[key]);
    if (field.ok && field.value !== undefined) kept[key] = field.value;
  }
  return Object.keys(kept).length > 0 ? kept : undefined;
}

/** True for a JSON object (not an array or null): the only output a partial answer can be. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** Names kept per schema; the unknown-task route names formats after open-ended task names. */
const MAX_NAMES_PER_SCHEMA = 64;

/**
 * The response format for a schema, name and strictness, built once per combination and then
 * shared (the schema's JSON Schema is converted once, in `outputSchemaFor`): a stable object
 * lets adapters cache what they derive from it.
 */
export function responseFormatFor(schema: OutputSchema, name: string, strict?: boolean): ResponseFormat {
  const key = strict === undefined ? name : `${name}\u0000${strict}`;
  let format = schema.formats.get(key);
  if (!format) {
    format = Object.freeze(
      strict === undefined ? { name, schema: schema.jsonSchema } : { name, schema: schema.jsonSchema, strict },
    );
    if (schema.formats.size < MAX_NAMES_PER_SCHEMA) schema.formats.set(key, format);
  }
  return format;
}

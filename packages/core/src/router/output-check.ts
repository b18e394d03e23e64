import { z } from "zod";
import type { ResponseFormat } from "../adapter/model-adapter.js";

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
 * asked not to) and validates it against the schema. Without a schema the text is the value.
 */
export function checkOutput(text: string, schema: z.ZodType | undefined): OutputCheck {
  if (!schema) return { ok: true, value: text };
  let candidate: unknown;
  try {
    // The fence pattern runs only on text that has a fence: most answers are bare JSON.
    candidate = JSON.parse(text.includes("```") ? text.replace(FENCE, "$1") : text);
  } catch {
    return { ok: false, problem: "the answer was not valid JSON", candidate: undefined };
  }
  const parsed = schema.safeParse(candidate);
  if (parsed.success) return { ok: true, value: parsed.data };
  const problem = parsed.error.issues
    .slice(0, 10)
    .map((issue) => `${issue.path.length ? issue.path.join(".") : "(root)"}: ${issue.message}`)
    .join("; ");
  return { ok: false, problem, candidate };
}

/**
 * Keeps the top-level fields of a candidate that validate on their own against an object
 * schema's shape: the `partial` fallback step returns this, flagged for review.
 */
export function partialOutput(candidate: unknown, schema: z.ZodType | undefined): unknown {
  if (candidate === null || typeof candidate !== "object" || Array.isArray(candidate)) return undefined;
  if (!(schema instanceof z.ZodObject)) return undefined;
  const kept: Record<string, unknown> = {};
  for (const [key, fieldSchema] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
    const parsed = fieldSchema.safeParse((candidate as Record<string, unknown>)[key]);
    if (parsed.success && parsed.data !== undefined) kept[key] = parsed.data;
  }
  return Object.keys(kept).length > 0 ? kept : undefined;
}

/** A schema's JSON Schema, converted once, and the formats built on it, one per name. */
interface SchemaFormats {
  readonly jsonSchema: Record<string, unknown>;
  readonly byName: Map<string, ResponseFormat>;
}

const formats = new WeakMap<z.ZodType, SchemaFormats>();

/** Names kept per schema; the unknown-task route names formats after open-ended task names. */
const MAX_NAMES_PER_SCHEMA = 64;

/**
 * The response format for a zod schema and name, built once per pair and then shared: converting
 * to JSON Schema costs far more than a routed call should pay every time, and a stable object
 * lets adapters cache what they derive from it.
 */
export function responseFormatFor(schema: z.ZodType, name: string): ResponseFormat {
  let known = formats.get(schema);
  if (!known) {
    const jsonSchema = z.toJSONSchema(schema, { target: "draft-2020-12", unrepresentable: "any" }) as Record<
      string,
      unknown
    >;
    known = { jsonSchema, byName: new Map() };
    formats.set(schema, known);
  }
  let format = known.byName.get(name);
  if (!format) {
    format = Object.freeze({ name, schema: known.jsonSchema });
    if (known.byName.size < MAX_NAMES_PER_SCHEMA) known.byName.set(name, format);
  }
  return format;
}

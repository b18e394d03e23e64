import type { StandardSchemaV1 } from "@standard-schema/spec";

/** The `validate` function of a Standard Schema. */
export type StandardValidate = StandardSchemaV1.Props["validate"];

/** One value checked by a Standard Schema: its validated value, or what was wrong with it. */
export type Validation =
  | { readonly ok: true; readonly value: unknown }
  | {
      readonly ok: false;
      /** The issues, phrased for the repair prompt the model gets. */
      readonly problem: string;
    };

/** Issues quoted in a problem; a model repairs better from a few than from hundreds. */
const MAX_ISSUES = 10;

/**
 * Runs a Standard Schema's `validate` on a value. A synchronous result is read synchronously, so
 * the usual case costs no extra promise; an asynchronous one (zod async refinements, valibot's
 * `*Async` schemas) is awaited rather than refused, since the router is asynchronous anyway.
 */
export function validateWith(validate: StandardValidate, value: unknown): Validation | Promise<Validation> {
  const result = validate(value);
  return result instanceof Promise ? result.then(toValidation) : toValidation(result);
}

function toValidation(result: StandardSchemaV1.Result<unknown>): Validation {
  if (!result.issues) return { ok: true, value: result.value };
  const problem = result.issues
    .slice(0, MAX_ISSUES)
    .map((issue) => `${pathOf(issue.path)}: ${issue.message}`)
    .join("; ");
  return { ok: false, problem: problem || "the answer did not validate" };
}

/** `a.b.0`, from a path whose segments are keys or `{ key }` objects (valibot uses the latter). */
function pathOf(path: StandardSchemaV1.Issue["path"]): string {
  if (!path || path.length === 0) return "(root)";
  return path.map((segment) => String(typeof segment === "object" ? segment.key : segment)).join(".");
}

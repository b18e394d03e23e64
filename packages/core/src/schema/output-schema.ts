import type { StandardJSONSchemaV1, StandardSchemaV1 } from "@standard-schema/spec";
import type { ResponseFormat } from "../adapter/model-adapter.js";
import { ConfigurationError } from "../errors/configuration-error.js";
import type { RouteSchema } from "./route-schema.js";
import type { StandardValidate } from "./standard-validation.js";
import { isZodClassicSchema, isZodCoreSchema, zodCoreJsonSchema, zodObjectFields } from "./zod-schemas.js";

/**
 * Any accepted {@link RouteSchema}, normalised to what the router needs: the JSON Schema sent to
 * providers, the validator answers must pass, and per-field validators when the schema has them
 * (zod 4 objects, a pair's `fields`), which is what lets a `partial` step keep single fields.
 */
export interface OutputSchema {
  readonly jsonSchema: Record<string, unknown>;
  readonly validate: StandardValidate;
  /** Validators of the top-level fields; `undefined` when the schema offers none. */
  readonly fieldValidators: ReadonlyMap<string, StandardValidate> | undefined;
  /** Response formats built on `jsonSchema`, one per name and strictness, shared across calls. */
  readonly formats: Map<string, ResponseFormat>;
}

type StandardProps = StandardSchemaV1.Props & Partial<Pick<StandardJSONSchemaV1.Props, "jsonSchema">>;

const TARGET = "draft-2020-12";
const PAIR_HINT = "pass { jsonSchema, validate } with a JSON Schema and a Standard Schema that validates it";

const known = new WeakMap<object, OutputSchema>();

/**
 * The normalised form of a request's schema, built once per schema object and then shared:
 * converting to JSON Schema costs far more than a routed call should pay every time. Throws a
 * {@link ConfigurationError} naming the task and what was passed when the schema cannot give
 * both a JSON Schema and a validator.
 */
export function outputSchemaFor(schema: RouteSchema, task: string): OutputSchema {
  const cached = isObjectLike(schema) ? known.get(schema) : undefined;
  if (cached) return cached;
  const built = buildOutputSchema(schema, task);
  known.set(schema, built);
  return built;
}

function buildOutputSchema(schema: unknown, task: string): OutputSchema {
  const refuse = (what: string, fix: string, cause?: unknown) =>
    new ConfigurationError(`schema for task "${task}" is ${what}; ${fix}`, { cause });
  if (!isObjectLike(schema)) throw refuse(`${describeValue(schema)}, not a schema`, PAIR_HINT);
  const standard = standardPropsOf(schema);
  if (standard) {
    if (isZodClassicSchema(schema)) {
      throw refuse(
        "a zod 3 schema without a JSON Schema",
        'pass { jsonSchema, validate: schema } with a JSON Schema from zod-to-json-schema, or import { z } from "zod/v4" (zod >= 3.25)',
      );
    }
    let jsonSchema: Record<string, unknown> | undefined;
    try {
      jsonSchema = standard.jsonSchema
        ? standard.jsonSchema.output({
            target: TARGET,
            // zod's own default refuses dates, transforms and the like; "any" keeps the old behaviour.
            libraryOptions: standard.vendor === "zod" ? { unrepresentable: "any" } : undefined,
          })
        : isZodCoreSchema(schema)
          ? zodCoreJsonSchema(schema)
          : undefined;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw refuse(
        `${article(standard.vendor)} schema that failed to convert to JSON Schema (${reason})`,
        PAIR_HINT,
        error,
      );
    }
    if (!jsonSchema) {
      throw refuse(
        `${article(standard.vendor)} Standard Schema without a JSON Schema (it does not implement Standard JSON Schema)`,
        `${PAIR_HINT}, e.g. { jsonSchema: toJsonSchema(schema), validate: schema, fields: schema.entries } for valibot`,
      );
    }
    const fields = isZodCoreSchema(schema) ? zodObjectFields(schema) : undefined;
    return outputSchema(jsonSchema, standard, fields ? fieldValidatorsOf(fields) : undefined);
  }
  if ("jsonSchema" in schema || "validate" in schema) return pairSchema(schema, refuse);
  throw refuse(`${describeValue(schema)}, neither a Standard Schema nor a { jsonSchema, validate } pair`, PAIR_HINT);
}

function pairSchema(
  pair: { jsonSchema?: unknown; validate?: unknown; fields?: unknown },
  refuse: (what: string, fix: string) => ConfigurationError,
): OutputSchema {
  const { jsonSchema, validate, fields } = pair;
  if (jsonSchema === null || typeof jsonSchema !== "object" || Array.isArray(jsonSchema)) {
    throw refuse(`a pair whose jsonSchema is ${describeValue(jsonSchema)}`, "jsonSchema must be a JSON Schema object");
  }
  const standard = isObjectLike(validate) ? standardPropsOf(validate) : undefined;
  if (!standard) {
    throw refuse(
      `a pair whose validate is ${describeValue(validate)}`,
      "validate must be a Standard Schema (zod, valibot, arktype, …: an object with ~standard.validate)",
    );
  }
  let validators: Map<string, StandardValidate> | undefined;
  if (fields !== undefined) {
    validators = isObjectLike(fields) ? fieldValidatorsOf(fields as Record<string, unknown>) : undefined;
    if (!validators) {
      throw refuse(
        "a pair whose fields are not all Standard Schemas",
        "fields must map each field to a Standard Schema",
      );
    }
  }
  return outputSchema(jsonSchema as Record<string, unknown>, standard, validators);
}

function outputSchema(
  jsonSchema: Record<string, unknown>,
  standard: StandardProps,
  fieldValidators: ReadonlyMap<string, StandardValidate> | undefined,
): OutputSchema {
  // Called as a method of its props object: some libraries' validate reads `this`.
  const validate: StandardValidate = (value, options) => standard.validate(value, options);
  return { jsonSchema, validate, fieldValidators, formats: new Map() };
}

/** One validator per field, or `undefined` when any field is not a Standard Schema. */
function fieldValidatorsOf(fields: Readonly<Record<string, unknown>>): Map<string, StandardValidate> | undefined {
  const validators = new Map<string, StandardValidate>();
  for (const [key, field] of Object.entries(fields)) {
    const standard = isObjectLike(field) ? standardPropsOf(field) : undefined;
    if (!standard) return undefined;
    validators.set(key, (value, options) => standard.validate(value, options));
  }
  return validators;
}

function standardPropsOf(value: object): StandardProps | undefined {
  const props = (value as { "~standard"?: unknown })["~standard"];
  if (props === null || typeof props !== "object") return undefined;
  return typeof (props as StandardProps).validate === "function" ? (props as StandardProps) : undefined;
}

/** Objects and functions: arktype's types are callable, and all of them can key a WeakMap. */
function isObjectLike(value: unknown): value is object {
  return (typeof value === "object" && value !== null) || typeof value === "function";
}

function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (value === undefined) return "undefined";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "function") return "a function without ~standard";
  if (typeof value === "object") {
    const keys = Object.keys(value).slice(0, 5);
    return keys.length > 0 ? `an object with keys ${keys.join(", ")}` : "an empty object";
  }
  return `a ${typeof value}`;
}

/** "a zod", "an arktype": vendor names start messages, and "a arktype" reads as a typo. */
function article(vendor: string): string {
  return `${/^[aeiou]/i.test(vendor) ? "an" : "a"} ${vendor}`;
}

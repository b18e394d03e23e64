import type { StandardSchemaV1 } from "@standard-schema/spec";

/**
 * A JSON Schema and a validator given side by side, for schema libraries that cannot produce a
 * JSON Schema themselves (valibot with `@valibot/to-json-schema`, zod 3 with
 * `zod-to-json-schema`). `jsonSchema` is what the provider is asked to follow; `validate` is any
 * Standard Schema and decides what is accepted, so the two must describe the same shape.
 * `fields` holds one Standard Schema per top-level field (valibot's `schema.entries`, zod 3's
 * `schema.shape`); without it a `partial` step can only keep a whole answer that validated.
 * Create the pair once and reuse it: the router caches what it derives per pair object.
 */
export interface JsonSchemaPair<Output = unknown> {
  /** A JSON Schema object; typed loosely since each converter has its own JSON Schema type. */
  readonly jsonSchema: object;
  readonly validate: StandardSchemaV1<unknown, Output>;
  readonly fields?: Readonly<Record<string, StandardSchemaV1>>;
}

/**
 * What `RouteRequest.schema` accepts: any Standard Schema (zod 4, zod 3.25's `zod/v4`, arktype,
 * valibot, …) or a {@link JsonSchemaPair}. The type admits every Standard Schema because the
 * JSON Schema requirement can only be checked at run time: a schema that can give none (zod 3
 * classic, a bare valibot schema) is refused with a `ConfigurationError` that says what to pass.
 */
// biome-ignore lint/suspicious/noExplicitAny: a pair of any output type is accepted here.
export type RouteSchema = StandardSchemaV1 | JsonSchemaPair<any>;

/** The output type a {@link RouteSchema} validates to: what `router.run` returns as `output`. */
export type RouteSchemaOutput<S> = S extends StandardSchemaV1
  ? StandardSchemaV1.InferOutput<S>
  : S extends { readonly validate: infer Validate extends StandardSchemaV1 }
    ? StandardSchemaV1.InferOutput<Validate>
    : unknown;

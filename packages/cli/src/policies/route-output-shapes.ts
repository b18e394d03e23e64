import type { EvalSuite, RouteSchema } from "@modelpolicy/core";
import { z } from "zod";
import { loadGoldenSets } from "../golden/load-golden-sets.js";
import type { RouteOutputShape } from "./lint-table.js";

/**
 * The output shape of each suite route, read from the request it builds for its first golden
 * example (the request carries its schema). A route whose golden set cannot be read is left
 * out, and lint says it was not checked.
 */
export async function routeOutputShapes(suite: EvalSuite, cwd: string): Promise<Map<string, RouteOutputShape>> {
  const shapes = new Map<string, RouteOutputShape>();
  for (const [name, route] of Object.entries(suite.routes)) {
    try {
      const sets = await loadGoldenSets(suite.goldenDir, [{ name, kind: route.kind }], cwd);
      const example = sets.get(name)?.[0];
      if (!example) continue;
      const schema = route.request(example).schema;
      shapes.set(name, schema === undefined ? { structured: false, hasEvidenceField: false } : shapeOf(schema));
    } catch {
      // Not checked; lint reports the route as skipped.
    }
  }
  return shapes;
}

/** The part of Standard JSON Schema read here (the CLI does not depend on `@standard-schema/spec`). */
type StandardJsonSchemaLike = {
  readonly "~standard"?: { readonly jsonSchema?: { output(options: { target: string }): unknown } };
};

/**
 * Whether a request schema has a top-level `evidence` field, read from its JSON Schema: a
 * `{ jsonSchema, validate }` pair carries one; a Standard Schema that implements Standard JSON
 * Schema (zod 4, arktype) gives one; zod 4 converts; anything else is read by its `shape`.
 */
function shapeOf(schema: RouteSchema): RouteOutputShape {
  const hasEvidence = (json: unknown) =>
    (json as { properties?: Record<string, unknown> } | undefined)?.properties?.evidence !== undefined;
  try {
    if ("jsonSchema" in schema && !("~standard" in schema)) {
      return { structured: true, hasEvidenceField: hasEvidence(schema.jsonSchema) };
    }
    const standard = (schema as StandardJsonSchemaLike)["~standard"];
    if (standard?.jsonSchema) {
      return {
        structured: true,
        hasEvidenceField: hasEvidence(standard.jsonSchema.output({ target: "draft-2020-12" })),
      };
    }
    if (schema instanceof z.ZodType) {
      return { structured: true, hasEvidenceField: hasEvidence(z.toJSONSchema(schema, { unrepresentable: "any" })) };
    }
  } catch {
    // Fall through to the shape.
  }
  const shape = (schema as { shape?: Record<string, unknown> }).shape;
  return { structured: true, hasEvidenceField: shape?.evidence !== undefined };
}

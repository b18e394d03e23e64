import type { EvalSuite } from "@modelpolicy/core";
import { z } from "zod";
import { loadGoldenSets } from "../golden/load-golden-sets.js";
import type { RouteOutputShape } from "./lint-table.js";

/**
 * The output shape of each suite route, read from the request it builds for its first golden
 * example (the request carries the zod schema). A route whose golden set cannot be read is left
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

function shapeOf(schema: z.ZodType): RouteOutputShape {
  try {
    const json = z.toJSONSchema(schema, { unrepresentable: "any" }) as { properties?: Record<string, unknown> };
    return { structured: true, hasEvidenceField: json.properties?.evidence !== undefined };
  } catch {
    const shape = (schema as unknown as { shape?: Record<string, unknown> }).shape;
    return { structured: true, hasEvidenceField: shape?.evidence !== undefined };
  }
}

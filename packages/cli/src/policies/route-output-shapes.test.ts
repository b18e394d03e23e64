import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { EvalRoute, EvalSuite, RouteSchema } from "@modelpolicy/core";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { routeOutputShapes } from "./route-output-shapes.js";

function route(schema: RouteSchema | undefined): EvalRoute {
  return {
    kind: "extraction",
    request: () => ({ messages: [{ role: "user", content: "x" }], ...(schema ? { schema } : {}) }),
    score: () => ({}),
  };
}

describe("routeOutputShapes", () => {
  it("reads the evidence field from zod 4 schemas, { jsonSchema, validate } pairs, and plain-text routes", async () => {
    const dir = await mkdtemp(join(tmpdir(), "modelpolicy-shapes-"));
    const routes: Record<string, EvalRoute> = {
      zod_with: route(z.object({ total: z.number(), evidence: z.array(z.string()) })),
      zod_without: route(z.object({ total: z.number() })),
      pair_with: route({ jsonSchema: { type: "object", properties: { evidence: {} } }, validate: z.unknown() }),
      pair_without: route({ jsonSchema: { type: "object", properties: { total: {} } }, validate: z.unknown() }),
      text: route(undefined),
    };
    for (const name of Object.keys(routes)) {
      const example = { id: `${name}-1`, task: name, input: {}, expected: { fields: {} } };
      await writeFile(join(dir, `${name}.jsonl`), `${JSON.stringify(example)}\n`);
    }
    const suite: EvalSuite = { name: "shapes", goldenDir: dir, routes };
    const shapes = await routeOutputShapes(suite, dir);
    expect(Object.fromEntries(shapes)).toEqual({
      zod_with: { structured: true, hasEvidenceField: true },
      zod_without: { structured: true, hasEvidenceField: false },
      pair_with: { structured: true, hasEvidenceField: true },
      pair_without: { structured: true, hasEvidenceField: false },
      text: { structured: false, hasEvidenceField: false },
    });
  });
});

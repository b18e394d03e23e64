import { describe, expectTypeOf, it } from "vitest";
import { z } from "zod";
import { defineTable } from "../policy/policy-table.js";
import { ScriptedAdapter } from "../testing/scripted-adapter.js";
import type { RouteResult } from "./route-result.js";
import { createRouter } from "./router.js";

const table = defineTable({
  version: "1",
  tiers: { fast: { provider: "scripted", model: "m" } },
  policies: [
    {
      id: "a",
      version: "1",
      task: "field_extraction",
      model_tier: "fast",
      max_input_tokens: 100,
      max_output_tokens: 10,
      evidence_required: false,
      review_required: false,
      fallback_policy: "stop",
      latency_tier: "fast",
    },
    {
      id: "b",
      version: "1",
      task: "classification",
      model_tier: "fast",
      max_input_tokens: 100,
      max_output_tokens: 10,
      evidence_required: false,
      review_required: false,
      fallback_policy: "stop",
      latency_tier: "fast",
    },
  ],
});
const router = createRouter(table, { adapters: [new ScriptedAdapter()] });
const messages = [{ role: "user" as const, content: "x" }];

describe("task names are inferred from a TypeScript table", () => {
  it("accepts declared tasks and rejects others", () => {
    expectTypeOf(router.run).parameter(0).toEqualTypeOf<"field_extraction" | "classification">();
    // @ts-expect-error: "drafting" is not a declared task
    void router.run("drafting", { messages });
  });

  it("types the output by the request's schema", () => {
    const schema = z.object({ total: z.number() });
    expectTypeOf(router.run("field_extraction", { messages, schema })).resolves.toEqualTypeOf<
      RouteResult<{ total: number }>
    >();
    expectTypeOf(router.run("classification", { messages })).resolves.toEqualTypeOf<RouteResult<string>>();
  });

  it("narrows the output of a partial result", async () => {
    const result = await router.run("field_extraction", { messages, schema: z.object({ total: z.number() }) });
    if (result.outcome === "partial") expectTypeOf(result.output).toEqualTypeOf<Partial<{ total: number }>>();
    else expectTypeOf(result.output).toEqualTypeOf<{ total: number }>();
  });
});

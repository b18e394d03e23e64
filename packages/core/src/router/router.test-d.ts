import { toJsonSchema } from "@valibot/to-json-schema";
import { type } from "arktype";
import * as v from "valibot";
import { describe, expectTypeOf, it } from "vitest";
import { z } from "zod";
import { z as z3 } from "zod-v3";
import { z as z3v4 } from "zod-v3/v4";
import type { PolicyTableInput } from "../policy/policy-schema.js";
import { defineTable } from "../policy/policy-table.js";
import type { JsonSchemaPair } from "../schema/route-schema.js";
import { ScriptedAdapter } from "../testing/scripted-adapter.js";
import type { PartialTasksOf } from "./partial-tasks.js";
import type { RouteResult } from "./route-result.js";
import { createRouter } from "./router.js";

const policy = {
  version: "1",
  model_tier: "fast",
  max_input_tokens: 100,
  max_output_tokens: 10,
  evidence_required: false,
  review_required: false,
  latency_tier: "fast",
} as const;
const adapters = [new ScriptedAdapter()];
const messages = [{ role: "user" as const, content: "x" }];
type Total = { total: number };

const table = defineTable({
  version: "1",
  tiers: { fast: { provider: "scripted", model: "m" } },
  policies: [
    { ...policy, id: "a", task: "field_extraction", fallback_policy: "stop" },
    { ...policy, id: "b", task: "classification", fallback_policy: "stop" },
  ],
});
const router = createRouter(table, { adapters });

// The same kind of table, handed to createRouter as a declaration: its type says which
// policies can end in `partial` (directly, or through a `partial` fallback step).
const declared = createRouter(
  {
    version: "1",
    tiers: { fast: { provider: "scripted", model: "m" }, strong: { provider: "scripted", model: "s" } },
    policies: [
      { ...policy, id: "a", task: "field_extraction", fallback_policy: "stop" },
      { ...policy, id: "b", task: "classification", fallback_policy: "next_tier" },
      { ...policy, id: "c", task: "risk_judgement", fallback_policy: "partial" },
      { ...policy, id: "d", task: "summary", fallback_policy: "stop", fallback_steps: [{ tier: "strong" }, "partial"] },
      { ...policy, id: "e", task: "drafting", fallback_policy: "partial", fallback_steps: ["next_tier", "stop"] },
    ],
  },
  { adapters },
);

describe("task names are inferred from a TypeScript table", () => {
  it("accepts declared tasks and rejects others", () => {
    expectTypeOf(router.run).parameter(0).toEqualTypeOf<"field_extraction" | "classification">();
    // @ts-expect-error: "drafting" is not a declared task
    void router.run("drafting", { messages });
    // @ts-expect-error: "translation" is not a declared task
    void declared.run("translation", { messages });
  });

  it("types a text answer as a string that is never partial", () => {
    expectTypeOf(router.run("classification", { messages })).resolves.toEqualTypeOf<RouteResult<string, false>>();
  });

  it("narrows the output of a partial result when a policy may end partial", async () => {
    const result = await router.run("field_extraction", { messages, schema: z.object({ total: z.number() }) });
    if (result.outcome === "partial") expectTypeOf(result.output).toEqualTypeOf<Partial<Total>>();
    else expectTypeOf(result.output).toEqualTypeOf<Total>();
  });
});

describe("the output type follows the schema, of any accepted kind", () => {
  it("zod 4", () => {
    const schema = z.object({ total: z.number(), note: z.string().optional() });
    expectTypeOf(router.run("field_extraction", { messages, schema })).resolves.toEqualTypeOf<
      RouteResult<{ total: number; note?: string | undefined }>
    >();
  });

  it("zod 3.25's zod/v4", () => {
    const schema = z3v4.object({ total: z3v4.number(), tags: z3v4.array(z3v4.string()) });
    expectTypeOf(router.run("field_extraction", { messages, schema })).resolves.toEqualTypeOf<
      RouteResult<{ total: number; tags: string[] }>
    >();
  });

  it("zod 3 classic, as a pair (its Standard Schema types the output)", () => {
    const schema = z3.object({ total: z3.number() });
    const pair = { jsonSchema: { type: "object" }, validate: schema, fields: schema.shape };
    expectTypeOf(router.run("field_extraction", { messages, schema: pair })).resolves.toEqualTypeOf<
      RouteResult<Total>
    >();
  });

  it("valibot with @valibot/to-json-schema, as a pair", () => {
    const schema = v.object({ total: v.number(), currency: v.picklist(["EUR", "USD"]) });
    const pair = { jsonSchema: toJsonSchema(schema), validate: schema, fields: schema.entries };
    expectTypeOf(router.run("field_extraction", { messages, schema: pair })).resolves.toEqualTypeOf<
      RouteResult<{ total: number; currency: "EUR" | "USD" }>
    >();
  });

  it("a pair declared with its generic", () => {
    const pair: JsonSchemaPair<Total> = { jsonSchema: {}, validate: z.object({ total: z.number() }) };
    expectTypeOf(router.run("field_extraction", { messages, schema: pair })).resolves.toEqualTypeOf<
      RouteResult<Total>
    >();
  });

  it("arktype", () => {
    const schema = type({ total: "number", "label?": "string" });
    expectTypeOf(router.run("field_extraction", { messages, schema })).resolves.toEqualTypeOf<
      RouteResult<{ total: number; label?: string }>
    >();
  });

  it("refuses what is not a schema", () => {
    // @ts-expect-error: a plain object is neither a Standard Schema nor a pair
    void router.run("field_extraction", { messages, schema: { total: "number" } });
  });
});

describe("output is Partial only where the policy can end partial", () => {
  const schema = z.object({ total: z.number() });

  it("reads partial tasks from a declaration", () => {
    expectTypeOf<
      PartialTasksOf<{
        version: "1";
        tiers: { fast: { provider: "p"; model: "m" } };
        policies: [
          {
            id: "a";
            version: "1";
            task: "x";
            model_tier: "fast";
            max_input_tokens: 1;
            max_output_tokens: 1;
            evidence_required: false;
            review_required: false;
            fallback_policy: "partial";
            latency_tier: "fast";
          },
          {
            id: "b";
            version: "1";
            task: "y";
            model_tier: "fast";
            max_input_tokens: 1;
            max_output_tokens: 1;
            evidence_required: false;
            review_required: false;
            fallback_policy: "stop";
            latency_tier: "fast";
          },
        ];
      }>
    >().toEqualTypeOf<"x">();
    // A table typed only as the input schema cannot prove anything: every task may end partial.
    expectTypeOf<PartialTasksOf<PolicyTableInput>>().toEqualTypeOf<string>();
  });

  it("gives the whole output for a table whose policies cannot end partial", async () => {
    const { output } = await declared.run("field_extraction", { messages, schema });
    expectTypeOf(output).toEqualTypeOf<Total>();
    expectTypeOf(declared.run("classification", { messages, schema })).resolves.toEqualTypeOf<
      RouteResult<Total, false>
    >();
    // Steps replace fallback_policy: "partial" there does not count when the steps never reach it.
    expectTypeOf(declared.run("drafting", { messages, schema })).resolves.toEqualTypeOf<RouteResult<Total, false>>();
  });

  it("keeps Partial where a policy or one of its steps is partial", async () => {
    const viaPolicy = await declared.run("risk_judgement", { messages, schema });
    expectTypeOf(viaPolicy.output).toEqualTypeOf<Total | Partial<Total>>();
    expectTypeOf(declared.run("summary", { messages, schema })).resolves.toEqualTypeOf<RouteResult<Total, boolean>>();
  });

  it("stays cautious for a loaded table, and narrows when told", async () => {
    const { output } = await router.run("field_extraction", { messages, schema });
    expectTypeOf(output).toEqualTypeOf<Total | Partial<Total>>();
    const told = createRouter<"field_extraction" | "classification", never>(table, { adapters });
    expectTypeOf((await told.run("field_extraction", { messages, schema })).output).toEqualTypeOf<Total>();
  });
});

describe("router.stream is typed like router.run", () => {
  const schema = z.object({ total: z.number() });

  it("streams strings and types a text result as never partial", () => {
    const stream = router.stream("classification", { messages });
    expectTypeOf(stream).toExtend<AsyncIterable<string>>();
    expectTypeOf(stream.result).resolves.toEqualTypeOf<RouteResult<string, false>>();
  });

  it("types a structured result by the schema and the policy's partial steps", () => {
    expectTypeOf(declared.stream("classification", { messages, schema }).result).resolves.toEqualTypeOf<
      RouteResult<Total, false>
    >();
    expectTypeOf(declared.stream("risk_judgement", { messages, schema }).result).resolves.toEqualTypeOf<
      RouteResult<Total, boolean>
    >();
  });

  it("takes an idle timeout and refuses undeclared tasks", () => {
    router.stream("classification", { messages, idleTimeoutMs: 5_000 });
    // @ts-expect-error: not a task of the table.
    router.stream("nope", { messages });
  });
});

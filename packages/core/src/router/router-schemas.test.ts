import { toJsonSchema } from "@valibot/to-json-schema";
import { type } from "arktype";
import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { z as z3 } from "zod-v3";
import { z as z3v4 } from "zod-v3/v4";
import { patchPolicy, routerSetup, user } from "../__fixtures__/router-setup.js";
import { ConfigurationError } from "../errors/configuration-error.js";
import type { RouterMiddleware } from "./router-middleware.js";

describe("schemas of every accepted kind", () => {
  it("routes zod 3.25's zod/v4 end to end, repairs included", async () => {
    const { adapter, router } = routerSetup();
    adapter.script("fast-model", { reply: { label: "maybe" } }, { reply: { label: "nda" } });
    const schema = z3v4.object({ label: z3v4.enum(["msa", "nda"]) });
    const result = await router.run("classification", { messages: user("x"), schema });
    expect(result.output).toEqual({ label: "nda" });
    expect(result.attempts.map((attempt) => attempt.kind)).toEqual(["primary", "repair"]);
    expect(adapter.calls[1]?.messages.at(-1)?.content).toContain("label:");
    expect(adapter.calls[0]?.responseFormat?.schema).toMatchObject({ properties: { label: { enum: ["msa", "nda"] } } });
  });

  it("rejects a zod 3 classic schema with a ConfigurationError that call middleware sees", async () => {
    const seen: unknown[] = [];
    const observer: RouterMiddleware = {
      name: "observer",
      onCall: (_call, next) => next().catch((error: unknown) => seen.push(error)),
    };
    const { adapter, router } = routerSetup({}, [observer]);
    const error = await router
      .run("classification", { messages: user("x"), schema: z3.object({ label: z3.string() }) })
      .catch((thrown: unknown) => thrown);
    expect(ConfigurationError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(
      /^schema for task "classification" is a zod 3 schema without a JSON Schema/,
    );
    expect(seen).toEqual([error]);
    expect(adapter.calls).toHaveLength(0);
  });

  it("routes a valibot pair, keeping single fields through its per-field validators", async () => {
    const { adapter, router } = routerSetup(
      patchPolicy("extraction", {
        fallback_policy: "partial",
        evidence_required: false,
        retry: { repair_attempts: 0 },
      }),
    );
    adapter.script("standard-model", { reply: { party: "Acme Corp", amount: "lots" } });
    const schema = v.object({ party: v.string(), amount: v.number() });
    const pair = { jsonSchema: toJsonSchema(schema), validate: schema, fields: schema.entries };
    const result = await router.run("extraction", { messages: user("x"), schema: pair });
    expect(result.outcome).toBe("partial");
    expect(result.output).toEqual({ party: "Acme Corp" });
    expect(adapter.calls[0]?.responseFormat?.schema).toBe(pair.jsonSchema);
  });

  it("routes arktype, whose answers fail as a whole when invalid: no per-field partial", async () => {
    const { adapter, router } = routerSetup(
      patchPolicy("extraction", {
        fallback_policy: "partial",
        evidence_required: false,
        retry: { repair_attempts: 0 },
      }),
    );
    adapter.script("standard-model", { reply: { party: "Acme Corp", amount: "lots" } });
    const error = await router
      .run("extraction", { messages: user("x"), schema: type({ party: "string", amount: "number" }) })
      .catch((thrown: unknown) => thrown);
    expect((error as { record?: { outcome: string } }).record?.outcome).toBe("failed");
    adapter.script("standard-model", { reply: { party: "Acme Corp", amount: 3 } });
    const result = await router.run("extraction", {
      messages: user("x"),
      schema: type({ party: "string", amount: "number" }),
    });
    expect(result.output).toEqual({ party: "Acme Corp", amount: 3 });
  });

  it("passes the request's strict to the adapter's response format", async () => {
    const { adapter, router } = routerSetup();
    adapter.script("fast-model", { reply: { label: "nda" } }, { reply: { label: "nda" } });
    const schema = z.object({ label: z.string() });
    await router.run("classification", { messages: user("x"), schema, strict: true });
    await router.run("classification", { messages: user("x"), schema });
    expect(adapter.calls[0]?.responseFormat?.strict).toBe(true);
    expect(adapter.calls[1]?.responseFormat).not.toHaveProperty("strict");
  });
});

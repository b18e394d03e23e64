import { toJsonSchema, toStandardJsonSchema } from "@valibot/to-json-schema";
import { type } from "arktype";
import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { z as z3 } from "zod-v3";
import { z as z3v4 } from "zod-v3/v4";
import { ConfigurationError } from "../errors/configuration-error.js";
import { outputSchemaFor } from "./output-schema.js";
import type { RouteSchema } from "./route-schema.js";

const refusal = (schema: unknown) => {
  try {
    outputSchemaFor(schema as RouteSchema, "extraction");
  } catch (error) {
    if (ConfigurationError.isInstance(error)) return error.message;
    throw error;
  }
  throw new Error("accepted");
};

describe("outputSchemaFor", () => {
  it("takes zod 4's own JSON Schema, keeping unrepresentable parts as any, and its object fields", async () => {
    const schema = z.object({ label: z.string().describe("the label"), at: z.date().optional() });
    const output = outputSchemaFor(schema, "extraction");
    expect(output.jsonSchema).toEqual(z.toJSONSchema(schema, { target: "draft-2020-12", unrepresentable: "any" }));
    expect([...(output.fieldValidators?.keys() ?? [])]).toEqual(["label", "at"]);
    expect(await output.validate({ label: 1 })).toMatchObject({ issues: [{ path: ["label"] }] });
  });

  it("converts zod 3.25's zod/v4 as zod 3.25 itself would, descriptions included", async () => {
    const schema = z3v4.object({
      party: z3v4.string().describe("who signed"),
      amount: z3v4.number().int().optional(),
      kind: z3v4.enum(["msa", "nda"]),
    });
    const output = outputSchemaFor(schema, "extraction");
    expect(output.jsonSchema).toEqual(z3v4.toJSONSchema(schema, { target: "draft-2020-12", unrepresentable: "any" }));
    expect(output.jsonSchema).toMatchObject({ properties: { party: { description: "who signed" } } });
    expect([...(output.fieldValidators?.keys() ?? [])]).toEqual(["party", "amount", "kind"]);
    expect(await output.validate({ party: "Acme", kind: "msa" })).toEqual({ value: { party: "Acme", kind: "msa" } });
  });

  it("refuses a zod 3 classic schema, saying what to pass instead", () => {
    expect(refusal(z3.object({ label: z3.string() }))).toBe(
      'schema for task "extraction" is a zod 3 schema without a JSON Schema; pass { jsonSchema, validate: schema } with a JSON Schema from zod-to-json-schema, or import { z } from "zod/v4" (zod >= 3.25)',
    );
  });

  it("accepts zod 3 classic in a pair, validating with its Standard Schema", async () => {
    const schema = z3.object({ label: z3.string() });
    const output = outputSchemaFor({ jsonSchema: { type: "object" }, validate: schema, fields: schema.shape }, "x");
    expect(output.jsonSchema).toEqual({ type: "object" });
    expect(await output.validate({ label: "nda" })).toEqual({ value: { label: "nda" } });
    expect(output.fieldValidators?.has("label")).toBe(true);
  });

  it("refuses a bare valibot schema, and accepts it in a pair or as a Standard JSON Schema", async () => {
    const schema = v.object({ total: v.number() });
    expect(refusal(schema)).toMatch(
      /^schema for task "extraction" is a valibot Standard Schema without a JSON Schema \(it does not implement Standard JSON Schema\); pass \{ jsonSchema, validate \}/,
    );
    const pair = outputSchemaFor({ jsonSchema: toJsonSchema(schema), validate: schema, fields: schema.entries }, "x");
    expect(pair.jsonSchema).toMatchObject({ type: "object", required: ["total"] });
    expect(pair.fieldValidators?.has("total")).toBe(true);
    expect(await pair.validate({ total: "1" })).toMatchObject({ issues: [{ path: [{ key: "total" }] }] });
    const standard = outputSchemaFor(toStandardJsonSchema(schema), "x");
    expect(standard.jsonSchema).toMatchObject({ type: "object", required: ["total"] });
    expect(standard.fieldValidators).toBeUndefined();
  });

  it("takes arktype's Standard JSON Schema; without per-field validators", async () => {
    const output = outputSchemaFor(type({ total: "number" }), "x");
    expect(output.jsonSchema).toMatchObject({ type: "object", properties: { total: { type: "number" } } });
    expect(output.fieldValidators).toBeUndefined();
    expect(await output.validate({ total: 3 })).toEqual({ value: { total: 3 } });
  });

  it("refuses what is not a schema, naming what it got", () => {
    expect(refusal("label")).toMatch(/^schema for task "extraction" is a string, not a schema; pass \{ jsonSchema/);
    expect(refusal({ label: "string" })).toMatch(
      /is an object with keys label, neither a Standard Schema nor a \{ jsonSchema, validate \} pair/,
    );
    expect(refusal({ jsonSchema: {}, validate: (value: unknown) => value })).toMatch(
      /a pair whose validate is a function without ~standard; validate must be a Standard Schema/,
    );
    expect(refusal({ jsonSchema: "{}", validate: z.string() })).toMatch(/a pair whose jsonSchema is a string/);
    expect(refusal({ jsonSchema: {}, validate: z.string(), fields: { a: "string" } })).toMatch(
      /a pair whose fields are not all Standard Schemas/,
    );
  });

  it("reports a conversion that throws, with its cause", () => {
    const cause = new Error("cannot express morphs");
    const throwing = {
      "~standard": {
        version: 1,
        vendor: "acme",
        validate: (value: unknown) => ({ value }),
        jsonSchema: {
          input: () => ({}),
          output: () => {
            throw cause;
          },
        },
      },
    };
    let error: unknown;
    try {
      outputSchemaFor(throwing as RouteSchema, "extraction");
    } catch (thrown) {
      error = thrown;
    }
    expect(ConfigurationError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain(
      "an acme schema that failed to convert to JSON Schema (cannot express morphs)",
    );
    expect((error as Error).cause).toBe(cause);
  });

  it("builds once per schema object", () => {
    const schema = z.object({ label: z.string() });
    expect(outputSchemaFor(schema, "a")).toBe(outputSchemaFor(schema, "b"));
    const pair = { jsonSchema: { type: "object" }, validate: schema };
    expect(outputSchemaFor(pair, "a")).toBe(outputSchemaFor(pair, "a"));
  });
});

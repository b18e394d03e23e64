import { describe, expect, it } from "vitest";
import { z } from "zod";
import { outputSchemaFor } from "../schema/output-schema.js";
import { checkOutput, partialOutput, responseFormatFor } from "./output-check.js";

const schema = outputSchemaFor(z.object({ label: z.string() }), "test");

describe("checkOutput", () => {
  it("accepts bare JSON and JSON inside a markdown fence alike", () => {
    expect(checkOutput('{"label":"nda"}', schema)).toEqual({ ok: true, value: { label: "nda" } });
    expect(checkOutput('```json\n{"label":"nda"}\n```', schema)).toEqual({ ok: true, value: { label: "nda" } });
    expect(checkOutput('  ```\n{"label":"msa"}\n```  ', schema)).toEqual({ ok: true, value: { label: "msa" } });
  });

  it("keeps a fence inside a JSON string value as data", () => {
    expect(checkOutput('{"label":"```"}', schema)).toEqual({ ok: true, value: { label: "```" } });
  });

  it("reports text that is not JSON, and JSON that misses the schema with its candidate and path", () => {
    expect(checkOutput("not json", schema)).toMatchObject({ ok: false, problem: "the answer was not valid JSON" });
    const missed = checkOutput('{"label":3}', schema);
    expect(missed).toMatchObject({ ok: false, candidate: { label: 3 }, problem: expect.stringMatching(/^label: /) });
  });

  it("returns the text itself when the request has no schema", () => {
    expect(checkOutput("plain words", undefined)).toEqual({ ok: true, value: "plain words" });
  });

  it("awaits a validator that answers asynchronously", async () => {
    const async = outputSchemaFor(
      z.object({ label: z.string().refine(async (label) => label !== "forbidden", "label is forbidden") }),
      "test",
    );
    const pending = checkOutput('{"label":"forbidden"}', async);
    expect(pending).toBeInstanceOf(Promise);
    expect(await pending).toMatchObject({ ok: false, problem: "label: label is forbidden" });
    expect(await checkOutput('{"label":"fine"}', async)).toEqual({ ok: true, value: { label: "fine" } });
  });
});

describe("partialOutput", () => {
  it("keeps the fields that validate on their own", async () => {
    const fields = outputSchemaFor(z.object({ a: z.string(), b: z.number(), c: z.string().optional() }), "test");
    expect(await partialOutput({ a: "x", b: "y" }, fields)).toEqual({ a: "x" });
    expect(await partialOutput({ a: 1, b: "y" }, fields)).toBeUndefined();
    expect(await partialOutput(["x"], fields)).toBeUndefined();
  });
});

describe("responseFormatFor", () => {
  it("returns one shared format per schema, name and strictness, converting the schema once", () => {
    const own = outputSchemaFor(z.object({ label: z.string() }), "test");
    const first = responseFormatFor(own, "classification_output");
    expect(responseFormatFor(own, "classification_output")).toBe(first);
    expect(first.schema).toMatchObject({ type: "object", required: ["label"] });
    expect(first).not.toHaveProperty("strict");
    const renamed = responseFormatFor(own, "other_output");
    expect(renamed).not.toBe(first);
    expect(renamed.name).toBe("other_output");
    expect(renamed.schema).toBe(first.schema);
    const strict = responseFormatFor(own, "classification_output", true);
    expect(strict).toEqual({ name: "classification_output", schema: first.schema, strict: true });
    expect(responseFormatFor(own, "classification_output", true)).toBe(strict);
    expect(responseFormatFor(own, "classification_output", false).strict).toBe(false);
  });
});

import { describe, expect, it } from "vitest";
import { z } from "zod";
import { checkOutput, responseFormatFor } from "./output-check.js";

const schema = z.object({ label: z.string() });

describe("checkOutput", () => {
  it("accepts bare JSON and JSON inside a markdown fence alike", () => {
    expect(checkOutput('{"label":"nda"}', schema)).toEqual({ ok: true, value: { label: "nda" } });
    expect(checkOutput('```json\n{"label":"nda"}\n```', schema)).toEqual({ ok: true, value: { label: "nda" } });
    expect(checkOutput('  ```\n{"label":"msa"}\n```  ', schema)).toEqual({ ok: true, value: { label: "msa" } });
  });

  it("keeps a fence inside a JSON string value as data", () => {
    expect(checkOutput('{"label":"```"}', schema)).toEqual({ ok: true, value: { label: "```" } });
  });

  it("reports text that is not JSON, and JSON that misses the schema with its candidate", () => {
    expect(checkOutput("not json", schema)).toMatchObject({ ok: false, problem: "the answer was not valid JSON" });
    const missed = checkOutput('{"label":3}', schema);
    expect(missed).toMatchObject({ ok: false, candidate: { label: 3 } });
  });

  it("returns the text itself when the request has no schema", () => {
    expect(checkOutput("plain words", undefined)).toEqual({ ok: true, value: "plain words" });
  });
});

describe("responseFormatFor", () => {
  it("returns one shared format per schema and name, converting the schema once", () => {
    const own = z.object({ label: z.string() });
    const first = responseFormatFor(own, "classification_output");
    expect(responseFormatFor(own, "classification_output")).toBe(first);
    expect(first.schema).toMatchObject({ type: "object", required: ["label"] });
    const renamed = responseFormatFor(own, "other_output");
    expect(renamed).not.toBe(first);
    expect(renamed.name).toBe("other_output");
    expect(renamed.schema).toBe(first.schema);
  });
});

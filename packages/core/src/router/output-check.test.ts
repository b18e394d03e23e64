import { describe, expect, it } from "vitest";
import { z } from "zod";
import { checkOutput } from "./output-check.js";

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

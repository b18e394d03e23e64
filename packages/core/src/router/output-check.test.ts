import { describe, expect, it } from "vitest";
import { z } from "zod";
import { outputSchemaFor } from "../schema/output-schema.js";
import { checkOutput } from "./output-check.js";

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

import { describe, expect, it } from "vitest";
import { z } from "zod";
import { outputSchemaFor } from "./output-schema.js";
import { responseFormatFor } from "./response-format-for.js";

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

import { describe, expect, it } from "vitest";
import { z } from "zod";
import { outputSchemaFor } from "../schema/output-schema.js";
import { partialOutput } from "./best-partial.js";

describe("partialOutput", () => {
  it("keeps the fields that validate on their own", async () => {
    const fields = outputSchemaFor(z.object({ a: z.string(), b: z.number(), c: z.string().optional() }), "test");
    expect(await partialOutput({ a: "x", b: "y" }, fields)).toEqual({ a: "x" });
    expect(await partialOutput({ a: 1, b: "y" }, fields)).toBeUndefined();
    expect(await partialOutput(["x"], fields)).toBeUndefined();
  });
});

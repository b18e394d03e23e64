import { describe, expect, it } from "vitest";
import { guardDiagnostic } from "./diagnostic-handler.js";

describe("guardDiagnostic", () => {
  it("passes every report through to the handler", () => {
    const seen: [string, unknown][] = [];
    const cause = new Error("exporter down");
    guardDiagnostic((message, error) => seen.push([message, error]))("export failed", cause);
    expect(seen).toEqual([["export failed", cause]]);
  });

  it("never lets a throwing handler reach the caller", () => {
    const report = guardDiagnostic(() => {
      throw new Error("logger broken");
    });
    expect(() => report("middleware failed")).not.toThrow();
  });
});

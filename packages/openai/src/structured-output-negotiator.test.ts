import { ConfigurationError } from "@modelpolicy/core";
import { describe, expect, it } from "vitest";
import { StructuredOutputNegotiator } from "./structured-output-negotiator.js";

describe("StructuredOutputNegotiator", () => {
  it("negotiates from json_schema and remembers each rejection per model", () => {
    const negotiator = new StructuredOutputNegotiator("http://127.0.0.1:1/v1");
    expect(negotiator.modesFor("a")).toEqual({
      modes: ["json_schema", "json_object_schema", "json_object", "prompt"],
      negotiated: true,
    });
    negotiator.rejected("a", "json_schema");
    expect(negotiator.currentMode("a")).toBe("json_object_schema");
    expect(negotiator.currentMode("b")).toBe("json_schema");
  });

  it("never moves back when a slower call reports an older rejection", () => {
    const negotiator = new StructuredOutputNegotiator("http://127.0.0.1:1/v1");
    negotiator.rejected("a", "json_object_schema");
    negotiator.rejected("a", "json_schema");
    expect(negotiator.currentMode("a")).toBe("json_object");
  });

  it("keeps the last mode once everything was rejected", () => {
    const negotiator = new StructuredOutputNegotiator("http://127.0.0.1:1/v1", {
      negotiate: ["json_object", "prompt"],
    });
    negotiator.rejected("a", "json_object");
    negotiator.rejected("a", "prompt");
    expect(negotiator.modesFor("a")).toEqual({ modes: ["prompt"], negotiated: true });
  });

  it("gives a fixed mode, per model first, and does not negotiate it", () => {
    const negotiator = new StructuredOutputNegotiator("http://127.0.0.1:1/v1", {
      mode: "json_schema",
      byModel: { smollm2: "json_object_schema" },
    });
    expect(negotiator.modesFor("smollm2")).toEqual({ modes: ["json_object_schema"], negotiated: false });
    expect(negotiator.modesFor("other")).toEqual({ modes: ["json_schema"], negotiated: false });
    negotiator.rejected("other", "json_schema");
    expect(negotiator.currentMode("other")).toBe("json_schema");
  });

  it("refuses an empty negotiation order", () => {
    expect(() => new StructuredOutputNegotiator("http://127.0.0.1:1/v1", { negotiate: [] })).toThrow(
      ConfigurationError,
    );
  });
});

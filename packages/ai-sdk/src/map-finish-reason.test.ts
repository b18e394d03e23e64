import { describe, expect, it } from "vitest";
import { mapFinishReason } from "./map-finish-reason.js";

describe("mapFinishReason", () => {
  it.each([
    ["stop", "stop"],
    ["length", "length"],
    ["content-filter", "content_filter"],
    ["tool-calls", "tool_calls"],
    ["error", "other"],
    ["interrupted", "other"],
    ["unknown", "other"],
    ["other", "other"],
  ] as const)("maps %s to %s as a spec v2 string and as a v3/v4 { unified, raw }", (unified, core) => {
    expect(mapFinishReason(unified)).toBe(core);
    expect(mapFinishReason({ unified, raw: "provider_reason" })).toBe(core);
  });

  it("maps a missing reason to other", () => {
    expect(mapFinishReason(undefined)).toBe("other");
    expect(mapFinishReason({ unified: undefined as unknown as string })).toBe("other");
  });
});

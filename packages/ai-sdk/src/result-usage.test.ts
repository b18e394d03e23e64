import { describe, expect, it } from "vitest";
import { resultUsage } from "./result-usage.js";

describe("resultUsage", () => {
  it("reads spec v3/v4 nested usage: the input total with cache reads and writes, the output total", () => {
    expect(
      resultUsage({
        inputTokens: { total: 1_400, noCache: 100, cacheRead: 1_000, cacheWrite: 300 },
        outputTokens: { total: 29, text: 9, reasoning: 20 },
      }),
    ).toEqual({ inputTokens: 1_400, outputTokens: 29, cachedInputTokens: 1_000, cacheWriteInputTokens: 300 });
  });

  it("sums the parts when a nested total is missing, and leaves an unreported cache count out", () => {
    expect(
      resultUsage({
        inputTokens: { total: undefined, noCache: 100, cacheRead: undefined, cacheWrite: 300 },
        outputTokens: { total: undefined, text: 9, reasoning: 20 },
      }),
    ).toEqual({ inputTokens: 400, outputTokens: 29, cacheWriteInputTokens: 300 });
    expect(
      resultUsage({
        inputTokens: { total: 130, noCache: 100, cacheRead: 30, cacheWrite: undefined },
        outputTokens: { total: 2 },
      }),
    ).toEqual({ inputTokens: 130, outputTokens: 2, cachedInputTokens: 30 });
  });

  it("reads spec v2 flat usage as it is", () => {
    expect(resultUsage({ inputTokens: 120, outputTokens: 9, totalTokens: 129, cachedInputTokens: 100 })).toEqual({
      inputTokens: 120,
      outputTokens: 9,
      cachedInputTokens: 100,
    });
    expect(resultUsage({ inputTokens: undefined, outputTokens: 3 })).toEqual({ inputTokens: 0, outputTokens: 3 });
  });

  it("counts missing, negative or non-numeric values as 0", () => {
    expect(resultUsage(undefined)).toEqual({ inputTokens: 0, outputTokens: 0 });
    expect(resultUsage({ inputTokens: -5, outputTokens: Number.NaN })).toEqual({ inputTokens: 0, outputTokens: 0 });
  });
});

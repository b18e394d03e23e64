import { priceUsage } from "@modelpolicy/core";
import { describe, expect, it } from "vitest";
import { messageUsage } from "./message-usage.js";

describe("messageUsage", () => {
  it("counts cache reads and writes into the input, cache reads as cached input and cache writes as such", () => {
    expect(
      messageUsage({
        input_tokens: 50,
        output_tokens: 7,
        cache_read_input_tokens: 2_000,
        cache_creation_input_tokens: 500,
      }),
    ).toEqual({ inputTokens: 2_550, outputTokens: 7, cachedInputTokens: 2_000, cacheWriteInputTokens: 500 });
  });

  it("prices cache reads at the cached rate, cache writes at the cache-write rate, the rest at the base rate", () => {
    const usage = messageUsage({
      input_tokens: 1_000_000,
      output_tokens: 0,
      cache_read_input_tokens: 1_000_000,
      cache_creation_input_tokens: 1_000_000,
    });
    const price = {
      input_per_million: 3,
      cached_input_per_million: 0.3,
      cache_write_input_per_million: 3.75,
      output_per_million: 15,
    };
    expect(priceUsage(price, usage)).toBeCloseTo(3 + 0.3 + 3.75, 10);
  });

  it("keeps a zero count of a cache field the answer sent, so usage says the cache was not written", () => {
    expect(
      messageUsage({ input_tokens: 10, output_tokens: 2, cache_read_input_tokens: 0, cache_creation_input_tokens: 0 }),
    ).toEqual({ inputTokens: 10, outputTokens: 2, cachedInputTokens: 0, cacheWriteInputTokens: 0 });
  });

  it("leaves the cache counts out when the answer has no cache fields, and ignores junk counts", () => {
    expect(messageUsage({ input_tokens: 10, output_tokens: 2 })).toEqual({ inputTokens: 10, outputTokens: 2 });
    expect(
      messageUsage({
        input_tokens: "10",
        output_tokens: -1,
        cache_read_input_tokens: null,
        cache_creation_input_tokens: null,
      }),
    ).toEqual({ inputTokens: 0, outputTokens: 0 });
    expect(messageUsage(undefined)).toEqual({ inputTokens: 0, outputTokens: 0 });
  });
});

import { describe, expect, it } from "vitest";
import { PriceBook, priceUsage } from "./price-book.js";

const price = {
  input_per_million: 2,
  output_per_million: 10,
  cached_input_per_million: 0.2,
  cache_write_input_per_million: 2.5,
};

describe("priceUsage", () => {
  it("bills uncached input, cache reads, cache writes and output each at their own rate", () => {
    // 400k × $2 + 100k × $0.20 + 500k × $2.50 + 1k output × $10 per million.
    expect(
      priceUsage(price, {
        inputTokens: 1_000_000,
        outputTokens: 1_000,
        cachedInputTokens: 100_000,
        cacheWriteInputTokens: 500_000,
      }),
    ).toBeCloseTo(2.08, 10);
  });

  it("bills cache writes at the base input rate when the price has no cache-write rate", () => {
    const withoutWriteRate = { input_per_million: 2, output_per_million: 10, cached_input_per_million: 0.2 };
    expect(
      priceUsage(withoutWriteRate, { inputTokens: 1_000_000, outputTokens: 0, cacheWriteInputTokens: 1_000_000 }),
    ).toBe(2);
  });

  it("never prices more cache reads and writes than the input they are part of", () => {
    // Reads take the whole input; the writes find nothing left.
    expect(
      priceUsage(price, {
        inputTokens: 1_000_000,
        outputTokens: 0,
        cachedInputTokens: 2_000_000,
        cacheWriteInputTokens: 1_000_000,
      }),
    ).toBeCloseTo(0.2, 10);
    // Writes take what the reads left.
    expect(
      priceUsage(price, {
        inputTokens: 1_000_000,
        outputTokens: 0,
        cachedInputTokens: 600_000,
        cacheWriteInputTokens: 900_000,
      }),
    ).toBeCloseTo(0.12 + 1, 10);
  });
});

describe("PriceBook", () => {
  it("prices cache writes at a table's own cache-write rate over the defaults", () => {
    const book = new PriceBook({ "claude-haiku-4-5": { ...price } });
    expect(
      book.costOf("claude-haiku-4-5-20251001", {
        inputTokens: 1_000_000,
        outputTokens: 0,
        cacheWriteInputTokens: 1_000_000,
      }),
    ).toBe(2.5);
  });
});

import { describe, expect, it } from "vitest";
import { DEFAULT_PRICE_SOURCES, DEFAULT_PRICES, DEFAULT_PRICES_AS_OF } from "./default-prices.js";
import { PriceBook } from "./price-book.js";

const usage = { inputTokens: 1_000_000, outputTokens: 1_000_000 };

describe("DEFAULT_PRICES", () => {
  it("prices the Claude 4.x families from Anthropic's page", () => {
    const book = new PriceBook();
    expect(book.costOf("claude-opus-4-8", usage)).toBe(30);
    expect(book.costOf("claude-opus-4-5", usage)).toBe(30);
    expect(book.costOf("claude-opus-4-1", usage)).toBe(90);
    expect(book.costOf("claude-sonnet-4-6", usage)).toBe(18);
    expect(book.costOf("claude-sonnet-4-20250514", usage)).toBe(18);
    expect(book.costOf("claude-haiku-4-5", usage)).toBe(6);
  });

  it("prices Anthropic's dated ids as their alias, and cache hits at the cache-hit rate", () => {
    const book = new PriceBook();
    expect(book.costOf("claude-haiku-4-5-20251001", usage)).toBe(6);
    expect(book.costOf("claude-opus-4-5-20251101", usage)).toBe(30);
    expect(book.costOf("gpt-4o-mini-2024-07-18", usage)).toBeCloseTo(0.75, 10);
    // 1M input of which 800k are cache hits: 200k × $3 + 800k × $0.30 per million.
    expect(
      book.costOf("claude-sonnet-4-6", { inputTokens: 1_000_000, outputTokens: 0, cachedInputTokens: 800_000 }),
    ).toBe(0.84);
  });

  it("prices Anthropic cache writes at the 5-minute TTL rate, 1.25× the base input", () => {
    const book = new PriceBook();
    // 1M input: 100k uncached × $3, 300k cache hits × $0.30, 600k cache writes × $3.75 per million.
    expect(
      book.costOf("claude-sonnet-4-6", {
        inputTokens: 1_000_000,
        outputTokens: 0,
        cachedInputTokens: 300_000,
        cacheWriteInputTokens: 600_000,
      }),
    ).toBeCloseTo(2.64, 10);
    for (const [model, price] of Object.entries(DEFAULT_PRICES)) {
      if (!model.startsWith("claude-")) continue;
      expect(price.cache_write_input_per_million, model).toBeCloseTo(price.input_per_million * 1.25, 10);
    }
  });

  it("leaves models without a bundled price unknown (null), never 0", () => {
    const book = new PriceBook();
    for (const model of ["gemini-1.5-pro", "claude-sonnet-5-5", "llama-3.3-70b"]) {
      expect(book.priceOf(model), model).toBeUndefined();
      expect(book.costOf(model, usage), model).toBeNull();
    }
  });

  it("prices Gemini models, and a Pro call past 200K input tokens wholly at the long-context rates", () => {
    const book = new PriceBook();
    expect(book.costOf("gemini-2.5-flash", usage)).toBeCloseTo(2.8, 10);
    expect(book.costOf("gemini-3-flash-preview", usage)).toBeCloseTo(3.5, 10);
    // 200K input is still the short rate: 0.2 × $2 + 0.01 × $12.
    expect(book.costOf("gemini-3-pro-preview", { inputTokens: 200_000, outputTokens: 10_000 })).toBeCloseTo(0.52, 10);
    // One token more and the whole call is long: 200 001 × $4 + 10 000 × $18 per million.
    expect(book.costOf("gemini-3-pro-preview", { inputTokens: 200_001, outputTokens: 10_000 })).toBeCloseTo(
      0.980004,
      10,
    );
    // Cache hits past the threshold take the long cached rate: 100K × $2.5 + 200K × $0.25 per million.
    expect(
      book.costOf("gemini-2.5-pro", { inputTokens: 300_000, outputTokens: 0, cachedInputTokens: 200_000 }),
    ).toBeCloseTo(0.3, 10);
  });

  it("has a cached rate at or below the input rate and a cache-write rate at or above it, and dates each provider's prices", () => {
    for (const [model, price] of Object.entries(DEFAULT_PRICES)) {
      expect(price.input_per_million, model).toBeGreaterThan(0);
      // Embedding models are priced on input alone (output 0); every other model's output costs more.
      if (!model.startsWith("text-embedding-")) {
        expect(price.output_per_million, model).toBeGreaterThanOrEqual(price.input_per_million);
      } else expect(price.output_per_million, model).toBe(0);
      expect(price.cached_input_per_million ?? price.input_per_million, model).toBeLessThanOrEqual(
        price.input_per_million,
      );
      expect(price.cache_write_input_per_million ?? price.input_per_million, model).toBeGreaterThanOrEqual(
        price.input_per_million,
      );
    }
    expect(DEFAULT_PRICE_SOURCES.map((source) => source.provider)).toEqual(["openai", "anthropic", "gcp.gemini"]);
    for (const source of DEFAULT_PRICE_SOURCES) expect(source.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(DEFAULT_PRICES_AS_OF).toBe([...DEFAULT_PRICE_SOURCES.map((source) => source.asOf)].sort()[0]);
  });
});

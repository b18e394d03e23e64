import type { TokenUsage } from "../adapter/model-adapter.js";
import type { ModelPrice } from "../policy/policy-schema.js";
import { DEFAULT_PRICES } from "./default-prices.js";

/**
 * A dated model snapshot is priced as its base model: OpenAI dates them `gpt-4o-mini-2024-07-18`,
 * Anthropic `claude-haiku-4-5-20251001`.
 */
const DATE_SUFFIX = /-(?:\d{4}-\d{2}-\d{2}|\d{8})$/;

/**
 * Prices looked up by model name: the table's own prices over the bundled defaults. Lookup
 * tries the exact name, then the name without a date suffix, because providers report the
 * dated snapshot that served a call while tables name the alias.
 */
export class PriceBook {
  private readonly prices: Map<string, ModelPrice>;

  constructor(tablePrices: Readonly<Record<string, ModelPrice>> = {}, defaults = DEFAULT_PRICES) {
    this.prices = new Map([...Object.entries(defaults), ...Object.entries(tablePrices)]);
  }

  /** The price of a model, or `undefined` when neither the table nor the defaults know it. */
  priceOf(model: string): ModelPrice | undefined {
    return this.prices.get(model) ?? this.prices.get(model.replace(DATE_SUFFIX, ""));
  }

  /**
   * USD for a usage on a model; `null` when the price is unknown (never a silent 0). Cache reads
   * and cache writes are billed at their own rates when the price has them (see
   * {@link priceUsage}).
   */
  costOf(model: string, usage: TokenUsage): number | null {
    const price = this.priceOf(model);
    if (!price) return null;
    return priceUsage(price, usage);
  }
}

/**
 * USD for a usage at a price. The input splits three ways: cache reads (`cachedInputTokens`) at
 * `cached_input_per_million`, cache writes (`cacheWriteInputTokens`) at
 * `cache_write_input_per_million`, and the rest at `input_per_million`. A price without a cached
 * or a cache-write rate bills those tokens at the base input rate: a table that leaves the
 * cache-write rate out under-prices providers that charge a premium for writing the cache
 * (Anthropic: 1.25× for its default 5-minute TTL, 2× for one hour). Reads and writes are capped
 * at the input they are part of, reads first, so a provider's inconsistent counts never price
 * more input tokens than `inputTokens`. A call over a price's `long_context` threshold is billed
 * at the long-context rates throughout.
 */
export function priceUsage(base: ModelPrice, usage: TokenUsage): number {
  const long = base.long_context;
  // Past the threshold the provider bills the whole call, not just the excess, at its long rates.
  const price = long !== undefined && usage.inputTokens > long.above_input_tokens ? { ...base, ...long } : base;
  const cached = clamp(usage.cachedInputTokens, usage.inputTokens);
  const cacheWrites = clamp(usage.cacheWriteInputTokens, usage.inputTokens - cached);
  const cachedRate = price.cached_input_per_million ?? price.input_per_million;
  const cacheWriteRate = price.cache_write_input_per_million ?? price.input_per_million;
  return (
    ((usage.inputTokens - cached - cacheWrites) * price.input_per_million +
      cached * cachedRate +
      cacheWrites * cacheWriteRate +
      usage.outputTokens * price.output_per_million) /
    1_000_000
  );
}

/** A part of the input, between 0 and what is left of it. */
function clamp(tokens: number | undefined, left: number): number {
  return Math.max(0, Math.min(tokens ?? 0, left));
}

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
   * USD for a usage on a model; `null` when the price is unknown (never a silent 0). Cached
   * input is billed at the cached rate when the price has one.
   */
  costOf(model: string, usage: TokenUsage): number | null {
    const price = this.priceOf(model);
    if (!price) return null;
    return priceUsage(price, usage);
  }
}

/** USD for a usage at a price. */
export function priceUsage(price: ModelPrice, usage: TokenUsage): number {
  const cached = Math.min(usage.cachedInputTokens ?? 0, usage.inputTokens);
  const cachedRate = price.cached_input_per_million ?? price.input_per_million;
  return (
    ((usage.inputTokens - cached) * price.input_per_million +
      cached * cachedRate +
      usage.outputTokens * price.output_per_million) /
    1_000_000
  );
}

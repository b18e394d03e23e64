import type { ModelPrice } from "../policy/policy-schema.js";

/** Where one provider's bundled prices come from, and the day they were read there. */
export interface PriceSource {
  readonly provider: string;
  /** ISO date the prices were taken from `url`. */
  readonly asOf: string;
  readonly url: string;
}

/**
 * The public price pages the bundled prices were read from, per provider. Prices change; a
 * table's own `prices` override these, and a model none of them names stays unpriced (the cost
 * is `null`, never 0) until a table states one.
 */
export const DEFAULT_PRICE_SOURCES: readonly PriceSource[] = [
  { provider: "openai", asOf: "2025-08-15", url: "https://openai.com/api/pricing/" },
  { provider: "anthropic", asOf: "2026-11-30", url: "https://platform.claude.com/docs/en/about-claude/pricing" },
  { provider: "gcp.gemini", asOf: "2026-07-04", url: "https://ai.google.dev/gemini-api/docs/pricing" },
];

/**
 * The date of the oldest bundled price (see {@link DEFAULT_PRICE_SOURCES} for each provider's):
 * a cost computed from the defaults is no more current than the oldest price it may use.
 */
export const DEFAULT_PRICES_AS_OF = "2025-08-15";

/** OpenAI list prices, USD per million tokens; cached input is the prompt-caching rate. */
const OPENAI_PRICES: Readonly<Record<string, ModelPrice>> = {
  "gpt-5": { input_per_million: 1.25, output_per_million: 10, cached_input_per_million: 0.125 },
  "gpt-5-mini": { input_per_million: 0.25, output_per_million: 2, cached_input_per_million: 0.025 },
  "gpt-5-nano": { input_per_million: 0.05, output_per_million: 0.4, cached_input_per_million: 0.005 },
  "gpt-4.1": { input_per_million: 2, output_per_million: 8, cached_input_per_million: 0.5 },
  "gpt-4.1-mini": { input_per_million: 0.4, output_per_million: 1.6, cached_input_per_million: 0.1 },
  "gpt-4.1-nano": { input_per_million: 0.1, output_per_million: 0.4, cached_input_per_million: 0.025 },
  "gpt-4o": { input_per_million: 2.5, output_per_million: 10, cached_input_per_million: 1.25 },
  "gpt-4o-mini": { input_per_million: 0.15, output_per_million: 0.6, cached_input_per_million: 0.075 },
  o3: { input_per_million: 2, output_per_million: 8, cached_input_per_million: 0.5 },
  "o4-mini": { input_per_million: 1.1, output_per_million: 4.4, cached_input_per_million: 0.275 },
  // Embedding models bill input tokens only.
  "text-embedding-3-small": { input_per_million: 0.02, output_per_million: 0 },
  "text-embedding-3-large": { input_per_million: 0.13, output_per_million: 0 },
  "text-embedding-ada-002": { input_per_million: 0.1, output_per_million: 0 },
};

const OPUS_4_5_AND_LATER: ModelPrice = {
  input_per_million: 5,
  output_per_million: 25,
  cached_input_per_million: 0.5,
  cache_write_input_per_million: 6.25,
};
const OPUS_4_AND_4_1: ModelPrice = {
  input_per_million: 15,
  output_per_million: 75,
  cached_input_per_million: 1.5,
  cache_write_input_per_million: 18.75,
};
const SONNET_4: ModelPrice = {
  input_per_million: 3,
  output_per_million: 15,
  cached_input_per_million: 0.3,
  cache_write_input_per_million: 3.75,
};
const HAIKU_4_5: ModelPrice = {
  input_per_million: 1,
  output_per_million: 5,
  cached_input_per_million: 0.1,
  cache_write_input_per_million: 1.25,
};

/**
 * Anthropic's Claude 4.x list prices (base input, output, cache hits as the cached rate and
 * cache writes as the cache-write rate), by model id and alias; dated ids such as
 * `claude-haiku-4-5-20251001` resolve to their alias in the price book. The cache-write rate is
 * the 5-minute TTL's (1.25× input), which is what a `cache_control` without a `ttl` bills; writes
 * with the 1-hour TTL (2× input) are under-priced by the difference, and the long-context rate
 * of Sonnet 4 and 4.5 above 200K input tokens is not modelled: tables that use either should
 * state their own price.
 */
const ANTHROPIC_PRICES: Readonly<Record<string, ModelPrice>> = {
  "claude-opus-4-8": OPUS_4_5_AND_LATER,
  "claude-opus-4-7": OPUS_4_5_AND_LATER,
  "claude-opus-4-6": OPUS_4_5_AND_LATER,
  "claude-opus-4-5": OPUS_4_5_AND_LATER,
  "claude-opus-4-1": OPUS_4_AND_4_1,
  "claude-opus-4-0": OPUS_4_AND_4_1,
  "claude-opus-4-20250514": OPUS_4_AND_4_1,
  "claude-sonnet-4-6": SONNET_4,
  "claude-sonnet-4-5": SONNET_4,
  "claude-sonnet-4-0": SONNET_4,
  "claude-sonnet-4-20250514": SONNET_4,
  "claude-haiku-4-5": HAIKU_4_5,
};

/** A Gemini Pro price: the whole call is billed at the long rates past 200K input tokens. */
function geminiPro(short: [number, number, number], long: [number, number, number]): ModelPrice {
  return {
    input_per_million: short[0],
    output_per_million: short[1],
    cached_input_per_million: short[2],
    long_context: {
      above_input_tokens: 200_000,
      input_per_million: long[0],
      output_per_million: long[1],
      cached_input_per_million: long[2],
    },
  };
}

/**
 * Gemini API (Google AI) paid-tier list prices for text, image and video input (audio input
 * costs more on Flash models: tables that send audio state their own), output including
 * thinking tokens, and the context-caching rate as the cached rate; cache storage is billed per
 * hour and not modelled. Pro models bill past 200K input tokens at their long-context rates.
 * Vertex AI's prices for the same models may differ.
 */
const GEMINI_PRICES: Readonly<Record<string, ModelPrice>> = {
  "gemini-3-pro-preview": geminiPro([2, 12, 0.2], [4, 18, 0.4]),
  "gemini-3-flash-preview": { input_per_million: 0.5, output_per_million: 3, cached_input_per_million: 0.05 },
  "gemini-2.5-pro": geminiPro([1.25, 10, 0.125], [2.5, 15, 0.25]),
  "gemini-2.5-flash": { input_per_million: 0.3, output_per_million: 2.5, cached_input_per_million: 0.03 },
  "gemini-2.5-flash-lite": { input_per_million: 0.1, output_per_million: 0.4, cached_input_per_million: 0.01 },
};

/**
 * USD per million tokens for common models, as published on each provider's page on the date
 * {@link DEFAULT_PRICE_SOURCES} gives. Only a convenience so the embedded default shows costs:
 * production tables should state their own.
 */
export const DEFAULT_PRICES: Readonly<Record<string, ModelPrice>> = {
  ...OPENAI_PRICES,
  ...ANTHROPIC_PRICES,
  ...GEMINI_PRICES,
};

import type { ModelPrice } from "../policy/policy-schema.js";

/**
 * The date the bundled prices were taken from the providers' public price pages. Prices change;
 * a table's own `prices` override these, and the CLI prints this date beside computed costs.
 */
export const DEFAULT_PRICES_AS_OF = "2025-08-15";

/**
 * USD per million tokens for common models, as published on {@link DEFAULT_PRICES_AS_OF}. Only
 * a convenience so the embedded default shows costs: production tables should state their own.
 */
export const DEFAULT_PRICES: Readonly<Record<string, ModelPrice>> = {
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

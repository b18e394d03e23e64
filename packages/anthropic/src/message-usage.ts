import type { TokenUsage } from "@modelpolicy/core";

/** `usage` of a Messages API answer as every SDK major returns it; the cache fields may be null or absent. */
export interface AnthropicUsageShape {
  input_tokens?: unknown;
  output_tokens?: unknown;
  cache_read_input_tokens?: unknown;
  cache_creation_input_tokens?: unknown;
}

/**
 * Anthropic's usage as the core's. Anthropic's `input_tokens` counts only the input after the
 * last cache breakpoint: cache reads and cache writes are reported beside it, not in it. The
 * core's `inputTokens` is the whole prompt (as OpenAI's `prompt_tokens` is), with
 * `cachedInputTokens` and `cacheWriteInputTokens` the parts billed at the cached and cache-write
 * rates, so `inputTokens` here is the sum of all three, `cachedInputTokens` the cache reads and
 * `cacheWriteInputTokens` the cache writes (each set only when Anthropic sent it as a number).
 * The core prices writes at the table's `cache_write_input_per_million`, which the bundled
 * Claude prices set to the 5-minute TTL's 1.25× input; writes with the 1-hour TTL (2× input,
 * split out only in `cache_creation`) are under-priced by the difference.
 */
export function messageUsage(usage: AnthropicUsageShape | null | undefined): TokenUsage {
  const uncached = tokenCount(usage?.input_tokens);
  const cacheReads = tokenCount(usage?.cache_read_input_tokens);
  const cacheWrites = tokenCount(usage?.cache_creation_input_tokens);
  const result: TokenUsage = {
    inputTokens: uncached + cacheReads + cacheWrites,
    outputTokens: tokenCount(usage?.output_tokens),
  };
  if (typeof usage?.cache_read_input_tokens === "number") result.cachedInputTokens = cacheReads;
  if (typeof usage?.cache_creation_input_tokens === "number") result.cacheWriteInputTokens = cacheWrites;
  return result;
}

/** A usage count the router can sum and price: anything but a finite, non-negative number counts as 0. */
function tokenCount(value: unknown): number {
  return typeof value === "number" && Number.isFinite(value) && value >= 0 ? value : 0;
}

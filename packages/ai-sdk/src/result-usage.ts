import type { TokenUsage } from "@modelpolicy/core";
import type { AiSdkFlatUsage, AiSdkNestedUsage } from "./ai-sdk-provider-like.js";

/**
 * A `doGenerate` result's usage as the core's, in either shape. Spec v3 and v4 nest the counts:
 * `inputTokens.total` is the whole prompt (uncached, cache reads and cache writes), which is what
 * the core's `inputTokens` means, `inputTokens.cacheRead` the part billed at the cached rate and
 * `inputTokens.cacheWrite` the part billed at the cache-write rate (`cacheWriteInputTokens`);
 * `outputTokens.total` includes reasoning tokens, which are billed as output. When a provider
 * leaves a total out, it is the sum of the parts it did report. Spec v2 is flat and is taken as
 * it is: `inputTokens`, `outputTokens` and `cachedInputTokens`; it has no cache-write count, so
 * a v2 model's cache writes are priced as plain input. (Spec v2 providers did not agree on
 * whether `inputTokens` counts cache reads: OpenAI's does, `@ai-sdk/anthropic` 2.x's does not,
 * so an Anthropic v2 model with prompt caching is under-counted by its cache reads.) The shape is
 * read from the value, not from `specificationVersion`, so a provider that declares one version
 * and returns the other's usage is still counted. Missing or invalid counts are 0; a cache count
 * the provider did not report is left out, not 0.
 */
export function resultUsage(usage: AiSdkNestedUsage | AiSdkFlatUsage | null | undefined): TokenUsage {
  if (typeof usage !== "object" || usage === null) return { inputTokens: 0, outputTokens: 0 };
  if (isNested(usage)) {
    const input = usage.inputTokens;
    const output = typeof usage.outputTokens === "object" && usage.outputTokens !== null ? usage.outputTokens : {};
    const result: TokenUsage = {
      inputTokens: isCount(input.total)
        ? input.total
        : count(input.noCache) + count(input.cacheRead) + count(input.cacheWrite),
      outputTokens: isCount(output.total) ? output.total : count(output.text) + count(output.reasoning),
    };
    if (isCount(input.cacheRead)) result.cachedInputTokens = input.cacheRead;
    if (isCount(input.cacheWrite)) result.cacheWriteInputTokens = input.cacheWrite;
    return result;
  }
  const flat = usage as AiSdkFlatUsage;
  const result: TokenUsage = { inputTokens: count(flat.inputTokens), outputTokens: count(flat.outputTokens) };
  if (isCount(flat.cachedInputTokens)) result.cachedInputTokens = flat.cachedInputTokens;
  return result;
}

function isNested(usage: AiSdkNestedUsage | AiSdkFlatUsage): usage is AiSdkNestedUsage {
  return typeof usage.inputTokens === "object" && usage.inputTokens !== null;
}

/** A count the router can sum and price: finite and non-negative. */
function isCount(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value) && value >= 0;
}

function count(value: unknown): number {
  return isCount(value) ? value : 0;
}

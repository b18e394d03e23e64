import { ProviderError } from "../errors/provider-error.js";

/**
 * Waits what the provider asked (Retry-After) when it asked, and otherwise exponential backoff
 * with full jitter, capped. Providers that send Retry-After know their own recovery time better
 * than any formula.
 */
export class RetryAfterBackoff {
  constructor(
    private readonly baseDelayMs: number,
    private readonly maxDelayMs: number,
    private readonly random: () => number = Math.random,
  ) {}

  /** Delay in ms before retry number `retry` (1 for the first retry) after `error`. */
  delayMs(retry: number, error: unknown): number {
    const retryAfter = ProviderError.isInstance(error) ? error.retryAfterMs : undefined;
    if (retryAfter !== undefined) return retryAfter;
    const exponential = Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** (retry - 1));
    return Math.round(exponential * this.random());
  }
}

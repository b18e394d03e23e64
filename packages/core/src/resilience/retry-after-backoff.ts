import type { IBackoff, IBackoffFactory, IRetryBackoffContext } from "cockatiel";
import { ProviderError } from "../errors/provider-error.js";

/**
 * Cockatiel backoff that waits what the provider asked (Retry-After) when it asked, and
 * otherwise exponential backoff with full jitter, capped. Providers that send Retry-After know
 * their own recovery time better than any formula.
 */
export class RetryAfterBackoff implements IBackoffFactory<IRetryBackoffContext<unknown>> {
  constructor(
    private readonly baseDelayMs: number,
    private readonly maxDelayMs: number,
    private readonly random: () => number = Math.random,
  ) {}

  next(context: IRetryBackoffContext<unknown>): IBackoff<IRetryBackoffContext<unknown>> {
    const error = "error" in context.result ? context.result.error : undefined;
    const retryAfter = ProviderError.isInstance(error) ? error.retryAfterMs : undefined;
    const exponential = Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** (context.attempt - 1));
    const duration = retryAfter !== undefined ? retryAfter : Math.round(exponential * this.random());
    return { duration, next: (nextContext) => this.next(nextContext) };
  }
}

import type { RateLimit, SpendWindow } from "../policy/policy-schema.js";
import type { RateDecision, StateBackend } from "./state-backend.js";
import { RATE_WINDOW_MS, rateWindowOf, spendWindowStart } from "./state-windows.js";

/** A granted decision, shared: the common answer allocates nothing. */
export const GRANTED: RateDecision = Object.freeze({ granted: true });

/** What one rate limit has taken in its current window. */
interface RateWindow {
  window: number;
  requests: number;
  tokens: number;
}

/** Spend of one policy and window kind in its current window. */
interface SpendEntry {
  start: number;
  usd: number;
}

/** Options of {@link InMemoryStateBackend}. */
export interface InMemoryStateBackendOptions {
  /** The clock, epoch milliseconds; tests pass their own. Default `Date.now`. */
  now?: () => number;
}

/**
 * The state backend of one process, and the router's default: rate limits as fixed one-minute
 * counters, spend per policy and window, breaker state in a map. Exact within the process and
 * blind to every other one, which is what a single replica needs; a fleet shares state through
 * `@modelpolicy/redis` instead. Also the local limiter that backend falls back to when Redis is
 * out of reach.
 */
export class InMemoryStateBackend implements StateBackend {
  private readonly rates = new Map<string, RateWindow>();
  private readonly spend = new Map<string, SpendEntry>();
  private readonly breakers = new Map<string, number>();
  private readonly now: () => number;

  constructor(options: InMemoryStateBackendOptions = {}) {
    this.now = options.now ?? Date.now;
  }

  acquire(key: string, limit: RateLimit, requests: number, tokens: number): RateDecision {
    const now = this.now();
    const window = rateWindowOf(now);
    let entry = this.rates.get(key);
    if (entry === undefined) {
      entry = { window, requests: 0, tokens: 0 };
      this.rates.set(key, entry);
    } else if (entry.window !== window) {
      entry.window = window;
      entry.requests = 0;
      entry.tokens = 0;
    }
    const overRequests = limit.rpm !== undefined && entry.requests + requests > limit.rpm;
    const overTokens = limit.tpm !== undefined && entry.tokens + tokens > limit.tpm;
    if (overRequests || overTokens) return { granted: false, retryAfterMs: (window + 1) * RATE_WINDOW_MS - now };
    entry.requests += requests;
    entry.tokens += tokens;
    return GRANTED;
  }

  /** What `key` has taken in the current minute, for callers that report local usage elsewhere. */
  used(key: string): { requests: number; tokens: number } {
    const entry = this.rates.get(key);
    if (entry === undefined || entry.window !== rateWindowOf(this.now())) return { requests: 0, tokens: 0 };
    return { requests: entry.requests, tokens: entry.tokens };
  }

  addSpend(scope: string, window: SpendWindow, usd: number): void {
    const start = spendWindowStart(window, this.now());
    const key = `${scope}\u0000${window}`;
    const entry = this.spend.get(key);
    if (entry === undefined || entry.start !== start) this.spend.set(key, { start, usd });
    else entry.usd += usd;
  }

  readSpend(scope: string, window: SpendWindow): number {
    const entry = this.spend.get(`${scope}\u0000${window}`);
    return entry !== undefined && entry.start === spendWindowStart(window, this.now()) ? entry.usd : 0;
  }

  publishBreaker(key: string, openUntil: number | undefined): void {
    if (openUntil === undefined) this.breakers.delete(key);
    else this.breakers.set(key, openUntil);
  }

  breakerOpenUntil(key: string): number | undefined {
    const until = this.breakers.get(key);
    return until !== undefined && until > this.now() ? until : undefined;
  }
}

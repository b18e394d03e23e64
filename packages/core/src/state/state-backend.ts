import type { RateLimit, SpendWindow } from "../policy/policy-schema.js";

/**
 * The answer to a rate-limit acquire: granted, or refused with how long until the limit's
 * current one-minute window ends (when capacity comes back at the latest).
 */
export type RateDecision = { readonly granted: true } | { readonly granted: false; readonly retryAfterMs: number };

/**
 * Where the state that spans a router's calls lives when it must span processes too: provider
 * rate limits (which belong to the account, not to one replica), spend per policy and window,
 * and circuit-breaker state. The router consults it before every attempt and after every priced
 * one, so an implementation decides from local memory and does its I/O in the background: no
 * method may wait on a network round trip in the common case. {@link InMemoryStateBackend} is
 * the default, for one process; `@modelpolicy/redis` shares the state across a fleet.
 *
 * Times are epoch milliseconds (`Date.now()`), since they cross processes. Rate limits count in
 * fixed one-minute windows; spend counts in the fixed UTC hour or day of {@link SpendWindow}.
 * Implementations never throw: a backend that cannot reach its store decides locally and
 * reports through its own diagnostics.
 */
export interface StateBackend {
  /**
   * Takes `requests` requests and `tokens` tokens from the rate limit named `key` (a table's
   * `rate_limits` key, `provider` or `provider/model`) in the current minute, or refuses without
   * taking anything. The limit travels with each call, so a backend needs no configuration of
   * its own. May return a promise when it must fetch capacity first; it then settles within the
   * backend's command timeout.
   */
  acquire(key: string, limit: RateLimit, requests: number, tokens: number): RateDecision | Promise<RateDecision>;
  /** Adds USD spent by one attempt of policy `scope` to the current `window`. */
  addSpend(scope: string, window: SpendWindow, usd: number): void;
  /** USD spent by policy `scope` in the current `window`, fleet-wide as far as this replica knows. */
  readSpend(scope: string, window: SpendWindow): number;
  /**
   * Publishes that the circuit of `key` (`provider/model`) opened until `openUntil`, or closed
   * (`undefined`), so that other replicas skip the model too.
   */
  publishBreaker(key: string, openUntil: number | undefined): void;
  /** When the circuit of `key` reopens, if some replica reported it open; `undefined` when closed. */
  breakerOpenUntil(key: string): number | undefined;
}

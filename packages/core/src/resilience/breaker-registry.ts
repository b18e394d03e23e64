import {
  type CircuitBreakerPolicy,
  ConsecutiveBreaker,
  circuitBreaker,
  handleWhenResult,
  type NoopPolicy,
  noop,
} from "cockatiel";
import { ProviderError } from "../errors/provider-error.js";

/** When a model's circuit opens, and for how long. */
export interface BreakerOptions {
  /** Consecutive transient failures that open the circuit. Default 5. */
  consecutiveFailures?: number;
  /** How long an open circuit rejects calls before letting one through. Default 10 s. */
  halfOpenAfterMs?: number;
}

/**
 * Told when a model's circuit opens (until when, epoch ms) and when it closes (`undefined`), so
 * the router can publish the state to its fleet.
 */
export type BreakerListener = (provider: string, model: string, openUntil: number | undefined) => void;

/**
 * One cockatiel circuit breaker per provider model, shared by every call of a router, so a model
 * in an outage stops receiving traffic and calls go straight to their fallback. Attempts hand
 * the breaker their ending as a result, not a throw (`{ kind: "failure", error }` for a failed
 * one), and only transient provider failures count: a bad request says nothing about the
 * model's health.
 */
export class BreakerRegistry {
  /** Provider → model → breaker: two lookups per attempt instead of a concatenated key. */
  private readonly breakers = new Map<string, Map<string, CircuitBreakerPolicy>>();

  /** `false` turns breakers off: every model gets cockatiel's pass-through policy. */
  constructor(
    private readonly options: BreakerOptions | false = {},
    private readonly listener?: BreakerListener,
  ) {}

  breakerFor(provider: string, model: string): CircuitBreakerPolicy | NoopPolicy {
    if (this.options === false) return noop;
    let models = this.breakers.get(provider);
    if (models === undefined) {
      models = new Map();
      this.breakers.set(provider, models);
    }
    let breaker = models.get(model);
    if (breaker === undefined) {
      const halfOpenAfter = this.options.halfOpenAfterMs ?? 10_000;
      breaker = circuitBreaker(handleWhenResult(isTransientFailure), {
        halfOpenAfter,
        breaker: new ConsecutiveBreaker(this.options.consecutiveFailures ?? 5),
      });
      const { listener } = this;
      if (listener !== undefined) {
        breaker.onBreak(() => listener(provider, model, Date.now() + halfOpenAfter));
        breaker.onReset(() => listener(provider, model, undefined));
      }
      models.set(model, breaker);
    }
    return breaker;
  }
}

/** A `{ kind: "failure" }` attempt result whose provider error a retry could cure. */
function isTransientFailure(result: unknown): boolean {
  if (typeof result !== "object" || result === null) return false;
  const { kind, error } = result as { kind?: unknown; error?: unknown };
  return kind === "failure" && ProviderError.isInstance(error) && error.retryable;
}

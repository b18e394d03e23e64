import { GRANTED, RATE_WINDOW_MS, type RateDecision, type RateLimit, rateWindowOf } from "@modelpolicy/core";
import { LEASE_SCRIPT } from "./lua-scripts.js";
import type { ScriptRunner } from "./script-runner.js";

/** What one replica holds of one rate limit in the current minute. */
interface Lease {
  window: number;
  /** Leased from Redis and not yet spent. */
  requests: number;
  tokens: number;
  /** Sent in this window, leased or decided locally, for the local share while Redis is out. */
  sentRequests: number;
  sentTokens: number;
  /** Decided locally while Redis was out of reach, to add to the window's count when it is back. */
  unreportedRequests: number;
  unreportedTokens: number;
  /** Redis had nothing left for this window: refuse once the lease is spent, without asking again. */
  exhausted: boolean;
  /** The lease request in flight; a refill applies its grant whenever it arrives. */
  refill: Promise<void> | undefined;
}

/** How leases are sized and bounded; see `RedisStateBackendOptions`. */
export interface LeaseSettings {
  readonly prefix: string;
  readonly replicas: number;
  readonly leaseFraction: number;
  readonly commandTimeoutMs: number;
}

/**
 * Fleet-wide rate limits without a Redis round trip per call. Each replica leases a slice of a
 * limit's current minute from Redis (`leaseFraction` of its fair share `limit / replicas`, at
 * least what the call needs) and spends it locally; a refill starts in the background when half
 * of a slice is gone, so calls rarely wait, and then at most the command timeout. Leases die with
 * their minute. Every request was counted in Redis before it was sent, so while Redis answers a
 * limit is never exceeded within a minute; the price is capacity leased but unspent when the
 * minute ends (at most `replicas × lease` a minute). While Redis is out of reach a replica
 * spends what it still holds, then at most `limit / replicas` a minute of its own, counting what
 * it sent earlier in that minute, and reports those requests when Redis is back.
 */
export class RateLeases {
  private readonly leases = new Map<string, Lease>();

  constructor(
    private readonly runner: ScriptRunner,
    private readonly settings: LeaseSettings,
    /** Told when a lease request fails or times out: the backend switches to local decisions. */
    private readonly onRedisFailure: (error: unknown) => void,
    /** Told of every decision taken on the local share. */
    private readonly onLocalDecision: () => void,
  ) {}

  acquire(
    key: string,
    limit: RateLimit,
    requests: number,
    tokens: number,
    redisUp: boolean,
  ): RateDecision | Promise<RateDecision> {
    const now = Date.now();
    const lease = this.leaseFor(key, rateWindowOf(now));
    if (this.covers(lease, limit, requests, tokens)) return this.take(key, lease, limit, requests, tokens, redisUp);
    if (!redisUp) return this.local(lease, limit, requests, tokens, now);
    if (lease.exhausted) return refused(lease.window, now);
    return this.waitForLease(key, lease, limit, requests, tokens);
  }

  private leaseFor(key: string, window: number): Lease {
    let lease = this.leases.get(key);
    if (lease === undefined || lease.window !== window) {
      lease = {
        window,
        requests: 0,
        tokens: 0,
        sentRequests: 0,
        sentTokens: 0,
        unreportedRequests: 0,
        unreportedTokens: 0,
        exhausted: false,
        refill: undefined,
      };
      this.leases.set(key, lease);
    }
    return lease;
  }

  private covers(lease: Lease, limit: RateLimit, requests: number, tokens: number): boolean {
    return (
      (limit.rpm === undefined || lease.requests >= requests) && (limit.tpm === undefined || lease.tokens >= tokens)
    );
  }

  private take(
    key: string,
    lease: Lease,
    limit: RateLimit,
    requests: number,
    tokens: number,
    refill: boolean,
  ): RateDecision {
    if (limit.rpm !== undefined) lease.requests -= requests;
    if (limit.tpm !== undefined) lease.tokens -= tokens;
    lease.sentRequests += requests;
    lease.sentTokens += tokens;
    const [leaseRequests, leaseTokens] = this.leaseSize(limit, requests, tokens);
    const low =
      (limit.rpm !== undefined && lease.requests * 2 < leaseRequests) ||
      (limit.tpm !== undefined && lease.tokens * 2 < leaseTokens);
    if (refill && low && !lease.exhausted) this.refill(key, lease, limit, requests, tokens).catch(() => undefined);
    return GRANTED;
  }

  /** The lease is empty: wait for capacity from Redis, at most the command timeout, else decide locally. */
  private async waitForLease(
    key: string,
    lease: Lease,
    limit: RateLimit,
    requests: number,
    tokens: number,
  ): Promise<RateDecision> {
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<"timeout">((resolve) => {
      timer = setTimeout(() => resolve("timeout"), this.settings.commandTimeoutMs);
      timer.unref();
    });
    const arrived = await Promise.race([
      this.refill(key, lease, limit, requests, tokens).then(
        () => "lease" as const,
        () => "failed" as const,
      ),
      timedOut,
    ]);
    clearTimeout(timer);
    const now = Date.now();
    if (arrived === "timeout")
      this.onRedisFailure(new Error(`no lease from Redis within ${this.settings.commandTimeoutMs} ms`));
    if (lease.window !== rateWindowOf(now)) return this.acquire(key, limit, requests, tokens, arrived === "lease");
    if (this.covers(lease, limit, requests, tokens)) return this.take(key, lease, limit, requests, tokens, true);
    if (arrived !== "lease") return this.local(lease, limit, requests, tokens, now);
    return refused(lease.window, now);
  }

  /** Asks Redis for a slice of the window (the one in flight, if any); rejects when Redis fails. */
  private refill(key: string, lease: Lease, limit: RateLimit, requests: number, tokens: number): Promise<void> {
    if (lease.refill !== undefined) return lease.refill;
    const [wantRequests, wantTokens] = this.leaseSize(limit, requests, tokens);
    const reportRequests = lease.unreportedRequests;
    const reportTokens = lease.unreportedTokens;
    lease.unreportedRequests = 0;
    lease.unreportedTokens = 0;
    const windowKey = `${this.settings.prefix}:rate:${key}:${lease.window}`;
    const args = [
      String(limit.rpm ?? 0),
      String(limit.tpm ?? 0),
      String(limit.rpm === undefined ? 0 : wantRequests),
      String(limit.tpm === undefined ? 0 : wantTokens),
      String(reportRequests),
      String(reportTokens),
      String(2 * RATE_WINDOW_MS),
    ];
    // A lease that never answers is given up after longer than any call waits, so the next one can start.
    const patience = Math.max(1_000, 20 * this.settings.commandTimeoutMs);
    lease.refill = this.runner.run(LEASE_SCRIPT, [windowKey], args, patience).then(
      (reply) => {
        const [gotRequests, gotTokens] = (reply as [number, number]).map(Number) as [number, number];
        lease.requests += gotRequests;
        lease.tokens += gotTokens;
        if (
          (limit.rpm !== undefined && gotRequests < wantRequests) ||
          (limit.tpm !== undefined && gotTokens < wantTokens)
        ) {
          lease.exhausted = true;
        }
        lease.refill = undefined;
      },
      (error: unknown) => {
        lease.unreportedRequests += reportRequests;
        lease.unreportedTokens += reportTokens;
        lease.refill = undefined;
        this.onRedisFailure(error);
        throw error;
      },
    );
    return lease.refill;
  }

  /** A slice: `leaseFraction` of the fair share, at least one request and what this call needs. */
  private leaseSize(limit: RateLimit, requests: number, tokens: number): [number, number] {
    const { replicas, leaseFraction } = this.settings;
    const slice = (amount: number | undefined) =>
      amount === undefined ? 0 : Math.max(1, Math.floor((amount / replicas) * leaseFraction));
    return [Math.max(slice(limit.rpm), requests), Math.max(slice(limit.tpm), tokens)];
  }

  /** Redis is out of reach: this replica's own share, `limit / replicas` of the minute. */
  private local(lease: Lease, limit: RateLimit, requests: number, tokens: number, now: number): RateDecision {
    this.onLocalDecision();
    const { replicas } = this.settings;
    const overRequests = limit.rpm !== undefined && lease.sentRequests + requests > Math.ceil(limit.rpm / replicas);
    const overTokens = limit.tpm !== undefined && lease.sentTokens + tokens > Math.ceil(limit.tpm / replicas);
    if (overRequests || overTokens) return refused(lease.window, now);
    lease.sentRequests += requests;
    lease.sentTokens += tokens;
    lease.unreportedRequests += requests;
    lease.unreportedTokens += tokens;
    return GRANTED;
  }
}

function refused(window: number, now: number): RateDecision {
  return { granted: false, retryAfterMs: (window + 1) * RATE_WINDOW_MS - now };
}

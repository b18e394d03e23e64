import {
  type DiagnosticHandler,
  guardDiagnostic,
  type RateDecision,
  type RateLimit,
  rateLimitedWarn,
  type SpendWindow,
  type StateBackend,
} from "@modelpolicy/core";
import { FleetSync } from "./fleet-sync.js";
import { RateLeases } from "./rate-leases.js";
import type { RedisClientLike } from "./redis-client-like.js";
import { ScriptRunner } from "./script-runner.js";

/** At most one outage warning in this time, so a flapping Redis does not flood the log. */
const WARN_INTERVAL_MS = 60_000;

/** Options of {@link redisStateBackend}. */
export interface RedisStateBackendOptions {
  /** Prefix of every key; on Redis Cluster give it a hash tag (`{modelpolicy}`) so all keys share a slot. Default `modelpolicy`. */
  prefix?: string;
  /** Replicas in the fleet: sizes leases, and each replica's own share while Redis is out of reach. Default 1. */
  replicas?: number;
  /** Share of a replica's fair share (`limit / replicas`) leased at a time; default 0.1. */
  leaseFraction?: number;
  /** How often spend and circuit state are exchanged with Redis; default 250 ms. */
  refreshIntervalMs?: number;
  /** The longest any call waits on Redis; default 50 ms. */
  commandTimeoutMs?: number;
  /** Where the outage warning goes; default the core's rate-limited `console.warn`. */
  onDiagnostic?: DiagnosticHandler;
}

/**
 * What the backend has done, for telemetry: `localDecisions` counts rate-limit decisions taken
 * on the local share because Redis was out of reach (the fallbacks to local), `outages` the
 * switches to local decisions, `commands` the Redis commands sent.
 */
export interface RedisStateStats {
  readonly redisUp: boolean;
  readonly localDecisions: number;
  readonly outages: number;
  readonly commands: number;
}

/** A {@link StateBackend} shared through Redis, with what a service needs to run and stop it. */
export interface RedisStateBackend extends StateBackend {
  /** Counters since creation; cheap enough to read from an observable instrument's callback. */
  stats(): RedisStateStats;
  /** Stops the background refresh and sends pending spend once (bounded by the command timeout). Leaves the client open: it is yours. */
  close(): Promise<void>;
}

/**
 * A state backend that shares rate limits, spend budgets and circuit state across a fleet
 * through Redis, over a node-redis client your service already created and connected. No call
 * waits on a Redis round trip in the common case: rate limits are leased in slices and spent
 * locally, spend and circuit state are exchanged in the background every `refreshIntervalMs`,
 * and the rare wait for a lease is cut at `commandTimeoutMs`. A circuit one replica opens is
 * honoured by the others within one refresh interval.
 *
 * When Redis is down, slow or restarted, calls go on: rate limits fall back to each replica's
 * share (`limit / replicas`), spend keeps adding up locally and is sent when Redis answers again,
 * and one warning (at most one a minute) goes to `onDiagnostic`. `stats()` counts the outages and
 * the decisions taken locally, and says whether Redis answers now.
 */
export function redisStateBackend(client: RedisClientLike, options: RedisStateBackendOptions = {}): RedisStateBackend {
  return new RedisFleetState(client, options);
}

class RedisFleetState implements RedisStateBackend {
  private readonly runner: ScriptRunner;
  private readonly leases: RateLeases;
  private readonly fleet: FleetSync;
  private readonly report: DiagnosticHandler;
  private readonly commandTimeoutMs: number;
  private readonly timer: NodeJS.Timeout;
  private redisUp = true;
  private localDecisions = 0;
  private outages = 0;
  private urgentSync = false;
  private warnedAt = Number.NEGATIVE_INFINITY;

  constructor(client: RedisClientLike, options: RedisStateBackendOptions) {
    const prefix = options.prefix ?? "modelpolicy";
    this.commandTimeoutMs = options.commandTimeoutMs ?? 50;
    this.report = guardDiagnostic(options.onDiagnostic ?? rateLimitedWarn());
    this.runner = new ScriptRunner(client, this.commandTimeoutMs);
    this.leases = new RateLeases(
      this.runner,
      {
        prefix,
        replicas: Math.max(1, options.replicas ?? 1),
        leaseFraction: options.leaseFraction ?? 0.1,
        commandTimeoutMs: this.commandTimeoutMs,
      },
      (error) => this.down(error),
      () => {
        this.localDecisions += 1;
      },
    );
    this.fleet = new FleetSync(this.runner, prefix);
    this.timer = setInterval(() => this.tick(), options.refreshIntervalMs ?? 250);
    this.timer.unref();
    this.tick();
  }

  acquire(key: string, limit: RateLimit, requests: number, tokens: number): RateDecision | Promise<RateDecision> {
    return this.leases.acquire(key, limit, requests, tokens, this.redisUp);
  }

  addSpend(scope: string, window: SpendWindow, usd: number): void {
    this.fleet.addSpend(scope, window, usd);
  }

  readSpend(scope: string, window: SpendWindow): number {
    return this.fleet.readSpend(scope, window);
  }

  publishBreaker(key: string, openUntil: number | undefined): void {
    this.fleet.publishBreaker(key, openUntil);
    // Other replicas should learn of an opened circuit now, not a refresh interval later.
    if (!this.urgentSync) {
      this.urgentSync = true;
      queueMicrotask(() => {
        this.urgentSync = false;
        this.tick();
      });
    }
  }

  breakerOpenUntil(key: string): number | undefined {
    return this.fleet.breakerOpenUntil(key);
  }

  stats(): RedisStateStats {
    return {
      redisUp: this.redisUp,
      localDecisions: this.localDecisions,
      outages: this.outages,
      commands: this.runner.commands,
    };
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.fleet.sync(this.commandTimeoutMs).catch(() => undefined);
  }

  /** The background exchange, which is also how an outage is noticed to have ended. */
  private tick(): void {
    this.fleet.sync(this.commandTimeoutMs).then(
      () => this.up(),
      (error: unknown) => this.down(error),
    );
  }

  /**
   * Redis failed or was slower than the command timeout: decide locally until a background
   * exchange succeeds. One warning a minute at most, however often a struggling Redis flaps.
   */
  private down(error: unknown): void {
    if (!this.redisUp) return;
    this.redisUp = false;
    this.outages += 1;
    const now = Date.now();
    if (now - this.warnedAt < WARN_INTERVAL_MS) return;
    this.warnedAt = now;
    this.report(
      "Redis is out of reach: rate limits fall back to each replica's share and spend is kept locally until it answers",
      error,
    );
  }

  private up(): void {
    this.redisUp = true;
  }
}

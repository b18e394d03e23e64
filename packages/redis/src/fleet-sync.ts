import { type SpendWindow, spendWindowMs, spendWindowStart } from "@modelpolicy/core";
import { SYNC_SCRIPT } from "./lua-scripts.js";
import type { ScriptRunner } from "./script-runner.js";

/** One policy's spend in one window, as this replica knows it. */
interface SpendEntry {
  readonly key: string;
  readonly window: SpendWindow;
  readonly start: number;
  /** The fleet's total in Redis at the last sync, this replica's flushed spend included. */
  fleet: number;
  /** Added here since, not yet sent. */
  pending: number;
  /** Sent in the sync now in flight. */
  inFlight: number;
}

/**
 * Spend and circuit state, shared through one background round trip every refresh interval (a
 * Lua script: publish circuit changes, add spend, read totals and open circuits). Calls only
 * read and write local memory, so a budget check costs no Redis command. Spend not yet sent
 * stays pending until a sync succeeds, through any outage, so nothing is lost; a sync whose
 * reply is lost is retried and may count twice (a budget then trips early, never late).
 */
export class FleetSync {
  private readonly spend = new Map<string, SpendEntry>();
  /** Open circuits by `provider/model`: until when (epoch ms), as last read from Redis or published here. */
  private readonly circuits = new Map<string, number>();
  /** Circuit changes published here and not yet sent; 0 closes. */
  private readonly circuitUpdates = new Map<string, number>();
  private syncing: Promise<void> | undefined;

  constructor(
    private readonly runner: ScriptRunner,
    private readonly prefix: string,
  ) {}

  addSpend(scope: string, window: SpendWindow, usd: number): void {
    this.entry(scope, window, Date.now()).pending += usd;
  }

  readSpend(scope: string, window: SpendWindow): number {
    const entry = this.entry(scope, window, Date.now());
    return entry.fleet + entry.pending + entry.inFlight;
  }

  publishBreaker(key: string, openUntil: number | undefined): void {
    if (openUntil === undefined) this.circuits.delete(key);
    else this.circuits.set(key, openUntil);
    this.circuitUpdates.set(key, openUntil ?? 0);
  }

  breakerOpenUntil(key: string): number | undefined {
    const until = this.circuits.get(key);
    return until !== undefined && until > Date.now() ? until : undefined;
  }

  /** Whether circuit changes wait to be sent (the backend then syncs at once rather than on the next tick). */
  get hasCircuitUpdates(): boolean {
    return this.circuitUpdates.size > 0;
  }

  /**
   * One round trip: sends pending spend and circuit changes, reads the fleet's totals and open
   * circuits. Rejects when Redis fails; what it was sending is then pending again.
   */
  sync(timeoutMs: number): Promise<void> {
    this.syncing ??= this.exchange(timeoutMs).finally(() => {
      this.syncing = undefined;
    });
    return this.syncing;
  }

  private async exchange(timeoutMs: number): Promise<void> {
    const now = Date.now();
    const updates = [...this.circuitUpdates];
    this.circuitUpdates.clear();
    const entries = [...this.spend.values()];
    for (const entry of entries) {
      entry.inFlight = entry.pending;
      entry.pending = 0;
    }
    const keys = [`${this.prefix}:circuits`, ...entries.map((entry) => entry.key)];
    const args = [String(now), String(updates.length), ...updates.flatMap(([key, until]) => [key, String(until)])];
    for (const entry of entries) args.push(String(entry.inFlight), String(2 * spendWindowMs(entry.window)));
    let reply: unknown;
    try {
      reply = await this.runner.run(SYNC_SCRIPT, keys, args, timeoutMs);
    } catch (error) {
      for (const entry of entries) {
        entry.pending += entry.inFlight;
        entry.inFlight = 0;
      }
      for (const [key, until] of updates) if (!this.circuitUpdates.has(key)) this.circuitUpdates.set(key, until);
      throw error;
    }
    const [open, totals] = reply as [string[], string[]];
    entries.forEach((entry, index) => {
      entry.fleet = Number(totals[index] ?? entry.fleet + entry.inFlight);
      entry.inFlight = 0;
    });
    this.circuits.clear();
    for (let index = 0; index + 1 < open.length; index += 2)
      this.circuits.set(String(open[index]), Number(open[index + 1]));
    // Changes published while this round trip was out win over what it read.
    for (const [key, until] of this.circuitUpdates) {
      if (until === 0) this.circuits.delete(key);
      else this.circuits.set(key, until);
    }
    this.forgetEndedWindows(now);
  }

  private entry(scope: string, window: SpendWindow, now: number): SpendEntry {
    const start = spendWindowStart(window, now);
    const key = `${this.prefix}:spend:${scope}:${window}:${start}`;
    let entry = this.spend.get(key);
    if (entry === undefined) {
      entry = { key, window, start, fleet: 0, pending: 0, inFlight: 0 };
      this.spend.set(key, entry);
    }
    return entry;
  }

  /** A window that has ended and has nothing left to send is of no more use. */
  private forgetEndedWindows(now: number): void {
    for (const [key, entry] of this.spend) {
      const ended = entry.start + spendWindowMs(entry.window) <= now;
      if (ended && entry.pending === 0 && entry.inFlight === 0) this.spend.delete(key);
    }
  }
}

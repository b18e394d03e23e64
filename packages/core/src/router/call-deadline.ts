import { InFlightAbort } from "./in-flight-abort.js";

/**
 * When one routed call must end, and everything that enforces it: the signal adapters receive
 * (aborted by the deadline timer or by the caller's own signal), the race that settles an
 * in-flight adapter call at that moment even if the adapter ignores the signal, and backoff
 * sleeps that the same moment cuts short. One per call; `dispose()` when the call ends.
 */
export class CallDeadline {
  /** Aborts when the deadline passes or the caller's signal aborts. */
  readonly signal: AbortSignal;
  /** Monotonic time (`performance.now()`) by which the call must end. */
  readonly endsAt: number;
  private readonly inFlight: InFlightAbort;
  private readonly timer: ReturnType<typeof setTimeout>;
  private readonly onCallerAbort: (() => void) | undefined;

  constructor(
    /** The call's whole budget of time, retries and fallbacks included. */
    readonly timeoutMs: number,
    startedAtMonotonic: number,
    private readonly callerSignal: AbortSignal | undefined,
  ) {
    // One plain signal, aborted by the timer or by the caller's signal through one listener per
    // call: `AbortSignal.any` would cost more to create, and every `aborted` read of the signal it
    // makes walks its sources (a streamed call reads it once per chunk).
    const controller = new AbortController();
    this.signal = controller.signal;
    this.endsAt = startedAtMonotonic + timeoutMs;
    this.inFlight = new InFlightAbort(this.signal);
    this.timer = setTimeout(() => {
      controller.abort(new Error(`deadline of ${timeoutMs} ms passed`));
      this.inFlight.fire();
    }, timeoutMs);
    if (callerSignal?.aborted) {
      controller.abort(callerSignal.reason);
      this.onCallerAbort = undefined;
    } else if (callerSignal) {
      this.onCallerAbort = () => {
        controller.abort(callerSignal.reason);
        this.inFlight.fire();
      };
      callerSignal.addEventListener("abort", this.onCallerAbort, { once: true });
    }
  }

  /** True once the call must stop. */
  get passed(): boolean {
    return this.signal.aborted;
  }

  /** True when the caller aborted the call, as opposed to its deadline passing. */
  get abortedByCaller(): boolean {
    return this.callerSignal?.aborted === true;
  }

  /** Milliseconds left before the deadline. */
  remainingMs(): number {
    return this.endsAt - performance.now();
  }

  /** Settles as `work` does, or rejects with the abort reason as soon as the call must stop. */
  race<T>(work: Promise<T>): Promise<T> {
    return this.inFlight.race(work);
  }

  /** Waits `ms`; resolves `false` instead if the call must stop first. */
  async sleep(ms: number): Promise<boolean> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const slept = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, ms);
    });
    try {
      await this.inFlight.race(slept);
      return true;
    } catch {
      return false;
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Settles the race in flight with `reason` and lets the call go on: a streamed attempt's idle
   * timeout ends that attempt's read, and the router may still retry or fall back.
   */
  interrupt(reason: unknown): void {
    this.inFlight.fire(reason);
  }

  /** Stops the timer and the caller-signal listener once the call has ended. */
  dispose(): void {
    clearTimeout(this.timer);
    if (this.onCallerAbort) this.callerSignal?.removeEventListener("abort", this.onCallerAbort);
  }
}

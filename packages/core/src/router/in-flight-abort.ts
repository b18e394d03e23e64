const ignore = () => {};

/**
 * Settles a call's in-flight adapter promise when the call's signal aborts, even if the adapter
 * ignores the signal, so a call always ends by its deadline. One per call: attempts run one
 * after another, so at most one race is pending, and whoever aborts the call (the deadline timer,
 * or the one listener on a caller's signal) rejects it directly instead of every attempt adding
 * and removing its own abort listener. The adapter's late settlement is absorbed instead of
 * becoming an unhandled rejection.
 */
export class InFlightAbort {
  private pending: ((reason: unknown) => void) | undefined;

  constructor(private readonly signal: AbortSignal) {}

  /** Resolves or rejects as `promise` does, or rejects with the signal's reason when it aborts first. */
  race<T>(promise: Promise<T>): Promise<T> {
    const { signal } = this;
    if (signal.aborted) {
      promise.catch(ignore);
      return Promise.reject(signal.reason);
    }
    // Once the race has settled, a late `fire` rejects a settled promise, which does nothing; and
    // the adapter's late rejection reaches `reject` of a settled promise too, so it is handled.
    return new Promise<T>((resolve, reject) => {
      this.pending = reject;
      promise.then(resolve, reject);
    });
  }

  /**
   * Called once the signal has aborted: rejects the pending race, if any, with its reason. A
   * streamed attempt's idle timeout passes its own `reason`: it ends the read in flight, not the
   * call, so the signal stays as it is.
   */
  fire(reason: unknown = this.signal.reason): void {
    const abort = this.pending;
    this.pending = undefined;
    abort?.(reason);
  }
}

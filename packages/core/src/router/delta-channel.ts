/** A reader waiting for the next delta. */
interface Waiter {
  resolve(result: IteratorResult<string>): void;
  reject(error: unknown): void;
}

/**
 * The text deltas of one `router.stream` call, from the attempts that produce them to the
 * caller that reads them. Deltas are buffered until read, so a slow reader never holds up the
 * provider (an answer is at most its output limit) and the call ends on the provider's time.
 * `committed` is the router's line between "retry or fall back" and "end with an error": it is
 * set by the first delta handed over.
 */
export class DeltaChannel {
  private readonly buffer: string[] = [];
  private readonly waiters: Waiter[] = [];
  /** Set once the call has settled: `done` after the buffer drains, or the error to throw then. */
  private end: { readonly error?: unknown; readonly failed: boolean } | undefined;
  private stopped = false;
  private committedFlag = false;

  /** True once a delta was handed over: from then on no other attempt may answer. */
  get committed(): boolean {
    return this.committedFlag;
  }

  /** Hands a delta to the reader (or buffers it). Empty deltas are dropped and commit nothing. */
  push(text: string): void {
    if (text === "" || this.end !== undefined) return;
    this.committedFlag = true;
    if (this.stopped) return;
    const waiter = this.waiters.shift();
    if (waiter) waiter.resolve({ value: text, done: false });
    else this.buffer.push(text);
  }

  /** The call succeeded: the reader gets what is buffered, then `done`. */
  close(): void {
    this.settle({ failed: false });
  }

  /** The call failed: the reader gets what is buffered, then `error` is thrown once. */
  fail(error: unknown): void {
    this.settle({ failed: true, error });
  }

  /** The reader stopped reading: drop what is buffered and answer `done` from now on. */
  stop(): void {
    this.stopped = true;
    this.buffer.length = 0;
    for (const waiter of this.waiters.splice(0)) waiter.resolve({ value: undefined, done: true });
  }

  /** The next delta, waiting for one if none is buffered. */
  next(): Promise<IteratorResult<string>> {
    const value = this.buffer.shift();
    if (value !== undefined) return Promise.resolve({ value, done: false });
    if (this.stopped) return Promise.resolve({ value: undefined, done: true });
    if (this.end !== undefined) return this.finish();
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  private settle(end: { readonly error?: unknown; readonly failed: boolean }): void {
    if (this.end !== undefined) return;
    this.end = end;
    // Waiters exist only while the buffer is empty, so nothing is skipped here.
    for (const waiter of this.waiters.splice(0)) {
      this.finish().then(waiter.resolve, waiter.reject);
    }
  }

  /** `done`, or the failure once: a second read after the error is `done`, as with any iterator. */
  private finish(): Promise<IteratorResult<string>> {
    const end = this.end;
    if (end?.failed) {
      this.end = { failed: false };
      return Promise.reject(end.error);
    }
    return Promise.resolve({ value: undefined, done: true });
  }
}

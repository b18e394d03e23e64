import { DeltaChannel } from "./delta-channel.js";
import type { RouteResult } from "./route-result.js";
import { DEFAULT_STREAM_IDLE_TIMEOUT_MS, type RouteStream, type RouteStreamRequest } from "./route-stream.js";
import type { RouterRuntime } from "./router-runtime.js";
import { runCall } from "./run-call.js";

const ignore = () => {};

/**
 * One `router.stream`: starts the routed call at once (budget check, bulkhead, attempts) with a
 * {@link DeltaChannel} that its attempts write to, and answers the {@link RouteStream} over it.
 * The channel ends when `result` settles, so the reader's loop ends only after the routed span
 * and the ledger record are done, and a failure is thrown from the loop as from `result`.
 */
export function runStream(runtime: RouterRuntime, task: string, request: RouteStreamRequest): RouteStream<unknown> {
  const channel = new DeltaChannel();
  const stop = new AbortController();
  const result = runCall(runtime, task, request, {
    channel,
    stopSignal: stop.signal,
    idleTimeoutMs: request.idleTimeoutMs ?? DEFAULT_STREAM_IDLE_TIMEOUT_MS,
  });
  let settled = false;
  // Handles `result`'s rejection too: a caller who only iterates never sees an unhandled one.
  result.then(
    () => {
      settled = true;
      channel.close();
    },
    (error: unknown) => {
      settled = true;
      channel.fail(error);
    },
  );
  /** The reader is done before the stream is: abort the call if it still runs, then wait for it to end. */
  const stopReading = async (): Promise<IteratorResult<string>> => {
    channel.stop();
    if (!settled) stop.abort(new Error("the caller stopped reading the stream"));
    await result.then(ignore, ignore);
    return { value: undefined, done: true };
  };
  const iterator: AsyncIterator<string> = {
    next: () => channel.next(),
    return: stopReading,
    throw: stopReading,
  };
  return {
    result: result as Promise<RouteResult<unknown>>,
    [Symbol.asyncIterator]: () => iterator,
  };
}

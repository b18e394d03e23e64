import type { RouteSchema } from "../schema/route-schema.js";
import type { RouteRequest } from "./route-request.js";
import type { RouteResult } from "./route-result.js";

/**
 * How long a stream may go without a part from the provider before the router gives up on it,
 * when the request does not say: long enough for a slow first token on a busy server, short
 * enough that a stalled connection is noticed well before a typical call deadline.
 */
export const DEFAULT_STREAM_IDLE_TIMEOUT_MS = 30_000;

/** A `router.stream` request: a {@link RouteRequest} and the stream's idle timeout. */
export interface RouteStreamRequest<S extends RouteSchema | undefined = RouteSchema | undefined>
  extends RouteRequest<S> {
  /**
   * Milliseconds the provider may stay silent, from the request to the first part and between
   * parts, before the attempt fails as `timeout` (retried or fallen back on only while no chunk
   * has reached the caller). Default {@link DEFAULT_STREAM_IDLE_TIMEOUT_MS}; the call's deadline
   * (`timeoutMs`) still bounds the whole stream.
   */
  idleTimeoutMs?: number;
}

/**
 * What `router.stream` returns: the answer's text deltas as an `AsyncIterable<string>`, and the
 * call's `result`, which settles when the stream has ended.
 *
 * - Retries and fallback happen only before the first chunk reaches the caller; after that a
 *   failure ends the iteration with the same typed `RoutedCallError` that `result` rejects with
 *   (its record's last attempt has finish reason `error`), never with another model's answer.
 * - With a schema, the deltas are the JSON text; `result.output` is the object, validated once
 *   the text is complete (no repair is possible after the text was handed out).
 * - With tools, the deltas are only the model's text (often none); the calls come whole on
 *   `result.toolCalls`, their arguments validated as `router.run` validates them. An answer that
 *   called tools without text has handed nothing out, so invalid arguments are still repaired
 *   and a failure is still retried or falls back.
 * - Breaking out of the loop (or `return()`) aborts the provider request and waits until the
 *   call has ended: `result` then rejects with a `DeadlineExceededError` whose record says
 *   `failed` / `aborted`, unless the call had already finished. The caller's `signal`, the
 *   deadline and the idle timeout end a stream the same way.
 * - Deltas are buffered until read (at most the answer's text), so `result` settles whether or
 *   not the stream is read; `result` never causes an unhandled rejection when it is not awaited.
 */
export interface RouteStream<T, CanBePartial extends boolean = boolean> extends AsyncIterable<string> {
  /** The routed call's result, as `router.run` would answer it; settles when the stream ends. */
  readonly result: Promise<RouteResult<T, CanBePartial>>;
}

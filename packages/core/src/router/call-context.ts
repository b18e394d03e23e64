import type { ResponseFormat } from "../adapter/model-adapter.js";
import type { OutputSchema } from "../schema/output-schema.js";
import type { CallDeadline } from "./call-deadline.js";
import type { CallState } from "./call-state.js";
import type { DeltaChannel } from "./delta-channel.js";
import type { RouteRequest } from "./route-request.js";
import type { CallTools } from "./route-tool.js";
import type { RoutedCall } from "./router-middleware.js";
import type { RouterRuntime } from "./router-runtime.js";

/**
 * What every step of one routed call shares: the router it runs in, the call as middleware sees
 * it, the caller's request, what the call has done so far, and its deadline. Lives as long as
 * the call; anything that outlives it belongs to the {@link RouterRuntime}.
 */
export interface CallContext {
  readonly runtime: RouterRuntime;
  /** The task, its resolved policy and the input, as `onCall` middleware saw them. */
  readonly call: RoutedCall;
  readonly request: RouteRequest;
  /** Mutated as the call proceeds; results and errors are snapshots of it. */
  readonly state: CallState;
  readonly deadline: CallDeadline;
  /** Present when the request has a schema: answers are checked against it. */
  readonly output: CallOutput | undefined;
  /** Present when the request defines tools: what every attempt sends, and the calls' validators. */
  readonly tools?: CallTools | undefined;
  /** Present for a `router.stream` call: its attempts stream, and hand their deltas over. */
  readonly stream?: CallStream | undefined;
}

/**
 * What a `router.stream` call adds to its context: the channel its deltas go to (whose
 * `committed` ends retries and fallback), how long a provider may stay silent, and the signal
 * that aborts the call when the caller stops reading.
 */
export interface CallStream {
  readonly channel: DeltaChannel;
  readonly idleTimeoutMs: number;
  readonly stopSignal: AbortSignal;
}

/** A structured call's schema, normalised, and the response format every attempt sends with it. */
export interface CallOutput {
  readonly schema: OutputSchema;
  readonly format: ResponseFormat;
}

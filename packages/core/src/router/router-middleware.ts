import type { AdapterCall, AdapterEndpoint, ChatMessage } from "../adapter/model-adapter.js";
import type { ResolvedPolicy } from "../policy/policy-table.js";
import type { EmbeddingAttemptRequest } from "./embedding-attempt-request.js";
import type { RouteOperation } from "./route-operation.js";
import type { AttemptKind, AttemptRecord, RouteResult } from "./route-result.js";

/** A routed call as middleware sees it, before anything ran. */
export interface RoutedCall {
  /** The task asked for. */
  readonly task: string;
  readonly policy: ResolvedPolicy;
  readonly tableVersion: string;
  /** The request's messages, for middleware that opts in to capturing content. */
  readonly messages: readonly ChatMessage[];
  /** Epoch milliseconds, on the clock of `AttemptRecord.startedAt`. */
  readonly startedAt: number;
  /** True for a `router.stream` call: its `next` settles when the stream has ended. */
  readonly stream?: boolean;
  /** `embeddings` for a `router.embed` call (its `messages` are empty); absent means `chat`. */
  readonly operation?: RouteOperation;
}

/** One provider attempt as middleware sees it, before it is sent. */
export interface AttemptCall {
  readonly call: RoutedCall;
  readonly index: number;
  readonly kind: AttemptKind;
  readonly provider: string;
  readonly model: string;
  readonly tier: string | undefined;
  /** Exactly what goes to the adapter (messages, output limit, response format). */
  readonly request: Omit<AdapterCall, "signal">;
  /** Where the attempt goes, as its adapter reports it (`server.address` / `server.port`). */
  readonly endpoint?: AdapterEndpoint;
  /** The provider API the adapter uses, when it names one (OpenAI: `chat_completions`). */
  readonly api?: string;
  /**
   * True when the attempt is sent with the adapter's `stream` (GenAI's `gen_ai.request.stream`);
   * a `router.stream` attempt on an adapter without one is sent with `generate` and is not.
   */
  readonly stream?: boolean;
  /** `embeddings` for an attempt of `router.embed`; absent means `chat`. */
  readonly operation?: RouteOperation;
  /**
   * An embeddings attempt's request (its `request` then has no messages and no output limit);
   * absent on chat attempts.
   */
  readonly embedding?: EmbeddingAttemptRequest;
}

/** An attempt's end: its record, and the answer text when there was one. */
export interface AttemptResult {
  readonly record: AttemptRecord;
  readonly text: string | undefined;
}

/**
 * Router middleware, the contract the OTel package implements. `onCall` wraps the whole routed
 * call from before the budget check to after the last attempt; `onAttempt` wraps each provider
 * attempt. Each must call `next` once and may run it inside its own async context (an active
 * span). `next` of `onCall` resolves with the result or rejects with a `RoutedCallError`, or with
 * a `ConfigurationError` when the request's schema cannot be used (an unknown task is refused
 * before any middleware runs: there is no policy to report); `next` of `onAttempt` always
 * resolves, failures included. Middleware observes, never decides: the
 * router returns what `next` produced whatever the middleware returns or throws, and a throw is
 * reported to the diagnostic handler.
 */
export interface RouterMiddleware {
  readonly name: string;
  onCall?(call: RoutedCall, next: () => Promise<RouteResult<unknown>>): Promise<unknown>;
  onAttempt?(attempt: AttemptCall, next: () => Promise<AttemptResult>): Promise<unknown>;
}

import type { ErrorClass } from "../errors/error-class.js";
import type { ProviderError } from "../errors/provider-error.js";
import type { ToolCall } from "./route-tool.js";
import type { AttemptResult } from "./router-middleware.js";

/** An answer that passed the request's schema (any text passes when there is none). */
export interface Answer {
  readonly kind: "answer";
  readonly value: unknown;
  readonly text: string;
  /** The model the provider said answered, so a result can name the model whose output it returns. */
  readonly servedModel: string;
  /** The tools the model called, their arguments validated; absent when it called none. */
  readonly toolCalls?: readonly ToolCall[];
}

/** An answer that failed the schema: what a repair prompt quotes, and what a `partial` step can keep. */
export interface InvalidAnswer {
  readonly kind: "invalid";
  /** What was wrong, phrased for the repair prompt. */
  readonly problem: string;
  /** The parsed JSON when the text was JSON at all. */
  readonly candidate: unknown;
  readonly text: string;
  readonly servedModel: string;
}

/** No answer: the error class decides whether the call retries, falls back or fails. */
export interface Failure {
  readonly kind: "failure";
  readonly errorClass: ErrorClass;
  readonly error: unknown;
  /** What the provider sent before it stopped (an answer the output limit cut), for a `partial` step. */
  readonly text?: string | undefined;
}

/**
 * How an attempt, or a model target after its retries, ended. Tagged, so each step of the call
 * (retry, repair, fallback) switches on `kind` instead of catching; a streamed answer would be
 * one more kind, which the chain returns as is since nothing is retried after a first chunk.
 */
export type AttemptOutcome = Answer | InvalidAnswer | Failure;

/**
 * One sent attempt: its outcome together with what `onAttempt` middleware sees (its record and
 * text). A failure here is always a `ProviderError`, which carries what retry decisions need.
 */
export type SentAttempt = AttemptResult & (Answer | InvalidAnswer | (Failure & { readonly error: ProviderError }));

import type { FinishReason, TokenUsage, UsageSource } from "../adapter/model-adapter.js";
import type { BudgetCheck } from "../budget/check-input-budget.js";
import type { ErrorClass } from "../errors/error-class.js";
import type { EvidenceRef, FieldEvidence } from "../evidence/evidence-check.js";
import type { FallbackPolicy } from "../policy/policy-schema.js";
import type { ReviewReason } from "../review/review-rules.js";
import type { SpendReport } from "../state/spend-report.js";
import type { ToolCall } from "./route-tool.js";

/**
 * How a routed call ended. `ok`: the first model's answer; `fallback_ok`: a fallback step's
 * answer; `partial`: what validated, flagged; `review`: an answer that needs a person;
 * `rejected`: refused before any provider call (budget, queue); `failed`: nothing usable.
 */
export type RouteOutcome = "ok" | "fallback_ok" | "partial" | "review" | "rejected" | "failed";

/**
 * Why an attempt was made. `batch`: the first attempt of an embeddings call's second or later
 * batch on the same model (neither a retry nor a fallback).
 */
export type AttemptKind = "primary" | "retry" | "repair" | "evidence" | "fallback" | "batch";

/** One provider attempt (or one skipped by an open circuit breaker). */
export interface AttemptRecord {
  /** 1-based position in the call. */
  readonly index: number;
  readonly kind: AttemptKind;
  readonly provider: string;
  /** The model asked for. */
  readonly model: string;
  /** The tier the model came from, when it came from a tier. */
  readonly tier: string | undefined;
  /** The model the provider said answered. */
  readonly servedModel: string | undefined;
  /** `skipped`: the model's circuit breaker was open, nothing was sent. */
  readonly outcome: "ok" | "error" | "skipped";
  readonly errorClass: ErrorClass | undefined;
  readonly errorMessage: string | undefined;
  readonly status: number | undefined;
  readonly finishReason: FinishReason | undefined;
  readonly usage: TokenUsage;
  /** USD on the served (else requested) model; `null` when its price is unknown. */
  readonly costUsd: number | null;
  /** Milliseconds the router waited before this attempt (backoff or Retry-After). */
  readonly delayBeforeMs: number;
  /**
   * Epoch milliseconds on the clock OpenTelemetry stamps spans with (`performance.timeOrigin +
   * performance.now()`), like every time in a record: so an attempt's `startedAt + durationMs`
   * never passes the next attempt's `startedAt`, and decisions read back from a record fall
   * inside the span timeline.
   */
  readonly startedAt: number;
  readonly durationMs: number;
  readonly responseId: string | undefined;
  /**
   * Whether `usage` is what the provider reported or an estimate; absent when the attempt got no
   * usage at all (a failure before any answer, recorded as zeros). Telemetry reports only
   * provider counts as GenAI usage.
   */
  readonly usageSource?: UsageSource;
  /** The backend fingerprint the provider named (OpenAI's `system_fingerprint`). */
  readonly systemFingerprint?: string;
  /** The service tier the provider said served the attempt. */
  readonly serviceTier?: string;
  /** The structured-output mode the adapter used, for a call with a schema. */
  readonly structuredOutputMode?: string;
  /**
   * Streamed attempts only: milliseconds from sending the request to the first part of the
   * provider's stream (GenAI's time to first chunk), when one arrived.
   */
  readonly timeToFirstChunkMs?: number;
  /** Embeddings attempts only: the length of the vectors the provider returned. */
  readonly dimensions?: number;
}

/** The policy that governed a call, as results and spans report it. */
export interface PolicyRef {
  readonly id: string;
  readonly version: string;
  readonly digest: string;
  readonly tableVersion: string;
  readonly task: string;
  readonly modelTier: string;
  readonly latencyTier: string;
  readonly maxInputTokens: number;
  readonly maxOutputTokens: number;
  readonly evidenceRequired: boolean;
  readonly reviewRequired: boolean;
  readonly fallbackPolicy: FallbackPolicy;
}

/** Everything a routed call did, success or not. Errors carry it as `record`. */
export interface RouteRecord {
  /** The task asked for (differs from `policy.task` when the unknown-task route served it). */
  readonly task: string;
  readonly policy: PolicyRef;
  readonly outcome: RouteOutcome;
  /** Set when the call was rejected or failed. */
  readonly errorClass: ErrorClass | undefined;
  readonly attempts: readonly AttemptRecord[];
  /** Summed over attempts, failed ones included. */
  readonly usage: TokenUsage;
  /** USD over all attempts; `null` when any attempt that used tokens has no known price. */
  readonly costUsd: number | null;
  readonly inputTokens: BudgetCheck | undefined;
  /** Set when over-budget input was escalated to a larger tier instead of refused. */
  readonly escalatedToTier: string | undefined;
  /**
   * The policy's spend budget as the call left it (what remains in the window, fleet-wide as far
   * as this replica knows) and the decision it forced, if any; absent when the policy has none.
   */
  readonly spend?: SpendReport | undefined;
  readonly modelRequested: string;
  readonly modelServed: string | undefined;
  readonly fallback: {
    readonly policy: FallbackPolicy;
    readonly used: boolean;
    /** The error class that first moved the call on. */
    readonly reason: ErrorClass | undefined;
  };
  readonly review: {
    readonly required: boolean;
    readonly triggered: boolean;
    readonly reasons: readonly ReviewReason[];
  };
  readonly evidence: {
    readonly required: boolean;
    /** Share of fields with verified evidence; set only when evidence was required and checked. */
    readonly coverage: number | undefined;
    readonly fields: readonly FieldEvidence[];
    readonly unverified: readonly EvidenceRef[];
  };
  /** When the call started; see {@link AttemptRecord.startedAt} for the clock. */
  readonly startedAt: number;
  readonly durationMs: number;
  /**
   * `router.stream` only: milliseconds from the call's start (before the budget check) to the
   * first text chunk handed to the caller, retries and fallbacks before it included; absent when
   * no chunk was handed over.
   */
  readonly timeToFirstChunkMs?: number;
}

/**
 * A partial answer keeps only the top-level fields that validated on their own, so it exists
 * only for object outputs; a text output is never partial.
 */
export type PartialOutput<T> = unknown extends T ? unknown : T extends object ? Partial<T> : never;

/**
 * A routed call's result: the record plus the output, typed by the request's schema.
 * `CanBePartial` is `false` when the call's policy has no `partial` step, so `output` is the
 * whole `T`; the default `boolean` admits a `partial` outcome with a {@link PartialOutput}.
 */
export type RouteResult<T, CanBePartial extends boolean = boolean> = RouteRecord & {
  /** The tools the model called, arguments validated against each tool's schema; absent when none. */
  readonly toolCalls?: readonly ToolCall[];
} & (
    | { readonly outcome: "ok" | "fallback_ok" | "review"; readonly output: T }
    | (CanBePartial extends true ? { readonly outcome: "partial"; readonly output: PartialOutput<T> } : never)
  );

/** Number of attempts actually sent to a provider (`model_policy.attempts`). */
export function sentAttempts(record: Pick<RouteRecord, "attempts">): number {
  let sent = 0;
  for (const attempt of record.attempts) if (attempt.outcome !== "skipped") sent += 1;
  return sent;
}

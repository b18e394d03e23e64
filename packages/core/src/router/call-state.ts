import type { TokenUsage } from "../adapter/model-adapter.js";
import type { BudgetCheck } from "../budget/check-input-budget.js";
import type { ErrorClass } from "../errors/error-class.js";
import type { EvidenceReport } from "../evidence/evidence-check.js";
import type { ResolvedPolicy } from "../policy/policy-table.js";
import type { ReviewDecision } from "../review/review-rules.js";
import type { SpendReport } from "../state/spend-report.js";
import type { AttemptRecord, PolicyRef, RouteOutcome, RouteRecord, RouteResult } from "./route-result.js";

/**
 * What one routed call has done so far. The router mutates it as the call proceeds and takes a
 * frozen {@link RouteRecord} from it at the end, so results and errors report the same facts.
 */
export class CallState {
  readonly attempts: AttemptRecord[] = [];
  inputTokens: BudgetCheck | undefined;
  escalatedToTier: string | undefined;
  fallbackUsed = false;
  fallbackReason: ErrorClass | undefined;
  evidence: EvidenceReport | undefined;
  review: ReviewDecision | undefined;
  /** The model whose answer the result returns; set when an answer is accepted. */
  modelServed: string | undefined;
  /** `router.stream` only: when the first chunk reached the caller, in ms from the call's start. */
  timeToFirstChunkMs: number | undefined;
  /** The policy's spend budget as last seen, and what it decided; set only for a policy with one. */
  spend: SpendReport | undefined;

  constructor(
    readonly task: string,
    readonly policy: ResolvedPolicy,
    readonly policyRef: PolicyRef,
    readonly modelRequested: string,
    readonly startedAt: number,
    private readonly startedAtMonotonic: number,
  ) {}

  /** The call's result: its record with the accepted output. */
  toResult(outcome: "ok" | "fallback_ok" | "review" | "partial", output: unknown): RouteResult<unknown> {
    return { ...this.toRecord(outcome), output } as RouteResult<unknown>;
  }

  /** A snapshot of the call for a result or an error. */
  toRecord(outcome: RouteOutcome, errorClass?: ErrorClass): RouteRecord {
    const usage: TokenUsage = { inputTokens: 0, outputTokens: 0, cachedInputTokens: 0, cacheWriteInputTokens: 0 };
    let costUsd: number | null = 0;
    for (const attempt of this.attempts) {
      usage.inputTokens += attempt.usage.inputTokens;
      usage.outputTokens += attempt.usage.outputTokens;
      usage.cachedInputTokens = (usage.cachedInputTokens ?? 0) + (attempt.usage.cachedInputTokens ?? 0);
      usage.cacheWriteInputTokens = (usage.cacheWriteInputTokens ?? 0) + (attempt.usage.cacheWriteInputTokens ?? 0);
      const usedTokens = attempt.usage.inputTokens + attempt.usage.outputTokens > 0;
      if (attempt.costUsd === null) {
        if (usedTokens) costUsd = null;
      } else if (costUsd !== null) costUsd += attempt.costUsd;
    }
    const evidenceRequired = this.policy.evidence_required;
    return {
      task: this.task,
      policy: this.policyRef,
      outcome,
      errorClass,
      attempts: [...this.attempts],
      usage,
      costUsd,
      inputTokens: this.inputTokens,
      escalatedToTier: this.escalatedToTier,
      spend: this.spend,
      modelRequested: this.modelRequested,
      modelServed: outcome === "rejected" || outcome === "failed" ? undefined : this.modelServed,
      fallback: { policy: this.policy.fallback_policy, used: this.fallbackUsed, reason: this.fallbackReason },
      review: this.review ?? { required: this.policy.review_required, triggered: false, reasons: [] },
      evidence: {
        required: evidenceRequired,
        coverage: evidenceRequired ? this.evidence?.coverage : undefined,
        fields: this.evidence?.fields ?? [],
        unverified: this.evidence?.unverified ?? [],
      },
      startedAt: this.startedAt,
      durationMs: performance.now() - this.startedAtMonotonic,
      ...(this.timeToFirstChunkMs === undefined ? {} : { timeToFirstChunkMs: this.timeToFirstChunkMs }),
    };
  }

  /** Notes that the call's first chunk reached the caller now (the first time only). */
  markFirstChunk(): void {
    this.timeToFirstChunkMs ??= performance.now() - this.startedAtMonotonic;
  }
}

/** The policy summary carried by every record and span. */
export function policyRefOf(policy: ResolvedPolicy, tableVersion: string): PolicyRef {
  return {
    id: policy.id,
    version: policy.version,
    digest: policy.digest,
    tableVersion,
    task: policy.task,
    modelTier: policy.model_tier,
    latencyTier: policy.latency_tier,
    maxInputTokens: policy.max_input_tokens,
    maxOutputTokens: policy.max_output_tokens,
    evidenceRequired: policy.evidence_required,
    reviewRequired: policy.review_required,
    fallbackPolicy: policy.fallback_policy,
  };
}

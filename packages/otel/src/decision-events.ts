import type { AttemptRecord, RouteRecord } from "@modelpolicy/core";
import {
  ATTR_MODEL_POLICY_ATTEMPT_INDEX,
  ATTR_MODEL_POLICY_ATTEMPT_TIER,
  ATTR_MODEL_POLICY_BUDGET_ACTION,
  ATTR_MODEL_POLICY_BUDGET_INPUT_TOKENS,
  ATTR_MODEL_POLICY_BUDGET_LIMIT_USD,
  ATTR_MODEL_POLICY_BUDGET_REMAINING_USD,
  ATTR_MODEL_POLICY_BUDGET_WINDOW,
  ATTR_MODEL_POLICY_ESCALATED_TIER,
  ATTR_MODEL_POLICY_EVIDENCE_COVERAGE,
  ATTR_MODEL_POLICY_FALLBACK_FROM,
  ATTR_MODEL_POLICY_FALLBACK_REASON,
  ATTR_MODEL_POLICY_FALLBACK_TO,
  ATTR_MODEL_POLICY_INPUT_TOKENS_ESTIMATED,
  ATTR_MODEL_POLICY_MODEL_TIER,
  ATTR_MODEL_POLICY_RETRY_CAUSE,
  ATTR_MODEL_POLICY_RETRY_WAIT_MS,
  ATTR_MODEL_POLICY_REVIEW_REASONS,
  EVENT_MODEL_POLICY_ATTEMPT_SKIPPED,
  EVENT_MODEL_POLICY_BUDGET_ESCALATED,
  EVENT_MODEL_POLICY_BUDGET_EXHAUSTED,
  EVENT_MODEL_POLICY_FALLBACK,
  EVENT_MODEL_POLICY_RETRY,
  EVENT_MODEL_POLICY_REVIEW,
} from "@modelpolicy/core/conventions";
import type { Attributes } from "@opentelemetry/api";
import { ATTR_ERROR_TYPE, ATTR_GEN_AI_PROVIDER_NAME, ATTR_GEN_AI_REQUEST_MODEL } from "./semconv.js";

/** One router decision as a span event: its registry name, attributes, and when it was made. */
export interface DecisionEvent {
  readonly name: string;
  readonly attributes: Attributes;
  /** Epoch milliseconds (fractional), the clock of the record's `startedAt`. */
  readonly time: number;
}

/**
 * The decisions a routed call made, read back from its record, in the order they were made and
 * each at the moment it was made, so a trace viewer shows them inside the call's timeline: a
 * retry or a fallback step at the end of the attempt that caused it (the start of the gap before
 * the next attempt), a skipped attempt when its circuit or rate limit refused it, a budget
 * escalation at the call's start, a used-up spend budget when it ruled on a target, the review
 * decision at its end. Derived from the record rather than reported
 * by the router as it goes, so the middleware contract needs no event channel and a failed
 * call's record (on its `RoutedCallError`) tells the same story.
 *
 * A step to `partial` is a fallback event without `fallback.to`. A chain that ends in `stop` is
 * not: the record cannot tell it from a failure the policy does not fall back on, and the
 * span's `error.type` already says why the call ended.
 */
export function decisionEvents(record: RouteRecord): DecisionEvent[] {
  const events: DecisionEvent[] = [];
  if (record.escalatedToTier !== undefined && record.inputTokens !== undefined) {
    const attributes: Attributes = {};
    attributes[ATTR_MODEL_POLICY_INPUT_TOKENS_ESTIMATED] = record.inputTokens.tokens;
    attributes[ATTR_MODEL_POLICY_BUDGET_INPUT_TOKENS] = record.policy.maxInputTokens;
    attributes[ATTR_MODEL_POLICY_MODEL_TIER] = record.policy.modelTier;
    attributes[ATTR_MODEL_POLICY_ESCALATED_TIER] = record.escalatedToTier;
    events.push({ name: EVENT_MODEL_POLICY_BUDGET_ESCALATED, attributes, time: record.startedAt });
  }
  let previous: AttemptRecord | undefined;
  for (const attempt of record.attempts) {
    if (previous !== undefined) {
      const decidedAt = Math.min(endOf(previous), attempt.startedAt);
      if (attempt.kind === "retry") events.push(retryEvent(previous, attempt, decidedAt));
      else if (attempt.kind === "fallback") events.push(fallbackEvent(previous, attempt.model, decidedAt));
    }
    if (attempt.outcome === "skipped") events.push(skippedEvent(attempt));
    previous = attempt;
  }
  if (record.outcome === "partial" && previous !== undefined) {
    events.push(fallbackEvent(previous, undefined, endOf(previous)));
  }
  const exhausted = budgetExhaustedEvent(record);
  if (exhausted !== undefined) insertByTime(events, exhausted);
  if (record.review.triggered) {
    const attributes: Attributes = {};
    attributes[ATTR_MODEL_POLICY_REVIEW_REASONS] = record.review.reasons.slice();
    if (record.evidence.required && record.evidence.coverage !== undefined) {
      attributes[ATTR_MODEL_POLICY_EVIDENCE_COVERAGE] = record.evidence.coverage;
    }
    events.push({ name: EVENT_MODEL_POLICY_REVIEW, attributes, time: record.startedAt + record.durationMs });
  }
  return events;
}

/** When an attempt ended, on the clock of its `startedAt`. */
function endOf(attempt: AttemptRecord): number {
  return attempt.startedAt + attempt.durationMs;
}

/**
 * The error class that moved the call on from an attempt. An attempt that answered and still
 * moved the call on did so for missing evidence: the only reason the router leaves an answer.
 */
function reasonOf(attempt: AttemptRecord): string {
  if (attempt.outcome === "ok") return "evidence_missing";
  return attempt.errorClass ?? "unknown";
}

function retryEvent(failed: AttemptRecord, retry: AttemptRecord, time: number): DecisionEvent {
  const attributes: Attributes = {};
  attributes[ATTR_MODEL_POLICY_RETRY_CAUSE] = reasonOf(failed);
  attributes[ATTR_MODEL_POLICY_RETRY_WAIT_MS] = Math.round(retry.delayBeforeMs);
  attributes[ATTR_MODEL_POLICY_ATTEMPT_INDEX] = failed.index;
  attributes[ATTR_GEN_AI_REQUEST_MODEL] = failed.model;
  return { name: EVENT_MODEL_POLICY_RETRY, attributes, time };
}

function fallbackEvent(from: AttemptRecord, to: string | undefined, time: number): DecisionEvent {
  const attributes: Attributes = {};
  attributes[ATTR_MODEL_POLICY_FALLBACK_REASON] = reasonOf(from);
  attributes[ATTR_MODEL_POLICY_FALLBACK_FROM] = from.model;
  if (to !== undefined) attributes[ATTR_MODEL_POLICY_FALLBACK_TO] = to;
  return { name: EVENT_MODEL_POLICY_FALLBACK, attributes, time };
}

function skippedEvent(attempt: AttemptRecord): DecisionEvent {
  const attributes: Attributes = {};
  // `circuit_open` or `rate_limited`: the two refusals look alike in the timeline otherwise.
  attributes[ATTR_ERROR_TYPE] = attempt.errorClass ?? "circuit_open";
  attributes[ATTR_GEN_AI_REQUEST_MODEL] = attempt.model;
  attributes[ATTR_GEN_AI_PROVIDER_NAME] = attempt.provider;
  attributes[ATTR_MODEL_POLICY_ATTEMPT_INDEX] = attempt.index;
  if (attempt.tier !== undefined) attributes[ATTR_MODEL_POLICY_ATTEMPT_TIER] = attempt.tier;
  return { name: EVENT_MODEL_POLICY_ATTEMPT_SKIPPED, attributes, time: attempt.startedAt };
}

/**
 * The spend budget's decision, when it degraded, stopped or reviewed the call. `remaining_usd`
 * is 0: the budget acts only once the window's spend reached its limit, whatever the call spent
 * afterwards (the span's own attribute has that).
 */
function budgetExhaustedEvent(record: RouteRecord): DecisionEvent | undefined {
  const spend = record.spend;
  const decision = spend?.decision;
  if (spend === undefined || decision === undefined) return undefined;
  const attributes: Attributes = {};
  attributes[ATTR_MODEL_POLICY_BUDGET_ACTION] = decision.action;
  attributes[ATTR_MODEL_POLICY_BUDGET_REMAINING_USD] = 0;
  attributes[ATTR_MODEL_POLICY_BUDGET_LIMIT_USD] = spend.limitUsd;
  attributes[ATTR_MODEL_POLICY_BUDGET_WINDOW] = spend.window;
  if (decision.action === "degrade") {
    attributes[ATTR_MODEL_POLICY_FALLBACK_FROM] = decision.fromModel;
    if (decision.toModel !== undefined) attributes[ATTR_MODEL_POLICY_FALLBACK_TO] = decision.toModel;
  }
  return { name: EVENT_MODEL_POLICY_BUDGET_EXHAUSTED, attributes, time: decision.at };
}

/** Puts an event decided out of the record's order before the first later one, so the list stays in time order. */
function insertByTime(events: DecisionEvent[], event: DecisionEvent): void {
  const later = events.findIndex((other) => other.time > event.time);
  if (later === -1) events.push(event);
  else events.splice(later, 0, event);
}

import { RoutedCallError, type RouteRecord, sentAttempts } from "@modelpolicy/core";
import { expect } from "vitest";
import type { CallTelemetry, FaultStack, Settled } from "./stack.js";

/** The record a call ended with: the result's, or the one its `RoutedCallError` carries. */
export function recordOf(settled: Settled): RouteRecord {
  if (settled.ok) return settled.result;
  if (RoutedCallError.isInstance(settled.error)) return settled.error.record;
  throw new Error(`the call failed without a routed-call record: ${String(settled.error)}`);
}

/**
 * Checks that the outcome, the attempts, the routed span, its attempt spans and the ledger record
 * of one call all tell the same story, and returns them for case-specific assertions.
 */
export async function expectConsistent(
  stack: FaultStack,
  settled: Settled,
): Promise<CallTelemetry & { record: RouteRecord }> {
  const record = recordOf(settled);
  const telemetry = await stack.telemetryOf(settled);
  const { routed, attempts, ledger } = telemetry;
  const sent = record.attempts.filter((attempt) => attempt.outcome !== "skipped");

  expect(routed.name).toBe(`route ${record.task}`);
  expect(routed.kind).toBe("INTERNAL");
  expect(routed.parentSpanId).toBeUndefined();
  expect(routed.attributes["model_policy.outcome"]).toBe(record.outcome);
  expect(routed.attributes["model_policy.attempts"]).toBe(sentAttempts(record));
  expect(routed.attributes["model_policy.fallback.used"]).toBe(record.fallback.used);
  expect(routed.attributes["model_policy.fallback.reason"]).toBe(record.fallback.reason);
  expect(routed.attributes["model_policy.model.requested"]).toBe(record.modelRequested);
  expect(routed.attributes["model_policy.model.served"]).toBe(record.modelServed);
  if (settled.ok) {
    expect(routed.status.code).not.toBe(2);
    expect(routed.attributes["error.type"]).toBeUndefined();
  } else {
    expect(routed.status.code).toBe(2);
    expect(routed.attributes["error.type"]).toBe(record.errorClass);
    expect(routed.events.some((event) => event.name === "exception")).toBe(true);
  }

  expect(attempts).toHaveLength(sent.length);
  sent.forEach((attempt, index) => {
    const span = attempts[index]!;
    expect(span.kind).toBe("CLIENT");
    expect(span.traceId).toBe(routed.traceId);
    expect(span.name).toBe(`chat ${attempt.model}`);
    expect(span.attributes["model_policy.attempt.index"]).toBe(attempt.index);
    expect(span.attributes["model_policy.attempt.kind"]).toBe(attempt.kind);
    expect(span.attributes["error.type"]).toBe(attempt.outcome === "ok" ? undefined : attempt.errorClass);
    expect(span.attributes["http.response.status_code"]).toBe(attempt.status);
  });

  expect(ledger.trace_id).toBe(routed.traceId);
  expect(ledger.outcome).toBe(record.outcome);
  expect(ledger.attempts).toBe(sentAttempts(record));
  expect(ledger.fallback_used).toBe(record.fallback.used);
  expect(ledger.fallback_reason).toBe(record.fallback.reason ?? null);
  expect(ledger.model_served).toBe(record.modelServed ?? null);
  expect(ledger.error_type).toBe(settled.ok ? null : (record.errorClass ?? null));
  expect(ledger.task).toBe(record.task);
  return { ...telemetry, record };
}

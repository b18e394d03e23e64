import { LEDGER_COLUMNS } from "@modelpolicy/core/conventions";
import { describe, expect, it } from "vitest";
import { ROUTED_ATTRIBUTES, routedSpan } from "./__fixtures__/routed-span.js";
import { isRoutedCallSpan, LEDGER_ATTRIBUTE_COLUMNS, ledgerRecordFromSpan } from "./ledger-record.js";

describe("ledgerRecordFromSpan", () => {
  it("maps every contract attribute to its flat key", () => {
    const record = ledgerRecordFromSpan(routedSpan({ endMs: Date.UTC(2026, 10, 25, 23, 59, 59, 900) }));
    expect(record).toEqual({
      schema: 1,
      time: "2026-11-25T23:59:59.900Z",
      start_time: "2026-11-25T23:59:59.049Z",
      trace_id: "4bf92f3577b34da6a3ce929d0e0e4736",
      span_id: expect.stringMatching(/^[0-9a-f]{16}$/),
      service: "invoice-service",
      duration_ms: 850.25,
      task: "field_extraction",
      policy_id: "extract-fields",
      policy_version: "3",
      policy_digest: "sha256:abc",
      table_version: "2026-11-01",
      model_tier: "fast",
      latency_tier: "fast",
      budget_input_tokens: 8000,
      budget_output_tokens: 1000,
      input_tokens_estimated: 1200,
      evidence_required: true,
      evidence_coverage: 0.75,
      review_required: false,
      review_triggered: true,
      review_reasons: ["evidence_gap"],
      fallback_policy: "next_tier",
      fallback_used: false,
      fallback_reason: null,
      attempts: 1,
      model_requested: "gpt-4.1-mini",
      model_served: "gpt-4.1-mini-2025-04-14",
      outcome: "review",
      cost_usd: 0.00123,
      input_tokens: 1180,
      output_tokens: 240,
      error_type: null,
      policy_ref: "extract-fields@3",
      decision: "gpt-4.1-mini; review",
      evidence_fields_verified: 3,
      evidence_fields_required: 4,
      input_tokens_method: "bound",
      escalated_tier: null,
      cost_known: true,
      cached_input_tokens: null,
      usage_source: null,
      stream: null,
      time_to_first_chunk_s: null,
      operation: null,
      budget_limit_usd: null,
      budget_remaining_usd: null,
      budget_window: null,
      budget_action: null,
      cache_write_input_tokens: null,
    });
    expect(Object.keys(record).slice(7)).toEqual(LEDGER_COLUMNS.map((column) => column.key));
  });

  it("reads token counts from model_policy.usage.*, never from the GenAI usage of the routed span", () => {
    const record = ledgerRecordFromSpan(
      routedSpan({
        attributes: {
          "model_policy.task": "t",
          "gen_ai.usage.input_tokens": 999,
          "gen_ai.usage.output_tokens": 999,
          "model_policy.usage.input_tokens": 12,
          "model_policy.usage.output_tokens": 3,
          "model_policy.usage.cache_read.input_tokens": 8,
          "model_policy.usage.cache_creation.input_tokens": 2,
        },
      }),
    );
    expect(record).toMatchObject({
      input_tokens: 12,
      output_tokens: 3,
      cached_input_tokens: 8,
      cache_write_input_tokens: 2,
    });
  });

  it("writes every key on every line, null for missing or mistyped attributes", () => {
    const record = ledgerRecordFromSpan(
      routedSpan({
        attributes: { "model_policy.task": "t", "model_policy.cost.usd": "free", "model_policy.attempts": 2.7 },
      }),
    );
    for (const column of LEDGER_ATTRIBUTE_COLUMNS) expect(record).toHaveProperty(column.key);
    expect(record.cost_usd).toBeNull();
    expect(record.attempts).toBe(2);
    expect(record.policy_digest).toBeNull();
    expect(record.outcome).toBeNull();
  });

  it("keeps error type and fallback reason of a failed call", () => {
    const record = ledgerRecordFromSpan(
      routedSpan({
        attributes: {
          ...ROUTED_ATTRIBUTES,
          "model_policy.outcome": "failed",
          "model_policy.fallback.reason": "rate_limit",
          "error.type": "RoutingFailedError",
        },
      }),
    );
    expect(record).toMatchObject({
      outcome: "failed",
      fallback_reason: "rate_limit",
      error_type: "RoutingFailedError",
    });
  });

  it("treats only spans with a task as routed calls", () => {
    expect(isRoutedCallSpan(routedSpan())).toBe(true);
    expect(isRoutedCallSpan(routedSpan({ attributes: { "gen_ai.operation.name": "chat" } }))).toBe(false);
  });
});

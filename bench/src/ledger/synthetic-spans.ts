import type { ReadableSpanLike } from "@modelpolicy/otel";

const TASKS = ["field_extraction", "classification", "summarise", "contract_review", "invoice_match", "triage"];
const OUTCOMES = ["ok", "ok", "ok", "ok", "ok", "fallback_ok", "review", "partial", "failed", "rejected"];
const MODELS = ["gpt-4.1-mini", "gpt-4.1", "o4-mini"];

/**
 * A routed-call span as the telemetry middleware leaves it, varied by `index` the way a busy
 * service's calls vary (six tasks, two policy versions, all outcomes, one call in 97 unpriced),
 * ending `index * stepMs` after `startMs`. Shared by both ledger benchmarks.
 */
export function syntheticSpan(index: number, startMs: number, stepMs: number): ReadableSpanLike {
  const task = TASKS[index % TASKS.length] ?? "triage";
  const outcome = OUTCOMES[index % OUTCOMES.length] ?? "ok";
  const model = MODELS[index % MODELS.length] ?? "gpt-4.1-mini";
  const endMs = startMs + index * stepMs;
  const durationMs = 80 + ((index * 7919) % 2400);
  const spanId = index.toString(16).padStart(16, "0");
  return {
    name: `route ${task}`,
    attributes: {
      "model_policy.task": task,
      "model_policy.id": `policy-${task}`,
      "model_policy.version": String(1 + (index % 2)),
      "model_policy.digest": "sha256:5f2b0c1e",
      "model_policy.table.version": "2026-11-01",
      "model_policy.model_tier": "fast",
      "model_policy.latency_tier": "fast",
      "model_policy.budget.input_tokens": 8000,
      "model_policy.budget.output_tokens": 1000,
      "model_policy.input_tokens.estimated": 1000 + (index % 500),
      "model_policy.evidence.required": index % 3 === 0,
      "model_policy.review.required": false,
      "model_policy.review.triggered": outcome === "review",
      "model_policy.review.reasons": outcome === "review" ? ["evidence_gap"] : [],
      "model_policy.fallback.policy": "next_tier",
      "model_policy.fallback.used": outcome === "fallback_ok",
      ...(outcome === "fallback_ok" ? { "model_policy.fallback.reason": "rate_limit" } : {}),
      "model_policy.attempts": outcome === "fallback_ok" ? 2 : 1,
      "model_policy.model.requested": MODELS[0] ?? "gpt-4.1-mini",
      ...(outcome === "rejected" ? {} : { "model_policy.model.served": model }),
      "model_policy.outcome": outcome,
      ...(index % 97 === 0 ? {} : { "model_policy.cost.usd": 0.0004 + (index % 13) * 0.0001 }),
      "model_policy.usage.input_tokens": 1000 + (index % 500),
      "model_policy.usage.output_tokens": 100 + (index % 300),
      ...(outcome === "failed" ? { "error.type": "RoutingFailedError" } : {}),
    },
    spanContext: () => ({ traceId: `4bf92f3577b34da6a3ce929d${spanId.slice(8)}`, spanId }),
    startTime: hrTime(endMs - durationMs),
    endTime: hrTime(endMs),
    duration: hrTime(durationMs),
    resource: { attributes: { "service.name": `service-${index % 3}` } },
    status: { code: outcome === "failed" ? 2 : 0 },
  };
}

function hrTime(ms: number): [number, number] {
  const seconds = Math.floor(ms / 1000);
  return [seconds, Math.round((ms - seconds * 1000) * 1e6)];
}

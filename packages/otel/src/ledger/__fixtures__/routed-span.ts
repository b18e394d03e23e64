import type { AttributeValueLike, HrTimeLike, ReadableSpanLike } from "../readable-span-like.js";

/** Attributes of a typical successful routed call, as the telemetry middleware sets them. */
export const ROUTED_ATTRIBUTES: Record<string, AttributeValueLike> = {
  "model_policy.task": "field_extraction",
  "model_policy.id": "extract-fields",
  "model_policy.version": "3",
  "model_policy.ref": "extract-fields@3",
  "model_policy.digest": "sha256:abc",
  "model_policy.table.version": "2026-11-01",
  "model_policy.model_tier": "fast",
  "model_policy.latency_tier": "fast",
  "model_policy.budget.input_tokens": 8000,
  "model_policy.budget.output_tokens": 1000,
  "model_policy.input_tokens.estimated": 1200,
  "model_policy.evidence.required": true,
  "model_policy.evidence.coverage": 0.75,
  "model_policy.review.required": false,
  "model_policy.review.triggered": true,
  "model_policy.review.reasons": ["evidence_gap"],
  "model_policy.fallback.policy": "next_tier",
  "model_policy.fallback.used": false,
  "model_policy.attempts": 1,
  "model_policy.model.requested": "gpt-4.1-mini",
  "model_policy.model.served": "gpt-4.1-mini-2025-04-14",
  "model_policy.outcome": "review",
  "model_policy.cost.usd": 0.00123,
  "model_policy.cost.known": true,
  "model_policy.usage.input_tokens": 1180,
  "model_policy.usage.output_tokens": 240,
  "model_policy.decision": "gpt-4.1-mini; review",
  "model_policy.evidence.fields.verified": 3,
  "model_policy.evidence.fields.required": 4,
  "model_policy.input_tokens.method": "bound",
};

let nextSpan = 1;

/** A finished span as the SDK hands it to an exporter, ending at `endMs` and lasting `durationMs`. */
export function routedSpan(
  options: {
    attributes?: Record<string, AttributeValueLike | undefined>;
    endMs?: number;
    durationMs?: number;
    service?: string;
  } = {},
): ReadableSpanLike {
  const endMs = options.endMs ?? Date.UTC(2026, 10, 25, 12, 0, 0, 500);
  const durationMs = options.durationMs ?? 850.25;
  const spanId = (nextSpan++).toString(16).padStart(16, "0");
  const attributes = options.attributes ?? ROUTED_ATTRIBUTES;
  return {
    name: `route ${String(attributes["model_policy.task"] ?? "unknown")}`,
    attributes,
    spanContext: () => ({ traceId: "4bf92f3577b34da6a3ce929d0e0e4736", spanId }),
    startTime: hrTime(endMs - durationMs),
    endTime: hrTime(endMs),
    duration: hrTime(durationMs),
    resource: { attributes: { "service.name": options.service ?? "invoice-service" } },
    status: { code: 0 },
  };
}

function hrTime(ms: number): HrTimeLike {
  const seconds = Math.floor(ms / 1000);
  return [seconds, Math.round((ms - seconds * 1000) * 1e6)];
}

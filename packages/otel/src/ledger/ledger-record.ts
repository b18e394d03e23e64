import {
  ATTR_MODEL_POLICY_ATTEMPTS,
  ATTR_MODEL_POLICY_BUDGET_INPUT_TOKENS,
  ATTR_MODEL_POLICY_BUDGET_OUTPUT_TOKENS,
  ATTR_MODEL_POLICY_COST_USD,
  ATTR_MODEL_POLICY_DIGEST,
  ATTR_MODEL_POLICY_EVIDENCE_COVERAGE,
  ATTR_MODEL_POLICY_EVIDENCE_REQUIRED,
  ATTR_MODEL_POLICY_FALLBACK_POLICY,
  ATTR_MODEL_POLICY_FALLBACK_REASON,
  ATTR_MODEL_POLICY_FALLBACK_USED,
  ATTR_MODEL_POLICY_ID,
  ATTR_MODEL_POLICY_INPUT_TOKENS_ESTIMATED,
  ATTR_MODEL_POLICY_LATENCY_TIER,
  ATTR_MODEL_POLICY_MODEL_REQUESTED,
  ATTR_MODEL_POLICY_MODEL_SERVED,
  ATTR_MODEL_POLICY_MODEL_TIER,
  ATTR_MODEL_POLICY_OUTCOME,
  ATTR_MODEL_POLICY_REVIEW_REASONS,
  ATTR_MODEL_POLICY_REVIEW_REQUIRED,
  ATTR_MODEL_POLICY_REVIEW_TRIGGERED,
  ATTR_MODEL_POLICY_TABLE_VERSION,
  ATTR_MODEL_POLICY_TASK,
  ATTR_MODEL_POLICY_VERSION,
} from "../attributes.js";
import { ATTR_ERROR_TYPE, ATTR_GEN_AI_USAGE_INPUT_TOKENS, ATTR_GEN_AI_USAGE_OUTPUT_TOKENS } from "../semconv.js";
import { hrTimeToMilliseconds, type ReadableSpanLike } from "./readable-span-like.js";

/**
 * Version of the record layout, written into every line as `schema`. Keys are add-only like the
 * span attributes they copy; this changes only if a key ever has to change meaning, so readers
 * of old ledgers can tell.
 */
export const LEDGER_SCHEMA_VERSION = 1 as const;

/** The JSON type a ledger column holds (besides `null`, which every column may hold). */
export type LedgerColumnKind = "string" | "integer" | "number" | "boolean" | "string[]";

/**
 * The one mapping from routed-call span attributes to flat ledger keys. The CLI, DuckDB queries
 * and anyone's `jq` scripts key on these names, so they are a contract like the attributes:
 * add, never rename. Order here is the order of keys in each JSON line.
 */
export const LEDGER_ATTRIBUTE_COLUMNS = [
  { key: "task", attribute: ATTR_MODEL_POLICY_TASK, kind: "string" },
  { key: "policy_id", attribute: ATTR_MODEL_POLICY_ID, kind: "string" },
  { key: "policy_version", attribute: ATTR_MODEL_POLICY_VERSION, kind: "string" },
  { key: "policy_digest", attribute: ATTR_MODEL_POLICY_DIGEST, kind: "string" },
  { key: "table_version", attribute: ATTR_MODEL_POLICY_TABLE_VERSION, kind: "string" },
  { key: "model_tier", attribute: ATTR_MODEL_POLICY_MODEL_TIER, kind: "string" },
  { key: "latency_tier", attribute: ATTR_MODEL_POLICY_LATENCY_TIER, kind: "string" },
  { key: "budget_input_tokens", attribute: ATTR_MODEL_POLICY_BUDGET_INPUT_TOKENS, kind: "integer" },
  { key: "budget_output_tokens", attribute: ATTR_MODEL_POLICY_BUDGET_OUTPUT_TOKENS, kind: "integer" },
  { key: "input_tokens_estimated", attribute: ATTR_MODEL_POLICY_INPUT_TOKENS_ESTIMATED, kind: "integer" },
  { key: "evidence_required", attribute: ATTR_MODEL_POLICY_EVIDENCE_REQUIRED, kind: "boolean" },
  { key: "evidence_coverage", attribute: ATTR_MODEL_POLICY_EVIDENCE_COVERAGE, kind: "number" },
  { key: "review_required", attribute: ATTR_MODEL_POLICY_REVIEW_REQUIRED, kind: "boolean" },
  { key: "review_triggered", attribute: ATTR_MODEL_POLICY_REVIEW_TRIGGERED, kind: "boolean" },
  { key: "review_reasons", attribute: ATTR_MODEL_POLICY_REVIEW_REASONS, kind: "string[]" },
  { key: "fallback_policy", attribute: ATTR_MODEL_POLICY_FALLBACK_POLICY, kind: "string" },
  { key: "fallback_used", attribute: ATTR_MODEL_POLICY_FALLBACK_USED, kind: "boolean" },
  { key: "fallback_reason", attribute: ATTR_MODEL_POLICY_FALLBACK_REASON, kind: "string" },
  { key: "attempts", attribute: ATTR_MODEL_POLICY_ATTEMPTS, kind: "integer" },
  { key: "model_requested", attribute: ATTR_MODEL_POLICY_MODEL_REQUESTED, kind: "string" },
  { key: "model_served", attribute: ATTR_MODEL_POLICY_MODEL_SERVED, kind: "string" },
  { key: "outcome", attribute: ATTR_MODEL_POLICY_OUTCOME, kind: "string" },
  { key: "cost_usd", attribute: ATTR_MODEL_POLICY_COST_USD, kind: "number" },
  { key: "input_tokens", attribute: ATTR_GEN_AI_USAGE_INPUT_TOKENS, kind: "integer" },
  { key: "output_tokens", attribute: ATTR_GEN_AI_USAGE_OUTPUT_TOKENS, kind: "integer" },
  { key: "error_type", attribute: ATTR_ERROR_TYPE, kind: "string" },
] as const satisfies readonly { key: string; attribute: string; kind: LedgerColumnKind }[];

type KindValue<K extends LedgerColumnKind> = K extends "string"
  ? string
  : K extends "integer" | "number"
    ? number
    : K extends "boolean"
      ? boolean
      : string[];

type AttributeColumn = (typeof LEDGER_ATTRIBUTE_COLUMNS)[number];

/**
 * One routed call as a ledger line: identity and timing of its span, then one key per contract
 * attribute. A missing attribute, or one of the wrong type, is `null` rather than absent, so every
 * line has every key and column-typed readers (DuckDB, pandas) never guess a type from a gap.
 * `cost_usd` is `null` when the price was unknown: never read it as free.
 */
export type LedgerRecord = {
  readonly schema: typeof LEDGER_SCHEMA_VERSION;
  /** ISO-8601 UTC end time of the span; the day part names the file. */
  readonly time: string;
  readonly start_time: string;
  readonly trace_id: string;
  readonly span_id: string;
  /** Resource `service.name`. */
  readonly service: string | null;
  readonly duration_ms: number;
} & { readonly [C in AttributeColumn as C["key"]]: KindValue<C["kind"]> | null };

/** Whether a span is a routed call: only those carry the task attribute and go to the ledger. */
export function isRoutedCallSpan(span: ReadableSpanLike): boolean {
  return typeof span.attributes[ATTR_MODEL_POLICY_TASK] === "string";
}

/**
 * The ledger line of a routed-call span. Values are copied with their contract type checked, so
 * a misbehaving writer can cost a field its value but never change a column's type.
 */
export function ledgerRecordFromSpan(span: ReadableSpanLike): LedgerRecord {
  const context = span.spanContext();
  const service = span.resource.attributes["service.name"];
  const record: Record<string, unknown> = {
    schema: LEDGER_SCHEMA_VERSION,
    time: new Date(hrTimeToMilliseconds(span.endTime)).toISOString(),
    start_time: new Date(hrTimeToMilliseconds(span.startTime)).toISOString(),
    trace_id: context.traceId,
    span_id: context.spanId,
    service: typeof service === "string" ? service : null,
    duration_ms: Math.round(hrTimeToMilliseconds(span.duration) * 1000) / 1000,
  };
  const attributes = span.attributes;
  for (const column of LEDGER_ATTRIBUTE_COLUMNS) {
    record[column.key] = typed(attributes[column.attribute], column.kind);
  }
  return record as LedgerRecord;
}

function typed(value: unknown, kind: LedgerColumnKind): unknown {
  switch (kind) {
    case "string":
      return typeof value === "string" ? value : null;
    case "integer":
      return typeof value === "number" && Number.isFinite(value) ? Math.trunc(value) : null;
    case "number":
      return typeof value === "number" && Number.isFinite(value) ? value : null;
    case "boolean":
      return typeof value === "boolean" ? value : null;
    case "string[]":
      return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : null;
  }
}

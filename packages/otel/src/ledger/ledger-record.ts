import { ATTR_MODEL_POLICY_TASK, LEDGER_COLUMNS, type LedgerColumnKind } from "@modelpolicy/core/conventions";
import { hrTimeToMilliseconds, type ReadableSpanLike } from "./readable-span-like.js";

export type { LedgerColumnKind };

/**
 * Version of the record layout, written into every line as `schema`. Keys are add-only like the
 * span attributes they copy; this changes only if a key ever has to change meaning, so readers
 * of old ledgers can tell.
 */
export const LEDGER_SCHEMA_VERSION = 1 as const;

/**
 * The one mapping from routed-call span attributes to flat ledger keys: the conventions
 * registry's `LEDGER_COLUMNS` (`@modelpolicy/core/conventions`), in the order of keys in each
 * JSON line. Token counts come from `model_policy.usage.*` under their schema-1 keys
 * (`input_tokens`, `output_tokens`); the keys issue 14 added (`policy_ref`, `decision`, the
 * evidence counts, …) follow the first 26, so old readers see old keys where they were.
 */
export const LEDGER_ATTRIBUTE_COLUMNS = LEDGER_COLUMNS;

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

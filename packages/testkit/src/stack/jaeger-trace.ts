/**
 * A key/value pair on a span, process or log in Jaeger's HTTP API. OTLP attributes map onto it:
 * strings, bools, ints (`int64`) and doubles (`float64`) keep their type; arrays and maps arrive
 * as JSON text in a `string` tag (e.g. `["risk","fallback_used"]`).
 */
export interface JaegerTag {
  key: string;
  type: "string" | "bool" | "int64" | "float64" | "binary";
  value: string | number | boolean;
}

/** A link from a span to another; the OTLP parent becomes a `CHILD_OF` reference. */
export interface JaegerReference {
  refType: "CHILD_OF" | "FOLLOWS_FROM";
  traceID: string;
  spanID: string;
}

/** A span event in Jaeger's terms: a timestamp (µs since epoch) and its attributes. */
export interface JaegerLog {
  timestamp: number;
  fields: JaegerTag[];
}

/**
 * One span as Jaeger's HTTP API returns it. Times are microseconds; span kind, status and scope
 * appear as tags (`span.kind`, `otel.status_code`, `error`, `otel.scope.name`).
 */
export interface JaegerSpan {
  traceID: string;
  spanID: string;
  operationName: string;
  references: JaegerReference[];
  startTime: number;
  duration: number;
  tags: JaegerTag[];
  logs: JaegerLog[];
  /** Key into the trace's `processes`, which holds the service name and resource attributes. */
  processID: string;
  warnings: string[] | null;
  flags?: number;
}

/** The emitting service of spans: OTLP `service.name` plus the other resource attributes as tags. */
export interface JaegerProcess {
  serviceName: string;
  tags: JaegerTag[];
}

/** One trace from `/api/traces`: its spans and the processes they reference. */
export interface JaegerTrace {
  traceID: string;
  spans: JaegerSpan[];
  processes: Record<string, JaegerProcess>;
  warnings: string[] | null;
}

/** An operation as `/api/operations` lists it. */
export interface JaegerOperation {
  name: string;
  spanKind: string;
}

/**
 * The value of the tag `key` on a span (or process), or `undefined` when it is absent. Saves
 * every assertion from searching the tag array by hand.
 */
export function tagValue(holder: { tags: readonly JaegerTag[] }, key: string): JaegerTag["value"] | undefined {
  return holder.tags.find((tag) => tag.key === key)?.value;
}

/** The span's parent span id from its `CHILD_OF` reference, or `undefined` for a root span. */
export function parentSpanId(span: JaegerSpan): string | undefined {
  return span.references.find((reference) => reference.refType === "CHILD_OF")?.spanID;
}

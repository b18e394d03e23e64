import { type Attributes, decodeAttributes, decodeId, decodeLongString, durationMs } from "./decode-any-value.js";
import type { OtlpKeyValue, OtlpLong, OtlpResource, OtlpScope } from "./otlp-json.js";

/** Span kinds by name, so assertions read `kind: "CLIENT"` and avoid the numbering trap below. */
export type SpanKindName = "UNSPECIFIED" | "INTERNAL" | "SERVER" | "CLIENT" | "PRODUCER" | "CONSUMER";

const KIND_NAMES: SpanKindName[] = ["UNSPECIFIED", "INTERNAL", "SERVER", "CLIENT", "PRODUCER", "CONSUMER"];

/** One span event, decoded. */
export interface SpanEventRecord {
  name: string;
  timeUnixNano: string;
  attributes: Attributes;
}

/**
 * One received span, flattened with its resource and scope so a test filters a single list. Ids
 * are lowercase hex; timestamps are decimal strings of nanoseconds (they overflow a double);
 * `status.code` is 0 unset, 1 ok, 2 error, the same numbers as `SpanStatusCode`.
 */
export interface SpanRecord {
  traceId: string;
  spanId: string;
  /** `undefined` for a root span. */
  parentSpanId: string | undefined;
  name: string;
  kind: SpanKindName;
  /** OTLP's kind number, which is `@opentelemetry/api`'s `SpanKind` plus one (INTERNAL is 1 here, 0 there). */
  otlpKind: number;
  startTimeUnixNano: string;
  endTimeUnixNano: string;
  durationMs: number;
  attributes: Attributes;
  status: { code: number; message: string };
  events: SpanEventRecord[];
  resource: Attributes;
  /** `resource["service.name"]`, lifted out because tests filter by service. */
  serviceName: string | undefined;
  scope: { name: string; version: string | undefined };
}

interface OtlpSpan {
  traceId?: string;
  spanId?: string;
  parentSpanId?: string;
  name?: string;
  kind?: number;
  startTimeUnixNano?: OtlpLong;
  endTimeUnixNano?: OtlpLong;
  attributes?: OtlpKeyValue[];
  events?: { name?: string; timeUnixNano?: OtlpLong; attributes?: OtlpKeyValue[] }[];
  status?: { code?: number; message?: string };
}

/** The body of `POST /v1/traces` (`ExportTraceServiceRequest`) in OTLP/JSON. */
export interface OtlpTracesRequest {
  resourceSpans?: { resource?: OtlpResource; scopeSpans?: { scope?: OtlpScope; spans?: OtlpSpan[] }[] }[];
}

function decodeSpan(span: OtlpSpan, resource: Attributes, scope: OtlpScope | undefined): SpanRecord {
  const start = decodeLongString(span.startTimeUnixNano);
  const end = decodeLongString(span.endTimeUnixNano);
  const otlpKind = span.kind ?? 0;
  const serviceName = resource["service.name"];
  return {
    traceId: decodeId(span.traceId, 16),
    spanId: decodeId(span.spanId, 8),
    parentSpanId: span.parentSpanId ? decodeId(span.parentSpanId, 8) : undefined,
    name: span.name ?? "",
    kind: KIND_NAMES[otlpKind] ?? "UNSPECIFIED",
    otlpKind,
    startTimeUnixNano: start,
    endTimeUnixNano: end,
    durationMs: durationMs(start, end),
    attributes: decodeAttributes(span.attributes),
    status: { code: span.status?.code ?? 0, message: span.status?.message ?? "" },
    events: (span.events ?? []).map((event) => ({
      name: event.name ?? "",
      timeUnixNano: decodeLongString(event.timeUnixNano),
      attributes: decodeAttributes(event.attributes),
    })),
    resource,
    serviceName: typeof serviceName === "string" ? serviceName : undefined,
    scope: { name: scope?.name ?? "", version: scope?.version || undefined },
  };
}

/**
 * Flattens an OTLP/JSON traces request into span records, in the order they were sent. The
 * nesting (resource → scope → span) is how OTLP batches on the wire; a test asks about spans.
 */
export function decodeTraces(request: OtlpTracesRequest): SpanRecord[] {
  const spans: SpanRecord[] = [];
  for (const resourceSpans of request.resourceSpans ?? []) {
    const resource = decodeAttributes(resourceSpans.resource?.attributes);
    for (const scopeSpans of resourceSpans.scopeSpans ?? []) {
      for (const span of scopeSpans.spans ?? []) spans.push(decodeSpan(span, resource, scopeSpans.scope));
    }
  }
  return spans;
}

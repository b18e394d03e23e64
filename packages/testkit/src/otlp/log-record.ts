import {
  type Attributes,
  type AttributeValue,
  decodeAnyValue,
  decodeAttributes,
  decodeId,
  decodeLongString,
} from "./decode-any-value.js";
import type { OtlpAnyValue, OtlpKeyValue, OtlpLong, OtlpResource, OtlpScope } from "./otlp-json.js";

/**
 * One received log record, flattened with resource and scope. Logs matter to tests mainly to
 * prove what was not emitted (prompt content, API keys), so the body is decoded like an attribute.
 */
export interface LogRecord {
  timeUnixNano: string;
  observedTimeUnixNano: string;
  severityNumber: number;
  severityText: string;
  body: AttributeValue;
  attributes: Attributes;
  /** Empty when the log was not emitted inside a span. */
  traceId: string;
  spanId: string;
  eventName: string | undefined;
  resource: Attributes;
  serviceName: string | undefined;
  scope: { name: string; version: string | undefined };
}

interface OtlpLogRecord {
  timeUnixNano?: OtlpLong;
  observedTimeUnixNano?: OtlpLong;
  severityNumber?: number;
  severityText?: string;
  body?: OtlpAnyValue;
  attributes?: OtlpKeyValue[];
  traceId?: string;
  spanId?: string;
  eventName?: string;
}

/** The body of `POST /v1/logs` (`ExportLogsServiceRequest`) in OTLP/JSON. */
export interface OtlpLogsRequest {
  resourceLogs?: { resource?: OtlpResource; scopeLogs?: { scope?: OtlpScope; logRecords?: OtlpLogRecord[] }[] }[];
}

/** Flattens an OTLP/JSON logs request into log records, in the order sent. */
export function decodeLogs(request: OtlpLogsRequest): LogRecord[] {
  const result: LogRecord[] = [];
  for (const resourceLogs of request.resourceLogs ?? []) {
    const resource = decodeAttributes(resourceLogs.resource?.attributes);
    const serviceName = typeof resource["service.name"] === "string" ? resource["service.name"] : undefined;
    for (const scopeLogs of resourceLogs.scopeLogs ?? []) {
      const scope = { name: scopeLogs.scope?.name ?? "", version: scopeLogs.scope?.version || undefined };
      for (const log of scopeLogs.logRecords ?? []) {
        result.push({
          timeUnixNano: decodeLongString(log.timeUnixNano),
          observedTimeUnixNano: decodeLongString(log.observedTimeUnixNano),
          severityNumber: log.severityNumber ?? 0,
          severityText: log.severityText ?? "",
          body: decodeAnyValue(log.body),
          attributes: decodeAttributes(log.attributes),
          traceId: decodeId(log.traceId, 16),
          spanId: decodeId(log.spanId, 8),
          eventName: log.eventName || undefined,
          resource,
          serviceName,
          scope,
        });
      }
    }
  }
  return result;
}

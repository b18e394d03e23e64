import { type Attributes, decodeAttributes, decodeLong, decodeLongString } from "./decode-any-value.js";
import type { OtlpKeyValue, OtlpLong, OtlpResource, OtlpScope } from "./otlp-json.js";

/** The metric data kinds OTLP carries. */
export type MetricType = "sum" | "gauge" | "histogram" | "exponentialHistogram" | "summary";

/**
 * One received data point with its metric's name, unit, type, resource and scope. Flat because
 * tests ask "what is the value of `model_policy.calls` for task X", not about OTLP's nesting.
 * Sums and gauges set `value`; histograms and summaries set `count` and `sum` (and histograms
 * `bucketCounts`/`explicitBounds`, `min`/`max` when sent).
 */
export interface MetricPoint {
  name: string;
  description: string;
  unit: string;
  type: MetricType;
  attributes: Attributes;
  value?: number;
  count?: number;
  sum?: number;
  min?: number;
  max?: number;
  bucketCounts?: number[];
  explicitBounds?: number[];
  /** Sums only. */
  isMonotonic?: boolean;
  /** 1 delta, 2 cumulative (sums and histograms). */
  aggregationTemporality?: number;
  startTimeUnixNano: string;
  timeUnixNano: string;
  resource: Attributes;
  serviceName: string | undefined;
  scope: { name: string; version: string | undefined };
}

interface OtlpDataPoint {
  attributes?: OtlpKeyValue[];
  startTimeUnixNano?: OtlpLong;
  timeUnixNano?: OtlpLong;
  asDouble?: number | string;
  asInt?: OtlpLong;
  count?: OtlpLong;
  sum?: number;
  min?: number;
  max?: number;
  bucketCounts?: OtlpLong[];
  explicitBounds?: number[];
}

interface OtlpPoints {
  dataPoints?: OtlpDataPoint[];
  aggregationTemporality?: number;
  isMonotonic?: boolean;
}

interface OtlpMetric {
  name?: string;
  description?: string;
  unit?: string;
  sum?: OtlpPoints;
  gauge?: OtlpPoints;
  histogram?: OtlpPoints;
  exponentialHistogram?: OtlpPoints;
  summary?: OtlpPoints;
}

/** The body of `POST /v1/metrics` (`ExportMetricsServiceRequest`) in OTLP/JSON. */
export interface OtlpMetricsRequest {
  resourceMetrics?: { resource?: OtlpResource; scopeMetrics?: { scope?: OtlpScope; metrics?: OtlpMetric[] }[] }[];
}

const TYPES: MetricType[] = ["sum", "gauge", "histogram", "exponentialHistogram", "summary"];

/** Copies the type-specific values of one data point onto its record. */
function addValues(record: MetricPoint, point: OtlpDataPoint, points: OtlpPoints): void {
  if (record.type === "sum" || record.type === "gauge") {
    record.value = point.asDouble !== undefined ? Number(point.asDouble) : decodeLong(point.asInt);
  } else {
    record.count = decodeLong(point.count);
    if (point.sum !== undefined) record.sum = point.sum;
    if (point.min !== undefined) record.min = point.min;
    if (point.max !== undefined) record.max = point.max;
    if (point.bucketCounts) record.bucketCounts = point.bucketCounts.map(decodeLong);
    if (point.explicitBounds) record.explicitBounds = point.explicitBounds;
  }
  if (points.isMonotonic !== undefined) record.isMonotonic = points.isMonotonic;
  if (points.aggregationTemporality !== undefined) record.aggregationTemporality = points.aggregationTemporality;
}

/** Flattens an OTLP/JSON metrics request into one record per data point, in the order sent. */
export function decodeMetrics(request: OtlpMetricsRequest): MetricPoint[] {
  const result: MetricPoint[] = [];
  for (const resourceMetrics of request.resourceMetrics ?? []) {
    const resource = decodeAttributes(resourceMetrics.resource?.attributes);
    const serviceName = typeof resource["service.name"] === "string" ? resource["service.name"] : undefined;
    for (const scopeMetrics of resourceMetrics.scopeMetrics ?? []) {
      const scope = { name: scopeMetrics.scope?.name ?? "", version: scopeMetrics.scope?.version || undefined };
      for (const metric of scopeMetrics.metrics ?? []) {
        const type = TYPES.find((candidate) => metric[candidate] !== undefined);
        if (type === undefined) continue;
        const points = metric[type]!;
        for (const point of points.dataPoints ?? []) {
          const record: MetricPoint = {
            name: metric.name ?? "",
            description: metric.description ?? "",
            unit: metric.unit ?? "",
            type,
            attributes: decodeAttributes(point.attributes),
            startTimeUnixNano: decodeLongString(point.startTimeUnixNano),
            timeUnixNano: decodeLongString(point.timeUnixNano),
            resource,
            serviceName,
            scope,
          };
          addValues(record, point, points);
          result.push(record);
        }
      }
    }
  }
  return result;
}

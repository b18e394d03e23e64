import type { RouteKind } from "@modelpolicy/core";
import type { ExampleResult } from "../example-result.js";
import {
  classificationMetrics,
  commonMetrics,
  draftingMetrics,
  exceptionMetrics,
  extractionMetrics,
  riskMetrics,
} from "./kind-metrics.js";
import type { MetricValue } from "./metric-catalogue.js";

/** One route's metrics: those of its kind first, then the ones every route has. */
export interface RouteMetrics {
  readonly route: string;
  readonly kind: RouteKind;
  readonly examples: number;
  /** Examples whose suite code threw (not counted in the routed-call metrics). */
  readonly suiteErrors: number;
  readonly metrics: readonly MetricValue[];
}

const BY_KIND: Readonly<Record<RouteKind, (results: readonly ExampleResult[]) => MetricValue[]>> = {
  classification: classificationMetrics,
  extraction: extractionMetrics,
  risk: riskMetrics,
  drafting: draftingMetrics,
  exception: exceptionMetrics,
};

/** Metrics of one route from its result lines. */
export function routeMetrics(route: string, kind: RouteKind, results: readonly ExampleResult[]): RouteMetrics {
  return {
    route,
    kind,
    examples: results.length,
    suiteErrors: results.filter((result) => result.outcome === "error").length,
    metrics: [...BY_KIND[kind](results), ...commonMetrics(results)],
  };
}

/** A metric's value in a route's metrics, `undefined` when the route's kind has no such metric. */
export function metricOf(metrics: RouteMetrics, key: MetricValue["key"]): MetricValue | undefined {
  return metrics.metrics.find((metric) => metric.key === key);
}

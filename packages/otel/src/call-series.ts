import type { RoutedCall, RouteRecord } from "@modelpolicy/core";
import {
  ATTR_MODEL_POLICY_COST_KNOWN,
  ATTR_MODEL_POLICY_FALLBACK_USED,
  ATTR_MODEL_POLICY_ID,
  ATTR_MODEL_POLICY_MODEL_SERVED,
  ATTR_MODEL_POLICY_OUTCOME,
  ATTR_MODEL_POLICY_REVIEW_TRIGGERED,
  ATTR_MODEL_POLICY_TASK,
  ATTR_MODEL_POLICY_VERSION,
} from "@modelpolicy/core/conventions";
import type { Attributes } from "@opentelemetry/api";
import { ATTR_GEN_AI_TOKEN_TYPE, GEN_AI_TOKEN_TYPE_VALUE_INPUT, GEN_AI_TOKEN_TYPE_VALUE_OUTPUT } from "./semconv.js";

/**
 * Label sets kept per table before further ones fold into one overflow series, as the metrics
 * SDK does with its default cardinality limit: an open-ended task set (the unknown-task route)
 * must not grow memory without bound.
 */
export const MAX_CALL_SERIES = 2000;

/** The attribute the metrics SDK puts on its overflow series; we use the same one. */
const OVERFLOW_ATTRIBUTES: Attributes = Object.freeze({ "otel.metric.overflow": true });

/**
 * One label set of the routed-call counters (`model_policy.calls`, `.tokens`, `.cost`) with its
 * cumulative sums since the meter provider was first used. The attribute objects are built once
 * and frozen: the metrics SDK keeps a recorded attribute set by reference as its series key.
 */
export interface CallSeries {
  readonly attributes: Attributes;
  /**
   * The labels of the call-duration histogram: task, policy id and version, served model and
   * outcome, the ones `modelpolicy cost` groups quantiles by. The fallback, review and cost-known
   * flags stay on the counters: on a histogram they would multiply every bucket series by up to
   * eight and make each record's attribute hash longer, for no question anyone asks of them.
   */
  readonly durationAttributes: Attributes;
  readonly inputTokenAttributes: Attributes;
  readonly outputTokenAttributes: Attributes;
  calls: number;
  /** Set once a call with a record was counted: failed calls without one add no tokens. */
  hasTokens: boolean;
  inputTokens: number;
  outputTokens: number;
  /** Set once a priced cost was added, so an unpriced series exports no cost point at all. */
  hasCost: boolean;
  costUsd: number;
}

/**
 * The routed-call counters aggregated in process and read by `ObservableCounter` callbacks at
 * collection time. A counter `add` through the SDK sorts and JSON-encodes its attribute set on
 * every call; this costs one string key and one `Map` lookup per call, and the same sums reach
 * every exporter (the figures: docs/decisions/2026-11-30-otel-hot-path.md).
 */
export class CallSeriesTable {
  private readonly series = new Map<string, CallSeries>();
  private overflow: CallSeries | undefined;

  /**
   * Counts one routed call (its record is missing when the call failed before having one) and
   * returns its series, whose labels the call-duration histogram reuses.
   */
  add(call: RoutedCall, record: RouteRecord | undefined): CallSeries {
    const series = this.seriesOf(call, record);
    series.calls += 1;
    if (record === undefined) return series;
    series.hasTokens = true;
    series.inputTokens += record.usage.inputTokens;
    series.outputTokens += record.usage.outputTokens;
    if (record.costUsd !== null && Number.isFinite(record.costUsd)) {
      series.hasCost = true;
      series.costUsd += record.costUsd;
    }
    return series;
  }

  /** Every series, the overflow series last. */
  *[Symbol.iterator](): IterableIterator<CallSeries> {
    yield* this.series.values();
    if (this.overflow !== undefined) yield this.overflow;
  }

  private seriesOf(call: RoutedCall, record: RouteRecord | undefined): CallSeries {
    const outcome = record?.outcome ?? "failed";
    const fallbackUsed = record?.fallback.used ?? false;
    const reviewTriggered = record?.review.triggered ?? false;
    const costKnown = record !== undefined && record.costUsd !== null;
    const served = record?.modelServed;
    const flags = (fallbackUsed ? 1 : 0) + (reviewTriggered ? 2 : 0) + (costKnown ? 4 : 0);
    const key = `${call.task}\u0000${call.policy.id}\u0000${call.policy.version}\u0000${outcome}\u0000${flags}\u0000${served ?? "\u0001"}`;
    const found = this.series.get(key);
    if (found !== undefined) return found;
    if (this.series.size >= MAX_CALL_SERIES) {
      this.overflow ??= newSeries(OVERFLOW_ATTRIBUTES);
      return this.overflow;
    }
    const duration: Attributes = {};
    duration[ATTR_MODEL_POLICY_TASK] = call.task;
    duration[ATTR_MODEL_POLICY_ID] = call.policy.id;
    duration[ATTR_MODEL_POLICY_VERSION] = call.policy.version;
    duration[ATTR_MODEL_POLICY_OUTCOME] = outcome;
    if (served !== undefined) duration[ATTR_MODEL_POLICY_MODEL_SERVED] = served;
    const attributes: Attributes = { ...duration };
    attributes[ATTR_MODEL_POLICY_FALLBACK_USED] = fallbackUsed;
    attributes[ATTR_MODEL_POLICY_REVIEW_TRIGGERED] = reviewTriggered;
    // Lets a cost query over Prometheus tell "no cost" from "cost unknown", as the ledger does.
    attributes[ATTR_MODEL_POLICY_COST_KNOWN] = costKnown;
    const created = newSeries(Object.freeze(attributes), Object.freeze(duration));
    this.series.set(key, created);
    return created;
  }
}

function newSeries(attributes: Attributes, durationAttributes: Attributes = attributes): CallSeries {
  return {
    attributes,
    durationAttributes,
    inputTokenAttributes: Object.freeze({ ...attributes, [ATTR_GEN_AI_TOKEN_TYPE]: GEN_AI_TOKEN_TYPE_VALUE_INPUT }),
    outputTokenAttributes: Object.freeze({ ...attributes, [ATTR_GEN_AI_TOKEN_TYPE]: GEN_AI_TOKEN_TYPE_VALUE_OUTPUT }),
    calls: 0,
    hasTokens: false,
    inputTokens: 0,
    outputTokens: 0,
    hasCost: false,
    costUsd: 0,
  };
}

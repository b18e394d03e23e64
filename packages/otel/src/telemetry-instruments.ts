import type { AttemptCall, AttemptRecord, RoutedCall, RouteRecord } from "@modelpolicy/core";
import {
  METRIC_MODEL_POLICY_CALLS,
  METRIC_MODEL_POLICY_COST,
  METRIC_MODEL_POLICY_DURATION,
  METRIC_MODEL_POLICY_TOKENS,
} from "@modelpolicy/core/conventions";
import { type Attributes, type Histogram, type MeterProvider, metrics, ValueType } from "@opentelemetry/api";
import { reportedUsage } from "./attempt-attributes.js";
import { CallSeriesTable } from "./call-series.js";
import { isEmbeddingsAttempt } from "./embeddings-attributes.js";
import { endpointOf } from "./provider-attributes.js";
import {
  ATTR_ERROR_TYPE,
  ATTR_GEN_AI_OPERATION_NAME,
  ATTR_GEN_AI_PROVIDER_NAME,
  ATTR_GEN_AI_REQUEST_MODEL,
  ATTR_GEN_AI_RESPONSE_MODEL,
  ATTR_GEN_AI_TOKEN_TYPE,
  ATTR_SERVER_ADDRESS,
  ATTR_SERVER_PORT,
  GEN_AI_OPERATION_DURATION_BUCKETS,
  GEN_AI_OPERATION_NAME_VALUE_CHAT,
  GEN_AI_OPERATION_NAME_VALUE_EMBEDDINGS,
  GEN_AI_TOKEN_TYPE_VALUE_INPUT,
  GEN_AI_TOKEN_TYPE_VALUE_OUTPUT,
  GEN_AI_TOKEN_USAGE_BUCKETS,
  METRIC_GEN_AI_CLIENT_OPERATION_DURATION,
  METRIC_GEN_AI_CLIENT_OPERATION_TIME_TO_FIRST_CHUNK,
  METRIC_GEN_AI_CLIENT_TOKEN_USAGE,
  SEMCONV_SCHEMA_URL,
} from "./semconv.js";
import type { TelemetryErrorHandler } from "./telemetry-error-handler.js";
import { INSTRUMENTATION_NAME, INSTRUMENTATION_VERSION } from "./version.js";

interface Instruments {
  readonly tokenUsage: Histogram;
  readonly operationDuration: Histogram;
  readonly timeToFirstChunk: Histogram;
  readonly duration: Histogram;
  /** `model_policy.calls`, `.tokens` and `.cost`, read from here at collection time. */
  readonly calls: CallSeriesTable;
}

/**
 * A histogram point waiting for the next batch, its value and labels worked out already: the
 * queue holds no call or record, so nothing large outlives the call waiting for it.
 */
interface PendingPoint {
  readonly histogram: Histogram;
  readonly value: number;
  readonly attributes: Attributes;
}

/**
 * Points queued before they are recorded at once even if no `setImmediate` ran yet (an event
 * loop kept busy by microtasks alone), so the queue stays bounded.
 */
const MAX_PENDING = 1024;

/**
 * The GenAI client histograms and the `model_policy.*` metrics of one middleware. Instruments
 * are created once per meter provider, on first use: the global metrics API has no proxy, so a
 * middleware built at import time, before `startTelemetry()` registered a provider, would
 * otherwise record into a no-op meter forever. With an explicit provider the check is a single
 * reference comparison per record.
 *
 * Per call this adds the call to an in-process {@link CallSeriesTable} that `ObservableCounter`s
 * report at collection time, and records four histogram points (attempt duration, attempt input
 * and output tokens, call duration). The SDK hashes each point's attributes, so the points are
 * recorded off the caller's path: queued with their values and labels and recorded in one
 * `setImmediate` batch; the collection callback records whatever is still queued before the
 * reader reads, so a `forceFlush()` or `shutdown()` of the meter provider loses nothing. What
 * the table and the queue save per call, measured against plain counter adds and records on the
 * caller's path: docs/decisions/2026-11-30-otel-hot-path.md.
 */
export class TelemetryInstruments {
  private provider: MeterProvider | undefined;
  private instruments: MeterInstruments | undefined;

  constructor(
    private readonly explicitProvider: MeterProvider | undefined,
    private readonly report: TelemetryErrorHandler,
  ) {}

  /** Queues one attempt's duration and, when the provider billed any, its token counts. */
  recordAttempt(attempt: AttemptCall, record: AttemptRecord): void {
    this.current().recordAttempt(attempt, record);
  }

  /**
   * Queues one routed call: its count, duration, tokens, and its cost when every attempt's price
   * was known. The fallback and review flags are labels so that Prometheus answers the same
   * rates as the ledger (`modelpolicy cost --prometheus`).
   */
  recordCall(call: RoutedCall, record: RouteRecord | undefined): void {
    this.current().recordCall(call, record);
  }

  private current(): MeterInstruments {
    const provider = this.explicitProvider ?? metrics.getMeterProvider();
    if (this.instruments === undefined || provider !== this.provider) {
      this.instruments?.drain();
      this.instruments = new MeterInstruments(provider, this.report);
      this.provider = provider;
    }
    return this.instruments;
  }
}

/** The instruments of one meter provider and the histogram points queued for them. */
class MeterInstruments {
  private readonly instruments: Instruments;
  private pending: PendingPoint[] = [];
  private scheduled = false;

  constructor(
    provider: MeterProvider,
    private readonly report: TelemetryErrorHandler,
  ) {
    this.instruments = createInstruments(provider, this.drain);
  }

  recordAttempt(attempt: AttemptCall, record: AttemptRecord): void {
    const { operationDuration, timeToFirstChunk, tokenUsage } = this.instruments;
    const labels = attemptLabels(attempt, record);
    this.queue(operationDuration, record.durationMs / 1000, labels);
    if (record.timeToFirstChunkMs !== undefined) this.queue(timeToFirstChunk, record.timeToFirstChunkMs / 1000, labels);
    const usage = reportedUsage(record);
    if (usage === undefined) return;
    this.queue(tokenUsage, usage.inputTokens, { ...labels, [ATTR_GEN_AI_TOKEN_TYPE]: GEN_AI_TOKEN_TYPE_VALUE_INPUT });
    // Embeddings have input tokens only: a zero output point would skew the output histogram.
    if (isEmbeddingsAttempt(attempt)) return;
    this.queue(tokenUsage, usage.outputTokens, { ...labels, [ATTR_GEN_AI_TOKEN_TYPE]: GEN_AI_TOKEN_TYPE_VALUE_OUTPUT });
  }

  /** Counts the call in the series table at once; its duration point waits for the batch. */
  recordCall(call: RoutedCall, record: RouteRecord | undefined): void {
    const series = this.instruments.calls.add(call, record);
    if (record !== undefined)
      this.queue(this.instruments.duration, record.durationMs / 1000, series.durationAttributes);
  }

  /** Records everything queued; a point that fails is reported and costs only that point. */
  readonly drain = (): void => {
    this.scheduled = false;
    const pending = this.pending;
    if (pending.length === 0) return;
    this.pending = [];
    for (const point of pending) {
      try {
        point.histogram.record(point.value, point.attributes);
      } catch (problem) {
        this.report("could not record a metric point", problem);
      }
    }
  };

  private queue(histogram: Histogram, value: number, attributes: Attributes): void {
    this.pending.push({ histogram, value, attributes });
    if (this.pending.length >= MAX_PENDING) {
      this.drain();
      return;
    }
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(this.drain);
  }
}

/** An attempt's metric labels: operation, provider, model, served model, error type and server. */
function attemptLabels(attempt: AttemptCall, record: AttemptRecord): Attributes {
  const labels: Attributes = {
    [ATTR_GEN_AI_OPERATION_NAME]: isEmbeddingsAttempt(attempt)
      ? GEN_AI_OPERATION_NAME_VALUE_EMBEDDINGS
      : GEN_AI_OPERATION_NAME_VALUE_CHAT,
    [ATTR_GEN_AI_PROVIDER_NAME]: attempt.provider,
    [ATTR_GEN_AI_REQUEST_MODEL]: attempt.model,
  };
  if (record.servedModel !== undefined) labels[ATTR_GEN_AI_RESPONSE_MODEL] = record.servedModel;
  if (record.outcome !== "ok") labels[ATTR_ERROR_TYPE] = record.errorClass ?? "_OTHER";
  const endpoint = endpointOf(attempt);
  if (endpoint !== undefined) {
    labels[ATTR_SERVER_ADDRESS] = endpoint.address;
    if (endpoint.port !== undefined) labels[ATTR_SERVER_PORT] = endpoint.port;
  }
  return labels;
}

/**
 * Creates the instruments on the provider's meter. `beforeCollect` runs in the collection
 * callback, which the SDK calls before it reads the synchronous instruments' storage.
 */
function createInstruments(provider: MeterProvider, beforeCollect: () => void): Instruments {
  const meter = provider.getMeter(INSTRUMENTATION_NAME, INSTRUMENTATION_VERSION, { schemaUrl: SEMCONV_SCHEMA_URL });
  const table = new CallSeriesTable();
  const calls = meter.createObservableCounter(METRIC_MODEL_POLICY_CALLS, {
    description: "Routed calls by task, policy, served model and outcome.",
    unit: "{call}",
    valueType: ValueType.INT,
  });
  const cost = meter.createObservableCounter(METRIC_MODEL_POLICY_COST, {
    description: "Priced cost of routed calls, failed attempts included; calls of unknown cost are not added.",
    unit: "USD",
  });
  const tokens = meter.createObservableCounter(METRIC_MODEL_POLICY_TOKENS, {
    description: "Tokens of routed calls, summed over attempts, by token type.",
    unit: "{token}",
    valueType: ValueType.INT,
  });
  meter.addBatchObservableCallback(
    (result) => {
      beforeCollect();
      for (const series of table) {
        result.observe(calls, series.calls, series.attributes);
        if (series.hasTokens) {
          result.observe(tokens, series.inputTokens, series.inputTokenAttributes);
          result.observe(tokens, series.outputTokens, series.outputTokenAttributes);
        }
        if (series.hasCost) result.observe(cost, series.costUsd, series.attributes);
      }
    },
    [calls, cost, tokens],
  );
  return {
    tokenUsage: meter.createHistogram(METRIC_GEN_AI_CLIENT_TOKEN_USAGE, {
      description: "Number of input and output tokens used.",
      unit: "{token}",
      valueType: ValueType.INT,
      advice: { explicitBucketBoundaries: [...GEN_AI_TOKEN_USAGE_BUCKETS] },
    }),
    operationDuration: meter.createHistogram(METRIC_GEN_AI_CLIENT_OPERATION_DURATION, {
      description: "GenAI operation duration.",
      unit: "s",
      advice: { explicitBucketBoundaries: [...GEN_AI_OPERATION_DURATION_BUCKETS] },
    }),
    timeToFirstChunk: meter.createHistogram(METRIC_GEN_AI_CLIENT_OPERATION_TIME_TO_FIRST_CHUNK, {
      description: "Time to receive the first chunk of a streamed response.",
      unit: "s",
      advice: { explicitBucketBoundaries: [...GEN_AI_OPERATION_DURATION_BUCKETS] },
    }),
    duration: meter.createHistogram(METRIC_MODEL_POLICY_DURATION, {
      description: "Routed-call duration, retries and fallbacks included.",
      unit: "s",
      advice: { explicitBucketBoundaries: [...GEN_AI_OPERATION_DURATION_BUCKETS] },
    }),
    calls: table,
  };
}

import type { AttemptCall, AttemptRecord, RoutedCall, RouteRecord } from "@modelpolicy/core";
import {
  type Attributes,
  type Counter,
  type Histogram,
  type MeterProvider,
  metrics,
  ValueType,
} from "@opentelemetry/api";
import {
  ATTR_MODEL_POLICY_COST_KNOWN,
  ATTR_MODEL_POLICY_FALLBACK_USED,
  ATTR_MODEL_POLICY_ID,
  ATTR_MODEL_POLICY_MODEL_SERVED,
  ATTR_MODEL_POLICY_OUTCOME,
  ATTR_MODEL_POLICY_REVIEW_TRIGGERED,
  ATTR_MODEL_POLICY_TASK,
  ATTR_MODEL_POLICY_VERSION,
  METRIC_MODEL_POLICY_CALLS,
  METRIC_MODEL_POLICY_COST,
  METRIC_MODEL_POLICY_DURATION,
  METRIC_MODEL_POLICY_TOKENS,
} from "./attributes.js";
import {
  ATTR_ERROR_TYPE,
  ATTR_GEN_AI_OPERATION_NAME,
  ATTR_GEN_AI_PROVIDER_NAME,
  ATTR_GEN_AI_REQUEST_MODEL,
  ATTR_GEN_AI_RESPONSE_MODEL,
  ATTR_GEN_AI_TOKEN_TYPE,
  GEN_AI_OPERATION_DURATION_BUCKETS,
  GEN_AI_OPERATION_NAME_VALUE_CHAT,
  GEN_AI_TOKEN_TYPE_VALUE_INPUT,
  GEN_AI_TOKEN_TYPE_VALUE_OUTPUT,
  GEN_AI_TOKEN_USAGE_BUCKETS,
  METRIC_GEN_AI_CLIENT_OPERATION_DURATION,
  METRIC_GEN_AI_CLIENT_TOKEN_USAGE,
} from "./semconv.js";
import { INSTRUMENTATION_NAME, INSTRUMENTATION_VERSION } from "./version.js";

interface Instruments {
  readonly tokenUsage: Histogram;
  readonly operationDuration: Histogram;
  readonly calls: Counter;
  readonly cost: Counter;
  readonly tokens: Counter;
  readonly duration: Histogram;
}

/**
 * The GenAI client histograms and the `model_policy.*` counters of one middleware. Instruments
 * are created once per meter provider, on first use: the global metrics API has no proxy, so a
 * middleware built at import time, before `startTelemetry()` registered a provider, would
 * otherwise record into a no-op meter forever. With an explicit provider the check is a single
 * reference comparison per record.
 */
export class TelemetryInstruments {
  private provider: MeterProvider | undefined;
  private instruments: Instruments | undefined;

  constructor(private readonly explicitProvider: MeterProvider | undefined) {}

  /** One attempt's duration and, when the provider billed any, its token counts. */
  recordAttempt(attempt: AttemptCall, record: AttemptRecord): void {
    const instruments = this.current();
    const attributes: Attributes = {
      [ATTR_GEN_AI_OPERATION_NAME]: GEN_AI_OPERATION_NAME_VALUE_CHAT,
      [ATTR_GEN_AI_PROVIDER_NAME]: attempt.provider,
      [ATTR_GEN_AI_REQUEST_MODEL]: attempt.model,
    };
    if (record.servedModel !== undefined) attributes[ATTR_GEN_AI_RESPONSE_MODEL] = record.servedModel;
    if (record.outcome !== "ok") attributes[ATTR_ERROR_TYPE] = record.errorClass ?? "_OTHER";
    instruments.operationDuration.record(record.durationMs / 1000, attributes);
    const { inputTokens, outputTokens } = record.usage;
    if (record.outcome === "ok" || inputTokens + outputTokens > 0) {
      // Fresh objects: the SDK keeps a recorded attribute set by reference as its series key.
      instruments.tokenUsage.record(inputTokens, {
        ...attributes,
        [ATTR_GEN_AI_TOKEN_TYPE]: GEN_AI_TOKEN_TYPE_VALUE_INPUT,
      });
      instruments.tokenUsage.record(outputTokens, {
        ...attributes,
        [ATTR_GEN_AI_TOKEN_TYPE]: GEN_AI_TOKEN_TYPE_VALUE_OUTPUT,
      });
    }
  }

  /**
   * One routed call: its count, duration, tokens, and its cost when every attempt's price was
   * known. The fallback and review flags are labels so that Prometheus answers the same rates
   * as the ledger (`modelpolicy cost --prometheus`).
   */
  recordCall(call: RoutedCall, record: RouteRecord | undefined): void {
    const instruments = this.current();
    const attributes: Attributes = {
      [ATTR_MODEL_POLICY_TASK]: call.task,
      [ATTR_MODEL_POLICY_ID]: call.policy.id,
      [ATTR_MODEL_POLICY_VERSION]: call.policy.version,
      [ATTR_MODEL_POLICY_OUTCOME]: record?.outcome ?? "failed",
      [ATTR_MODEL_POLICY_FALLBACK_USED]: record?.fallback.used ?? false,
      [ATTR_MODEL_POLICY_REVIEW_TRIGGERED]: record?.review.triggered ?? false,
      // Lets a cost query over Prometheus tell "no cost" from "cost unknown", as the ledger does.
      [ATTR_MODEL_POLICY_COST_KNOWN]: record !== undefined && record.costUsd !== null,
    };
    if (record?.modelServed !== undefined) attributes[ATTR_MODEL_POLICY_MODEL_SERVED] = record.modelServed;
    instruments.calls.add(1, attributes);
    if (record === undefined) return;
    instruments.duration.record(record.durationMs / 1000, attributes);
    instruments.tokens.add(record.usage.inputTokens, {
      ...attributes,
      [ATTR_GEN_AI_TOKEN_TYPE]: GEN_AI_TOKEN_TYPE_VALUE_INPUT,
    });
    instruments.tokens.add(record.usage.outputTokens, {
      ...attributes,
      [ATTR_GEN_AI_TOKEN_TYPE]: GEN_AI_TOKEN_TYPE_VALUE_OUTPUT,
    });
    if (record.costUsd !== null && Number.isFinite(record.costUsd)) {
      instruments.cost.add(record.costUsd, attributes);
    }
  }

  private current(): Instruments {
    const provider = this.explicitProvider ?? metrics.getMeterProvider();
    if (this.instruments === undefined || provider !== this.provider) {
      this.instruments = createInstruments(provider);
      this.provider = provider;
    }
    return this.instruments;
  }
}

function createInstruments(provider: MeterProvider): Instruments {
  const meter = provider.getMeter(INSTRUMENTATION_NAME, INSTRUMENTATION_VERSION);
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
    calls: meter.createCounter(METRIC_MODEL_POLICY_CALLS, {
      description: "Routed calls by task, policy, served model and outcome.",
      unit: "{call}",
      valueType: ValueType.INT,
    }),
    cost: meter.createCounter(METRIC_MODEL_POLICY_COST, {
      description: "Priced cost of routed calls, failed attempts included; calls of unknown cost are not added.",
      unit: "USD",
    }),
    tokens: meter.createCounter(METRIC_MODEL_POLICY_TOKENS, {
      description: "Tokens of routed calls, summed over attempts, by token type.",
      unit: "{token}",
      valueType: ValueType.INT,
    }),
    duration: meter.createHistogram(METRIC_MODEL_POLICY_DURATION, {
      description: "Routed-call duration, retries and fallbacks included.",
      unit: "s",
      advice: { explicitBucketBoundaries: [...GEN_AI_OPERATION_DURATION_BUCKETS] },
    }),
  };
}

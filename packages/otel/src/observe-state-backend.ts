import {
  METRIC_MODEL_POLICY_STATE_LOCAL_DECISIONS,
  METRIC_MODEL_POLICY_STATE_OUTAGES,
} from "@modelpolicy/core/conventions";
import { type MeterProvider, metrics, type ObservableResult } from "@opentelemetry/api";
import { SEMCONV_SCHEMA_URL } from "./semconv.js";
import { INSTRUMENTATION_NAME, INSTRUMENTATION_VERSION } from "./version.js";

/**
 * What a shared state backend counts about itself, as `@modelpolicy/redis`'s `stats()` returns
 * it. Structural, so this package depends on no backend.
 */
export interface StateBackendStatsSource {
  stats(): { readonly outages: number; readonly localDecisions: number };
}

/** Options of {@link observeStateBackend}. */
export interface ObserveStateBackendOptions {
  /** Where the counters go; the global meter provider when absent. */
  meterProvider?: MeterProvider;
}

/**
 * Reports a shared state backend's outages and local decisions as the observable counters
 * `model_policy.state.outages` and `model_policy.state.local_decisions`, read from its own
 * counters at collection time: a fleet sees how often Redis was out of reach and how many rate
 * decisions replicas took alone, and the call path pays nothing. Returns a function that stops
 * observing. A `stats()` that throws is skipped for that collection, never rethrown.
 */
export function observeStateBackend(
  source: StateBackendStatsSource,
  options: ObserveStateBackendOptions = {},
): () => void {
  const meter = (options.meterProvider ?? metrics.getMeterProvider()).getMeter(
    INSTRUMENTATION_NAME,
    INSTRUMENTATION_VERSION,
    { schemaUrl: SEMCONV_SCHEMA_URL },
  );
  const outages = meter.createObservableCounter(METRIC_MODEL_POLICY_STATE_OUTAGES, {
    unit: "{outage}",
    description: "Times the shared state backend went out of reach and this replica went on under local limits.",
  });
  const decisions = meter.createObservableCounter(METRIC_MODEL_POLICY_STATE_LOCAL_DECISIONS, {
    unit: "{decision}",
    description: "Rate-limit decisions taken on this replica's own share while the shared state was out of reach.",
  });
  const observe =
    (read: (stats: ReturnType<StateBackendStatsSource["stats"]>) => number) => (result: ObservableResult) => {
      try {
        result.observe(read(source.stats()));
      } catch {
        // Telemetry never breaks the host: a backend whose stats fail is simply not observed this time.
      }
    };
  const onOutages = observe((stats) => stats.outages);
  const onDecisions = observe((stats) => stats.localDecisions);
  outages.addCallback(onOutages);
  decisions.addCallback(onDecisions);
  return () => {
    outages.removeCallback(onOutages);
    decisions.removeCallback(onDecisions);
  };
}

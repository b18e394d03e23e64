import {
  type AttemptCall,
  type AttemptResult,
  type RoutedCall,
  RoutedCallError,
  type RouteRecord,
  type RouteResult,
  type RouterMiddleware,
} from "@modelpolicy/core";
import {
  type Context,
  context,
  type MeterProvider,
  type Span,
  SpanKind,
  type Tracer,
  type TracerProvider,
  trace,
} from "@opentelemetry/api";
import {
  attemptEndAttributes,
  attemptStartAttributes,
  deferredAttemptEndAttributes,
  deferredAttemptStartAttributes,
} from "./attempt-attributes.js";
import { callStartOf } from "./call-start.js";
import { decisionEvents } from "./decision-events.js";
import { embeddingsEndAttributes, embeddingsStartAttributes, isEmbeddingsAttempt } from "./embeddings-attributes.js";
import { errorTypeOf } from "./error-type.js";
import { GenAiChildSpanWatch } from "./genai-child-span-watch.js";
import { captureContentFromEnvironment } from "./message-content.js";
import { recordAttributes } from "./record-attributes.js";
import { SEMCONV_SCHEMA_URL } from "./semconv.js";
import { abandon, endSpan, markFailed, runInContext } from "./span-lifecycle.js";
import { safeErrorHandler, type TelemetryErrorHandler } from "./telemetry-error-handler.js";
import { TelemetryInstruments } from "./telemetry-instruments.js";
import { INSTRUMENTATION_NAME, INSTRUMENTATION_VERSION } from "./version.js";

/**
 * Whether attempt spans are GenAI client spans. `always`: every attempt is a CLIENT `chat {model}`
 * span with `gen_ai.*` attributes and usage, and feeds the `gen_ai.client.*` metrics. `never`:
 * every attempt is an INTERNAL `attempt {model}` span with only `model_policy.attempt.*` (and
 * `error.type`), and feeds no `gen_ai.client.*` metric, for apps whose GenAI client
 * instrumentation reports each model call. `auto` (the default): like `always` until an attempt
 * of a provider is seen to run under a GenAI client span of another instrumentation; from then on
 * that provider's attempts are as with `never`. The attempt on which it is seen keeps its CLIENT
 * kind but gets no usage and records no GenAI metric, so no call is counted twice.
 */
export type GenAiAttemptSpans = "auto" | "always" | "never";

/** How {@link createTelemetryMiddleware} reports; every field is optional. */
export interface TelemetryMiddlewareOptions {
  /** Where spans go; defaults to the global provider, resolved lazily so later registration works. */
  tracerProvider?: TracerProvider;
  /** Where metrics go; defaults to the global provider at the time of each record. */
  meterProvider?: MeterProvider;
  /**
   * Record prompts and completions (`gen_ai.input.messages` / `gen_ai.output.messages`) on
   * attempt spans. Defaults to `OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT=true`.
   */
  captureMessageContent?: boolean;
  /**
   * Whether attempt spans and metrics are the GenAI client ones or leave that to a GenAI client
   * instrumentation (`@opentelemetry/instrumentation-openai`) that runs too. Default `auto`.
   */
  genAiAttemptSpans?: GenAiAttemptSpans;
  /** Receives telemetry failures, which are swallowed; defaults to `diag.error`. */
  onError?: TelemetryErrorHandler;
}

/**
 * The router middleware that makes every routed call visible: one INTERNAL span `route {task}`
 * per call carrying the `model_policy.*` contract and the router's decisions as span events
 * (retry, skipped attempt, fallback step, budget escalation, review), one CLIENT span per
 * provider attempt under it following the GenAI client conventions (unless a GenAI client
 * instrumentation reports the model calls itself, see {@link GenAiAttemptSpans}), and the GenAI
 * and `model_policy.*` metrics. Both spans are made active while the router works, so spans of
 * HTTP or vendor-SDK instrumentations nest inside. It observes and never decides: every telemetry failure is reported to `onError` and
 * the call's value or error passes through unchanged. It never registers a global provider.
 */
export function createTelemetryMiddleware(options: TelemetryMiddlewareOptions = {}): RouterMiddleware {
  const report = safeErrorHandler(options.onError);
  const instruments = new TelemetryInstruments(options.meterProvider, report);
  let captureContent = false;
  try {
    captureContent = options.captureMessageContent ?? captureContentFromEnvironment();
  } catch (error) {
    report("could not read the content-capture setting; content stays off", error);
  }
  const genAiAttemptSpans = options.genAiAttemptSpans ?? "auto";
  /** Providers whose attempts were seen under another instrumentation's GenAI client span. */
  const instrumentedProviders = new Set<string>();
  let tracer: Tracer | undefined;
  const tracerOf = (): Tracer => {
    tracer ??= (options.tracerProvider ?? trace.getTracerProvider()).getTracer(
      INSTRUMENTATION_NAME,
      INSTRUMENTATION_VERSION,
      { schemaUrl: SEMCONV_SCHEMA_URL },
    );
    return tracer;
  };

  const finishCall = (
    span: Span,
    call: RoutedCall,
    record: RouteRecord | undefined,
    error: unknown,
    failed: boolean,
  ) => {
    try {
      if (record !== undefined) span.setAttributes(recordAttributes(record));
      if (failed) markFailed(span, errorTypeOf(error, record), error, true);
    } catch (problem) {
      report("could not set the routed-call span's attributes", problem);
    }
    if (record !== undefined) {
      try {
        for (const event of decisionEvents(record)) span.addEvent(event.name, event.attributes, event.time);
      } catch (problem) {
        report("could not add the routed call's decision events", problem);
      }
    }
    endSpan(span, report);
    try {
      instruments.recordCall(call, record);
    } catch (problem) {
      report("could not queue the routed-call metrics", problem);
    }
  };

  /** `genAi` false: the attempt's GenAI span and metrics are another instrumentation's. */
  const finishAttempt = (
    span: Span,
    attempt: AttemptCall,
    result: AttemptResult | undefined,
    error: unknown,
    genAi: boolean,
  ) => {
    try {
      if (result === undefined) {
        markFailed(span, "_OTHER", error, true);
      } else {
        span.setAttributes(
          !genAi
            ? deferredAttemptEndAttributes(result)
            : isEmbeddingsAttempt(attempt)
              ? embeddingsEndAttributes(attempt, result)
              : attemptEndAttributes(attempt, result, captureContent),
        );
        if (result.record.outcome !== "ok") markFailed(span, result.record.errorClass ?? "_OTHER", undefined, false);
      }
    } catch (problem) {
      report("could not set the attempt span's attributes", problem);
    }
    endSpan(span, report);
    if (result === undefined || !genAi) return;
    try {
      instruments.recordAttempt(attempt, result.record);
    } catch (problem) {
      report("could not queue the attempt metrics", problem);
    }
  };

  return {
    name: INSTRUMENTATION_NAME,

    async onCall(call: RoutedCall, next: () => Promise<RouteResult<unknown>>): Promise<RouteResult<unknown>> {
      let span: Span | undefined;
      let spanContext: Context;
      try {
        const start = callStartOf(call);
        const parent = context.active();
        span = tracerOf().startSpan(start.spanName, { kind: SpanKind.INTERNAL, attributes: start.attributes }, parent);
        spanContext = trace.setSpan(parent, span);
      } catch (error) {
        abandon(span, error, report);
        return next();
      }
      let result: RouteResult<unknown>;
      try {
        result = await runInContext(spanContext, next, report);
      } catch (error) {
        finishCall(span, call, RoutedCallError.isInstance(error) ? error.record : undefined, error, true);
        throw error;
      }
      finishCall(span, call, result, undefined, false);
      return result;
    },

    async onAttempt(attempt: AttemptCall, next: () => Promise<AttemptResult>): Promise<AttemptResult> {
      let span: Span | undefined;
      let spanContext: Context;
      let watch: GenAiChildSpanWatch | undefined;
      const deferred =
        genAiAttemptSpans === "never" || (genAiAttemptSpans === "auto" && instrumentedProviders.has(attempt.provider));
      try {
        const parent = context.active();
        span = deferred
          ? tracerOf().startSpan(
              `attempt ${attempt.model}`,
              { kind: SpanKind.INTERNAL, attributes: deferredAttemptStartAttributes(attempt) },
              parent,
            )
          : tracerOf().startSpan(
              `${isEmbeddingsAttempt(attempt) ? "embeddings" : "chat"} ${attempt.model}`,
              {
                kind: SpanKind.CLIENT,
                attributes: isEmbeddingsAttempt(attempt)
                  ? embeddingsStartAttributes(attempt)
                  : attemptStartAttributes(attempt, captureContent),
              },
              parent,
            );
        spanContext = trace.setSpan(parent, span);
        if (genAiAttemptSpans === "auto" && !deferred) spanContext = watch = new GenAiChildSpanWatch(spanContext);
      } catch (error) {
        abandon(span, error, report);
        return next();
      }
      // Whether this attempt's GenAI span and metrics are ours; learns the provider on the way.
      const ownsGenAi = () => {
        if (deferred) return false;
        if (watch?.sawGenAiClientSpan !== true) return true;
        instrumentedProviders.add(attempt.provider);
        return false;
      };
      let result: AttemptResult;
      try {
        result = await runInContext(spanContext, next, report);
      } catch (error) {
        finishAttempt(span, attempt, undefined, error, ownsGenAi());
        throw error;
      }
      finishAttempt(span, attempt, result, undefined, ownsGenAi());
      return result;
    },
  };
}

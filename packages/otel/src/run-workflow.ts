import { ATTR_MODEL_POLICY_WORKFLOW_KEY, SPAN_MODEL_POLICY_WORKFLOW_NAME } from "@modelpolicy/core/conventions";
import {
  type Attributes,
  type Context,
  context,
  INVALID_SPAN_CONTEXT,
  type Span,
  SpanKind,
  type TracerProvider,
  trace,
} from "@opentelemetry/api";
import { errorTypeOf } from "./error-type.js";
import { sanitizeAttributes } from "./sanitize-attributes.js";
import {
  ATTR_GEN_AI_OPERATION_NAME,
  ATTR_GEN_AI_WORKFLOW_NAME,
  GEN_AI_OPERATION_NAME_VALUE_INVOKE_WORKFLOW,
  SEMCONV_SCHEMA_URL,
} from "./semconv.js";
import { abandon, endSpan, markFailed, runInContext } from "./span-lifecycle.js";
import { safeErrorHandler, type TelemetryErrorHandler } from "./telemetry-error-handler.js";
import { INSTRUMENTATION_NAME, INSTRUMENTATION_VERSION } from "./version.js";

/** How {@link runWorkflow} reports one run; every field is optional. */
export interface WorkflowRunOptions {
  /**
   * The caller's key of the unit of work (a document or invoice id), set as
   * `model_policy.workflow.key` so one tag finds its trace. Keep personal data out of it.
   */
  key?: string;
  /** More attributes for the workflow span; they cannot replace the ones above. */
  attributes?: Attributes;
  /** Where the span goes; defaults to the global provider at the time of the call. */
  tracerProvider?: TracerProvider;
  /** Receives telemetry failures, which are swallowed; defaults to `diag.error`. */
  onError?: TelemetryErrorHandler;
}

/**
 * Runs one unit of work (one document, one invoice) as one workflow run: an INTERNAL span
 * `invoke_workflow {name}` with `gen_ai.operation.name` `invoke_workflow`, `gen_ai.workflow.name`
 * and the caller's `model_policy.workflow.key` (GenAI semconv v1.41's workflow span), active
 * while `run` works, so every routed call made inside is a child and the run is one trace.
 *
 * Returns what `run` returns and rethrows what it throws; a throw also marks the span failed
 * (`error.type`: a routed call's error class, else the error's name; the exception recorded). The
 * span always ends. Telemetry never costs the work: if the span cannot start, `run` runs
 * without one (getting a non-recording span) and the failure goes to `onError`.
 */
export async function runWorkflow<T>(
  name: string,
  options: WorkflowRunOptions,
  run: (span: Span) => T | Promise<T>,
): Promise<T> {
  const report = safeErrorHandler(options.onError);
  let span: Span | undefined;
  let spanContext: Context;
  try {
    const parent = context.active();
    const tracer = (options.tracerProvider ?? trace.getTracerProvider()).getTracer(
      INSTRUMENTATION_NAME,
      INSTRUMENTATION_VERSION,
      { schemaUrl: SEMCONV_SCHEMA_URL },
    );
    span = tracer.startSpan(
      SPAN_MODEL_POLICY_WORKFLOW_NAME.replace("{gen_ai.workflow.name}", name),
      { kind: SpanKind.INTERNAL, attributes: workflowAttributes(name, options) },
      parent,
    );
    spanContext = trace.setSpan(parent, span);
  } catch (error) {
    abandon(span, error, report);
    return run(trace.wrapSpanContext(INVALID_SPAN_CONTEXT));
  }
  const started = span;
  try {
    const result = await runInContext(spanContext, async () => run(started), report);
    endSpan(started, report);
    return result;
  } catch (error) {
    try {
      markFailed(started, errorTypeOf(error), error, true);
    } catch (problem) {
      report("could not mark the workflow span failed", problem);
    }
    endSpan(started, report);
    throw error;
  }
}

function workflowAttributes(name: string, options: WorkflowRunOptions): Attributes {
  const attributes: Attributes = sanitizeAttributes({ ...options.attributes });
  attributes[ATTR_GEN_AI_OPERATION_NAME] = GEN_AI_OPERATION_NAME_VALUE_INVOKE_WORKFLOW;
  attributes[ATTR_GEN_AI_WORKFLOW_NAME] = name;
  if (options.key !== undefined) attributes[ATTR_MODEL_POLICY_WORKFLOW_KEY] = options.key;
  return attributes;
}

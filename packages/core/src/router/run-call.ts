import { AsyncResource } from "node:async_hooks";
import { isBulkheadRejectedError, isTaskCancelledError } from "cockatiel";
import { DeadlineExceededError } from "../errors/deadline-exceeded-error.js";
import { QueueFullError } from "../errors/queue-full-error.js";
import { RoutedCallError } from "../errors/routed-call-error.js";
import type { ResolvedPolicy } from "../policy/policy-table.js";
import { outputSchemaFor } from "../schema/output-schema.js";
import { responseFormatFor } from "../schema/response-format-for.js";
import { admitInput } from "./admit-input.js";
import type { CallContext, CallStream } from "./call-context.js";
import { CallDeadline } from "./call-deadline.js";
import { CallState, policyRefOf } from "./call-state.js";
import { checkRequestShape } from "./check-request-shape.js";
import { fallbackChain } from "./fallback-chain.js";
import { flattenTextParts } from "./flatten-text-parts.js";
import type { RouteRequest } from "./route-request.js";
import type { RouteResult } from "./route-result.js";
import { callToolsFor } from "./route-tool.js";
import type { RoutedCall } from "./router-middleware.js";
import type { RouterRuntime } from "./router-runtime.js";
import { runChain } from "./run-chain.js";
import { runLayers } from "./run-layers.js";

/**
 * One `router.run` (or, with `stream`, the call under a `router.stream`): resolves the task's
 * policy, then runs the call inside its `onCall` middleware. Rejects, never throws: an unknown
 * task is a rejected promise that no middleware sees, since a call without a policy has nothing
 * for a span to report.
 */
export function runCall(
  runtime: RouterRuntime,
  task: string,
  asked: RouteRequest,
  stream?: CallStream,
): Promise<RouteResult<unknown>> {
  const messages = flattenTextParts(asked.messages);
  const request = messages === asked.messages ? asked : { ...asked, messages };
  let policy: ResolvedPolicy;
  try {
    policy = runtime.policyFor(task);
  } catch (error) {
    return Promise.reject(error);
  }
  const startedAtMonotonic = performance.now();
  const call: RoutedCall = {
    task,
    policy,
    tableVersion: runtime.table.version,
    messages: request.messages,
    startedAt: performance.timeOrigin + startedAtMonotonic,
    ...(stream === undefined ? {} : { stream: true }),
  };
  const inner = () => routeCall(runtime, call, request, startedAtMonotonic, stream);
  if (runtime.callMiddleware.length === 0) return inner();
  return runLayers<RouteResult<unknown>>(
    runtime.callMiddleware.map((middleware) => (next) => middleware.onCall?.(call, next)),
    inner,
    runtime.report,
    "onCall",
  );
}

/**
 * The call itself: its schema first (so a schema that cannot be used is reported whatever the
 * input or the providers do), the input budget before any provider call, then the chain inside
 * the latency tier's bulkhead under the call's deadline.
 */
async function routeCall(
  runtime: RouterRuntime,
  call: RoutedCall,
  request: RouteRequest,
  startedAtMonotonic: number,
  stream: CallStream | undefined,
): Promise<RouteResult<unknown>> {
  const { table } = runtime;
  const { policy } = call;
  const schema = request.schema === undefined ? undefined : outputSchemaFor(request.schema, call.task);
  const tools = request.tools?.length ? callToolsFor(request.tools, call.task) : undefined;
  const modelRequested = table.tiers[policy.model_tier]?.model ?? "";
  const state = new CallState(
    call.task,
    policy,
    policyRefOf(policy, table.version),
    modelRequested,
    call.startedAt,
    startedAtMonotonic,
  );
  const counting = runtime.inputCounting(policy);
  const startTier = admitInput(table, policy, counting, request.messages, state, tools?.definitions);
  const chain = fallbackChain(policy, table, startTier);
  checkRequestShape(runtime.adapters, chain, request, call.task);
  const timeoutMs =
    request.timeoutMs ?? policy.timeout_ms ?? table.latencyTiers[policy.latency_tier]?.timeout_ms ?? 60_000;
  // A reader that stops reading a stream aborts its call as the caller's own signal would.
  const callerSignal =
    stream === undefined || request.signal === undefined
      ? (request.signal ?? stream?.stopSignal)
      : AbortSignal.any([request.signal, stream.stopSignal]);
  const deadline = new CallDeadline(timeoutMs, startedAtMonotonic, callerSignal);
  const context: CallContext = {
    runtime,
    call,
    request,
    state,
    deadline,
    output: schema && {
      schema,
      format: responseFormatFor(schema, request.schemaName ?? `${policy.task}_output`, request.strict),
    },
    stream,
    tools,
  };
  try {
    const bulkhead = runtime.bulkheads.get(policy.latency_tier);
    const work = () => runChain(context, chain);
    // With a free slot cockatiel runs `work` at once, in the caller's async context. A queued
    // call is started by whichever call frees the slot, and must not run (and parent its
    // attempt spans) in that call's context: only then is it bound to the caller's.
    return await bulkhead.execute(bulkhead.executionSlots > 0 ? work : AsyncResource.bind(work), deadline.signal);
  } catch (error) {
    if (isBulkheadRejectedError(error)) {
      throw new QueueFullError(policy.latency_tier, state.toRecord("rejected", "queue_full"));
    }
    if (deadline.passed && (isTaskCancelledError(error) || RoutedCallError.isInstance(error))) {
      const aborted = deadline.abortedByCaller;
      throw new DeadlineExceededError(
        aborted
          ? `task "${call.task}" was aborted by its caller${stream?.stopSignal.aborted ? " (it stopped reading the stream)" : ""}`
          : `task "${call.task}" passed its deadline of ${timeoutMs} ms`,
        state.toRecord("failed", aborted ? "aborted" : "timeout"),
        { cause: error },
      );
    }
    throw error;
  } finally {
    deadline.dispose();
  }
}

import { AsyncResource } from "node:async_hooks";
import { isBulkheadRejectedError, isTaskCancelledError } from "cockatiel";
import { checkEmbeddingBudget } from "../budget/check-embedding-budget.js";
import { BudgetExceededError } from "../errors/budget-exceeded-error.js";
import { ConfigurationError } from "../errors/configuration-error.js";
import { DeadlineExceededError } from "../errors/deadline-exceeded-error.js";
import { DEFAULT_FALLBACK_ON, type ErrorClass, REFUSAL_ERROR_CLASSES } from "../errors/error-class.js";
import { QueueFullError } from "../errors/queue-full-error.js";
import { RoutedCallError } from "../errors/routed-call-error.js";
import { RoutingFailedError } from "../errors/routing-failed-error.js";
import type { ResolvedPolicy } from "../policy/policy-table.js";
import { spendGate } from "../state/spend-gate.js";
import type { Failure } from "./attempt-outcome.js";
import { CallDeadline } from "./call-deadline.js";
import { CallState, policyRefOf } from "./call-state.js";
import type { EmbedContext } from "./embed-context.js";
import type { EmbedRequest } from "./embed-request.js";
import type { EmbedResult } from "./embed-result.js";
import { embedTarget } from "./embed-target.js";
import { embeddingBatches } from "./embedding-batches.js";
import { fallbackChain, type ModelTarget } from "./fallback-chain.js";
import type { RouteResult } from "./route-result.js";
import type { RoutedCall } from "./router-middleware.js";
import type { RouterRuntime } from "./router-runtime.js";
import { runLayers } from "./run-layers.js";

/**
 * One `router.embed`: resolves the task's policy and runs the call inside its `onCall`
 * middleware, which sees a call with `operation: "embeddings"` and, like for `router.run`, a
 * result or a `RoutedCallError` carrying the record. Rejects, never throws: an unknown task or
 * an empty input is refused before any middleware runs.
 */
export function runEmbed(runtime: RouterRuntime, task: string, request: EmbedRequest): Promise<EmbedResult> {
  let policy: ResolvedPolicy;
  try {
    policy = runtime.policyFor(task);
  } catch (error) {
    return Promise.reject(error);
  }
  const items = typeof request.input === "string" ? [request.input] : [...request.input];
  if (items.length === 0 || items.some((item) => typeof item !== "string")) {
    return Promise.reject(new ConfigurationError(`router.embed("${task}") needs one or more input strings`));
  }
  const startedAtMonotonic = performance.now();
  const call: RoutedCall = {
    task,
    policy,
    tableVersion: runtime.table.version,
    messages: [],
    startedAt: performance.timeOrigin + startedAtMonotonic,
    operation: "embeddings",
  };
  const inner = () => routeEmbed(runtime, call, items, request, startedAtMonotonic);
  if (runtime.callMiddleware.length === 0) return inner();
  // The middleware contract types results as RouteResult; an EmbedResult is one whose output is vectors.
  return runLayers<RouteResult<unknown>>(
    runtime.callMiddleware.map((middleware) => (next) => middleware.onCall?.(call, next)),
    inner as () => Promise<RouteResult<unknown>>,
    runtime.report,
    "onCall",
  ) as Promise<EmbedResult>;
}

/**
 * The call itself: every adapter of the chain must embed, the input must fit the policy's
 * budgets (each item, and all together) before anything is sent, then the chain runs inside the
 * latency tier's bulkhead under the call's deadline, as a chat call does.
 */
async function routeEmbed(
  runtime: RouterRuntime,
  call: RoutedCall,
  items: readonly string[],
  request: EmbedRequest,
  startedAtMonotonic: number,
): Promise<EmbedResult> {
  const { table } = runtime;
  const { policy } = call;
  const chain = fallbackChain(policy, table).filter((target): target is ModelTarget => target.kind === "model");
  const unable = chain.find((target) => runtime.adapters.get(target.provider)?.embed === undefined);
  if (unable !== undefined) {
    throw new ConfigurationError(
      `task "${call.task}" would embed with ${unable.provider}/${unable.model}, but the "${unable.provider}" adapter has no embed`,
    );
  }
  const modelRequested = table.tiers[policy.model_tier]?.model ?? "";
  const state = new CallState(
    call.task,
    policy,
    policyRefOf(policy, table.version),
    modelRequested,
    call.startedAt,
    startedAtMonotonic,
  );
  const settings = policy.embedding;
  const itemBudget = Math.min(settings?.max_item_tokens ?? policy.max_input_tokens, policy.max_input_tokens);
  const check = checkEmbeddingBudget(
    items,
    policy.max_input_tokens,
    itemBudget,
    settings?.max_batch_tokens !== undefined,
  );
  state.inputTokens = { withinBudget: check.withinBudget, tokens: check.tokens, method: check.method };
  if (!check.withinBudget) {
    const overItem = check.itemOverLimit !== undefined;
    throw new BudgetExceededError(
      overItem ? itemBudget + 1 : check.tokens,
      overItem ? itemBudget : policy.max_input_tokens,
      state.toRecord("rejected", "budget_exceeded"),
    );
  }
  const timeoutMs =
    request.timeoutMs ?? policy.timeout_ms ?? table.latencyTiers[policy.latency_tier]?.timeout_ms ?? 60_000;
  const deadline = new CallDeadline(timeoutMs, startedAtMonotonic, request.signal);
  const context: EmbedContext = {
    runtime,
    call,
    request: { messages: [], signal: request.signal, timeoutMs: request.timeoutMs },
    state,
    deadline,
    output: undefined,
    items,
    itemTokens: check.itemTokens,
    settings,
  };
  try {
    const bulkhead = runtime.bulkheads.get(policy.latency_tier);
    const work = () => embedChain(context, chain);
    // As in runCall: a queued call must run (and parent its attempt spans) in its caller's context.
    return await bulkhead.execute(bulkhead.executionSlots > 0 ? work : AsyncResource.bind(work), deadline.signal);
  } catch (error) {
    if (isBulkheadRejectedError(error)) {
      throw new QueueFullError(policy.latency_tier, state.toRecord("rejected", "queue_full"));
    }
    if (deadline.passed && (isTaskCancelledError(error) || RoutedCallError.isInstance(error))) {
      const aborted = deadline.abortedByCaller;
      throw new DeadlineExceededError(
        aborted
          ? `task "${call.task}" was aborted by its caller`
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

/**
 * Walks the chain's model targets: each embeds the whole input (batches sized for its adapter),
 * moving on only for the error classes the policy falls back on (a refusal, an open circuit or a
 * used-up rate limit, always moves on), each target under the policy's spend budget as in
 * `runChain` (which may degrade it to the cheaper tier or refuse it). A fallback starts over rather than keeping the batches that succeeded, so every vector of
 * a result comes from one model. `partial` and `stop` steps end the chain: there is no partial
 * set of vectors worth returning.
 */
async function embedChain(context: EmbedContext, chain: readonly ModelTarget[]): Promise<EmbedResult> {
  const { state, runtime, settings } = context;
  const fallbackOn = new Set<ErrorClass>(context.call.policy.fallback_on ?? DEFAULT_FALLBACK_ON);
  let last: Failure | undefined;
  for (const [index, chainTarget] of chain.entries()) {
    const ruling = spendGate(context, chainTarget);
    if (ruling.kind === "refused") {
      last = ruling.failure;
      state.fallbackReason ??= last.errorClass;
      continue;
    }
    // Embeddings write no output tokens: none are reserved against rate limits.
    const target = { ...ruling.target, maxOutputTokens: 0 };
    const { degraded } = ruling;
    const adapterLimit = runtime.adapters.get(target.provider)?.maxEmbeddingBatchItems;
    const maxItems = Math.min(
      settings?.max_batch_items ?? Number.POSITIVE_INFINITY,
      adapterLimit ?? Number.POSITIVE_INFINITY,
    );
    const batches = embeddingBatches(context.items, context.itemTokens, maxItems, settings?.max_batch_tokens);
    const outcome = await embedTarget(context, target, batches, index === 0 && !degraded ? "primary" : "fallback");
    if (outcome.kind === "vectors") {
      state.fallbackUsed = index > 0 || degraded;
      state.modelServed = outcome.servedModel;
      const result = state.toResult(state.fallbackUsed ? "fallback_ok" : "ok", outcome.embeddings);
      return { ...result, dimensions: outcome.dimensions } as EmbedResult;
    }
    last = outcome;
    if (context.deadline.passed) break;
    if (!REFUSAL_ERROR_CLASSES.has(last.errorClass) && !fallbackOn.has(last.errorClass)) break;
    state.fallbackReason ??= last.errorClass;
  }
  const errorClass = last?.errorClass ?? "unknown";
  throw new RoutingFailedError(
    `task "${state.task}" failed under policy ${state.policy.id}@${state.policy.version}: ${errorClass}`,
    state.toRecord("failed", errorClass),
    { cause: last?.error },
  );
}

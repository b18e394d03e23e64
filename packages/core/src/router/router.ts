import { AsyncResource } from "node:async_hooks";
import { isBulkheadRejectedError, isTaskCancelledError } from "cockatiel";
import type { ModelAdapter } from "../adapter/model-adapter.js";
import { checkInputBudget } from "../budget/token-budget.js";
import { type DiagnosticHandler, guardDiagnostic, rateLimitedWarn } from "../diagnostics.js";
import { BudgetExceededError } from "../errors/budget-exceeded-error.js";
import { ConfigurationError } from "../errors/configuration-error.js";
import { DeadlineExceededError } from "../errors/deadline-exceeded-error.js";
import { QueueFullError } from "../errors/queue-full-error.js";
import { RoutedCallError } from "../errors/routed-call-error.js";
import { UnknownTaskError } from "../errors/unknown-task-error.js";
import type { ModelPrice, PolicyTableInput } from "../policy/policy-schema.js";
import { type PolicyTable, parsePolicyTable, type ResolvedPolicy, type TasksOf } from "../policy/policy-table.js";
import { PriceBook } from "../pricing/price-book.js";
import { type BreakerOptions, BreakerRegistry } from "../resilience/breaker-registry.js";
import { LatencyBulkheads } from "../resilience/latency-bulkheads.js";
import { outputSchemaFor } from "../schema/output-schema.js";
import type { RouteSchema, RouteSchemaOutput } from "../schema/route-schema.js";
import type { AttemptContext } from "./attempt-runner.js";
import { runChain } from "./call-runner.js";
import { CallState, policyRefOf, unpricedWarner } from "./call-state.js";
import { type Layer, runLayers } from "./compose-middleware.js";
import { buildChain } from "./fallback-chain.js";
import { InFlightAbort } from "./in-flight-abort.js";
import type { RoutedCall, RouterMiddleware } from "./middleware.js";
import { responseFormatFor } from "./output-check.js";
import type { PartialFor, PartialTasksOf } from "./partial-tasks.js";
import type { RouteRequest } from "./route-request.js";
import type { RouteResult } from "./route-result.js";

/** How a router is put together. */
export interface RouterOptions {
  /** One adapter per provider named in the table's tiers and fallback steps. */
  adapters: readonly ModelAdapter[];
  /** Observers of every call and attempt, outermost first (e.g. the OTel middleware). */
  middleware?: readonly RouterMiddleware[];
  /** Prices over the table's and the bundled defaults. */
  prices?: Readonly<Record<string, ModelPrice>>;
  /** Per-model circuit breakers; `false` turns them off. */
  breaker?: BreakerOptions | false;
  /** Where swallowed errors go (throwing middleware, unknown prices). */
  onDiagnostic?: DiagnosticHandler;
}

/**
 * Routes calls by task under the policies of one table. Create it once per table and share it:
 * circuit breakers and latency-tier bulkheads live in it and only work when shared.
 * `PartialTask` names the tasks whose policy can end in `partial`; only their results type
 * `output` as possibly partial.
 */
export interface Router<Task extends string = string, PartialTask extends string = Task> {
  readonly table: PolicyTable<Task>;
  /** The policy a task runs under (the unknown-task route for undeclared tasks). */
  policyFor(task: Task): ResolvedPolicy;
  /**
   * Runs one call under its task's policy. Resolves with the typed output and the record of
   * what happened, or rejects with a `RoutedCallError` (budget, queue, deadline, routing) that
   * carries the same record, an `UnknownTaskError`, or a `ConfigurationError` for a schema that
   * cannot be used. Never throws synchronously. Never sends over-budget input to a provider.
   */
  run<K extends Task, S extends RouteSchema>(
    task: K,
    request: RouteRequest<S> & { schema: S },
  ): Promise<RouteResult<RouteSchemaOutput<S>, PartialFor<K, PartialTask>>>;
  /** A text answer is never partial: only object outputs have fields to keep. */
  run(task: Task, request: RouteRequest<undefined>): Promise<RouteResult<string, false>>;
  /** For generic callers (eval runners) whose request may or may not carry a schema. */
  run(task: Task, request: RouteRequest): Promise<RouteResult<unknown>>;
}

/**
 * Creates a {@link Router} over a loaded table, or over a table declaration (validated as
 * `defineTable` does), whose type then also says which tasks can end in `partial`. Throws
 * {@link ConfigurationError} when a provider named by a tier or a fallback step has no adapter.
 */
export function createRouter<Task extends string, PartialTask extends string = Task>(
  table: PolicyTable<Task>,
  options: RouterOptions,
): Router<Task, PartialTask>;
export function createRouter<const T extends PolicyTableInput>(
  declaration: T,
  options: RouterOptions,
): Router<TasksOf<T>, PartialTasksOf<T>>;
export function createRouter(input: PolicyTable | PolicyTableInput, options: RouterOptions): Router {
  const table = isLoaded(input) ? input : parsePolicyTable(input);
  const adapters = new Map<string, ModelAdapter>();
  for (const adapter of options.adapters) {
    if (adapter.specificationVersion !== "v1") {
      throw new ConfigurationError(
        `adapter "${adapter.provider}" implements ${String(adapter.specificationVersion)}; this router needs v1`,
      );
    }
    adapters.set(adapter.provider, adapter);
  }
  checkAdapters(table, adapters);
  const report = guardDiagnostic(options.onDiagnostic ?? rateLimitedWarn());
  const middleware = options.middleware ?? [];
  const callMiddleware = middleware.filter((entry) => entry.onCall);
  const attemptMiddleware = middleware.filter((entry) => entry.onAttempt);
  const prices = new PriceBook({ ...table.prices, ...options.prices });
  const breakers = new BreakerRegistry(options.breaker);
  const bulkheads = new LatencyBulkheads(table.latencyTiers);
  const warnUnpriced = unpricedWarner(report);

  const policyFor = (task: string): ResolvedPolicy => {
    const policy = table.policyFor(task) ?? table.policies.find((entry) => entry.id === table.unknownTask);
    if (!policy)
      throw new UnknownTaskError(
        task,
        table.policies.map((entry) => entry.task),
      );
    return policy;
  };

  const execute = async (
    call: RoutedCall,
    request: RouteRequest,
    startedAtMonotonic: number,
  ): Promise<RouteResult<unknown>> => {
    const { policy } = call;
    // First, so a schema that cannot be used is reported whatever the input or the providers do.
    const schema = request.schema === undefined ? undefined : outputSchemaFor(request.schema, call.task);
    const primary = table.tiers[policy.model_tier];
    const state = new CallState(
      call.task,
      policy,
      policyRefOf(policy, table.version),
      primary?.model ?? "",
      call.startedAt,
      startedAtMonotonic,
    );
    state.inputTokens = checkInputBudget(request.messages, policy.max_input_tokens);
    let startTier = policy.model_tier;
    if (!state.inputTokens.withinBudget) {
      const escalated = policy.on_budget_exceeded === "escalate" ? escalationTier(table, policy, request) : undefined;
      if (!escalated) {
        throw new BudgetExceededError(
          state.inputTokens.tokens,
          policy.max_input_tokens,
          state.toRecord("rejected", "budget_exceeded"),
        );
      }
      startTier = escalated;
      state.escalatedToTier = escalated;
    }

    const deadlineMs =
      request.timeoutMs ?? policy.timeout_ms ?? table.latencyTiers[policy.latency_tier]?.timeout_ms ?? 60_000;
    const deadline = new AbortController();
    const signal = request.signal ? AbortSignal.any([request.signal, deadline.signal]) : deadline.signal;
    const inFlight = new InFlightAbort(signal);
    const timer = setTimeout(() => {
      deadline.abort(new Error(`deadline of ${deadlineMs} ms passed`));
      inFlight.fire();
    }, deadlineMs);
    // A caller's signal can abort the call at any time: one listener per call, not per attempt.
    const onCallerAbort = request.signal ? () => inFlight.fire() : undefined;
    if (onCallerAbort) signal.addEventListener("abort", onCallerAbort, { once: true });
    const context: AttemptContext = {
      call,
      state,
      signal,
      inFlight,
      deadline: startedAtMonotonic + deadlineMs,
      adapters,
      breakers,
      prices,
      attemptMiddleware,
      report,
      warnUnpriced,
      schema,
      responseFormat: schema
        ? responseFormatFor(schema, request.schemaName ?? `${policy.task}_output`, request.strict)
        : undefined,
      temperature: policy.temperature,
    };
    try {
      const bulkhead = bulkheads.get(policy.latency_tier);
      const work = () => runChain(context, buildChain(policy, table, startTier), request);
      // With a free slot cockatiel runs `work` at once, in the caller's async context. A queued
      // call is started by whichever call frees the slot, and must not run (and parent its
      // attempt spans) in that call's context: only then is it bound to the caller's.
      return await bulkhead.execute(bulkhead.executionSlots > 0 ? work : AsyncResource.bind(work), signal);
    } catch (error) {
      if (isBulkheadRejectedError(error))
        throw new QueueFullError(policy.latency_tier, state.toRecord("rejected", "queue_full"));
      if (signal.aborted && (isTaskCancelledError(error) || RoutedCallError.isInstance(error))) {
        const errorClass = request.signal?.aborted ? "aborted" : "timeout";
        throw new DeadlineExceededError(
          errorClass === "aborted"
            ? `task "${call.task}" was aborted by its caller`
            : `task "${call.task}" passed its deadline of ${deadlineMs} ms`,
          state.toRecord("failed", errorClass),
          { cause: error },
        );
      }
      throw error;
    } finally {
      clearTimeout(timer);
      if (onCallerAbort) signal.removeEventListener("abort", onCallerAbort);
    }
  };

  const run = (task: string, request: RouteRequest): Promise<RouteResult<unknown>> => {
    let policy: ResolvedPolicy;
    try {
      policy = policyFor(task);
    } catch (error) {
      // A rejection, not a throw: callers collect calls with Promise.allSettled and .catch().
      // No middleware sees it: a routed call without a policy has nothing for a span to report.
      return Promise.reject(error);
    }
    const call: RoutedCall = {
      task,
      policy,
      tableVersion: table.version,
      messages: request.messages,
      startedAt: Date.now(),
    };
    const startedAtMonotonic = performance.now();
    const inner = () => execute(call, request, startedAtMonotonic);
    if (callMiddleware.length === 0) return inner();
    const layers: Layer<RouteResult<unknown>>[] = callMiddleware.map((entry) => (next) => entry.onCall?.(call, next));
    return runLayers(layers, inner, report, "onCall");
  };

  return { table, policyFor, run: run as Router["run"] };
}

/** A loaded table has its lookup function; a declaration is plain data. */
function isLoaded(input: PolicyTable | PolicyTableInput): input is PolicyTable {
  return typeof (input as Partial<PolicyTable>).policyFor === "function";
}

/**
 * Every provider a call can be sent to needs an adapter: the tiers' providers and those named by
 * `{ model, provider }` fallback steps. Found at run time instead, a missing one fails as
 * `unknown` and hides the error class that moved the call on.
 */
function checkAdapters(table: PolicyTable, adapters: ReadonlyMap<string, ModelAdapter>): void {
  const missing = new Map<string, string>();
  for (const [name, tier] of Object.entries(table.tiers)) {
    if (!adapters.has(tier.provider) && !missing.has(tier.provider)) missing.set(tier.provider, `tier "${name}"`);
  }
  for (const policy of table.policies) {
    for (const step of policy.fallback_steps ?? []) {
      if (typeof step !== "object" || !("model" in step) || step.provider === undefined) continue;
      if (!adapters.has(step.provider) && !missing.has(step.provider)) {
        missing.set(step.provider, `fallback_steps of policy "${policy.id}"`);
      }
    }
  }
  if (missing.size === 0) return;
  const named = [...missing].map(([provider, where]) => `"${provider}" (named in ${where})`).join(", ");
  throw new ConfigurationError(
    `no adapter for provider${missing.size > 1 ? "s" : ""} ${named}; give createRouter an adapter for each`,
  );
}

/**
 * The first tier after the policy's own whose context window fits the input and the output
 * limit; tiers that do not declare a window are passed over, since fitting cannot be known.
 */
function escalationTier(table: PolicyTable, policy: ResolvedPolicy, request: RouteRequest): string | undefined {
  const order = table.tierOrder;
  for (const tier of order.slice(order.indexOf(policy.model_tier) + 1)) {
    const window = table.tiers[tier]?.context_window;
    if (window === undefined) continue;
    if (checkInputBudget(request.messages, window - policy.max_output_tokens).withinBudget) return tier;
  }
  return undefined;
}

import type { ModelAdapter } from "../adapter/model-adapter.js";
import type { DiagnosticHandler } from "../diagnostic-handler.js";
import type { ModelPrice, PolicyTableInput } from "../policy/policy-schema.js";
import { type PolicyTable, parsePolicyTable, type ResolvedPolicy, type TasksOf } from "../policy/policy-table.js";
import type { BreakerOptions } from "../resilience/breaker-registry.js";
import type { RouteSchema, RouteSchemaOutput } from "../schema/route-schema.js";
import type { StateBackend } from "../state/state-backend.js";
import type { EmbedRequest } from "./embed-request.js";
import type { EmbedResult } from "./embed-result.js";
import type { PartialFor, PartialTasksOf } from "./partial-tasks.js";
import type { RouteRequest } from "./route-request.js";
import type { RouteResult } from "./route-result.js";
import type { RouteStream, RouteStreamRequest } from "./route-stream.js";
import type { RouterMiddleware } from "./router-middleware.js";
import { RouterRuntime } from "./router-runtime.js";
import { runCall } from "./run-call.js";
import { runEmbed } from "./run-embed.js";
import { runStream } from "./run-stream.js";

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
  /**
   * Where rate limits, spend budgets and circuit state are kept: an `InMemoryStateBackend` of
   * this router by default; `redisStateBackend(client)` from `@modelpolicy/redis` shares them
   * across a fleet of replicas. Share one backend between the routers of a process.
   */
  state?: StateBackend;
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
  /**
   * Runs one call like `run`, streaming the answer: iterate the {@link RouteStream} for its text
   * deltas, and read `result` for the typed output (validated once the text is complete) and
   * the record. Retries and fallback happen only before the first chunk reaches the caller; a
   * failure after it ends the iteration with a typed `RoutedCallError`, never with another
   * model's answer. Breaking out of the loop aborts the provider request. An adapter without
   * `stream` answers in one chunk. Never throws synchronously: every error surfaces from the
   * iteration and from `result`.
   */
  stream<K extends Task, S extends RouteSchema>(
    task: K,
    request: RouteStreamRequest<S> & { schema: S },
  ): RouteStream<RouteSchemaOutput<S>, PartialFor<K, PartialTask>>;
  /** A streamed text answer is never partial. */
  stream(task: Task, request: RouteStreamRequest<undefined>): RouteStream<string, false>;
  /** For generic callers whose request may or may not carry a schema. */
  stream(task: Task, request: RouteStreamRequest): RouteStream<unknown>;
  /**
   * Embeds `request.input` (one text or many) under its task's policy: the input budget (each
   * item and the whole input) is checked before any provider call, the input is split into
   * provider-sized batches, and each batch goes through the same breakers, bulkhead, retries,
   * fallback chain and middleware as `run` (whose hooks see `operation: "embeddings"`). Resolves
   * with one vector per input, all from one model, and the record; rejects like `run`.
   */
  embed(task: Task, request: EmbedRequest): Promise<EmbedResult>;
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
  const runtime = new RouterRuntime(isLoaded(input) ? input : parsePolicyTable(input), options);
  const run = (task: string, request: RouteRequest) => runCall(runtime, task, request);
  return {
    table: runtime.table,
    policyFor: (task) => runtime.policyFor(task),
    run: run as Router["run"],
    stream: ((task: string, request: RouteStreamRequest) => runStream(runtime, task, request)) as Router["stream"],
    embed: (task, request) => runEmbed(runtime, task, request),
  };
}

/** A loaded table has its lookup function; a declaration is plain data. */
function isLoaded(input: PolicyTable | PolicyTableInput): input is PolicyTable {
  return typeof (input as Partial<PolicyTable>).policyFor === "function";
}

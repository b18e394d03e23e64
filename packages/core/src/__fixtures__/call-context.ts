import { onTestFinished } from "vitest";
import { parsePolicyTable } from "../policy/policy-table.js";
import type { BreakerOptions } from "../resilience/breaker-registry.js";
import type { CallContext } from "../router/call-context.js";
import { CallDeadline } from "../router/call-deadline.js";
import { CallState, policyRefOf } from "../router/call-state.js";
import { fallbackChain } from "../router/fallback-chain.js";
import type { RouteRequest } from "../router/route-request.js";
import type { RouterMiddleware } from "../router/router-middleware.js";
import { RouterRuntime } from "../router/router-runtime.js";
import { outputSchemaFor } from "../schema/output-schema.js";
import { responseFormatFor } from "../schema/response-format-for.js";
import { ScriptedAdapter } from "../testing/scripted-adapter.js";
import { patchPolicy, user } from "./router-setup.js";
import { testTable } from "./tables.js";

/** What {@link callContext} may change from the defaults. */
export interface CallContextOptions {
  /** A task of {@link testTable}; default `classification`. */
  task?: string;
  /** Fields replaced in the task's policy. */
  patch?: Record<string, unknown>;
  /** The request; its messages default to one user message. */
  request?: Partial<RouteRequest>;
  /** The call's deadline; default 5 s. */
  timeoutMs?: number;
  breaker?: BreakerOptions | false;
  middleware?: RouterMiddleware[];
}

/**
 * One call's context over {@link testTable} with a scripted adapter, built the way `router.run`
 * builds it but without the bulkhead and middleware around the call, for unit tests of the
 * attempt runner and the chain walk. The deadline is disposed when the test finishes.
 */
export function callContext(options: CallContextOptions = {}) {
  const task = options.task ?? "classification";
  const adapter = new ScriptedAdapter();
  const diagnostics: { message: string; error: unknown }[] = [];
  const table = parsePolicyTable(testTable(options.patch ? patchPolicy(task, options.patch) : {}));
  const runtime = new RouterRuntime(table, {
    adapters: [adapter],
    middleware: options.middleware ?? [],
    breaker: options.breaker ?? { consecutiveFailures: 3, halfOpenAfterMs: 60_000 },
    onDiagnostic: (message, error) => diagnostics.push({ message, error }),
  });
  const policy = runtime.policyFor(task);
  const request: RouteRequest = { messages: user("x"), ...options.request };
  /** Another call of the same router (same breakers, bulkheads, adapter). */
  const nextCall = () => contextOf(runtime, task, request, options.timeoutMs ?? 5_000);
  return { adapter, context: nextCall(), nextCall, diagnostics, chain: fallbackChain(policy, table) };
}

function contextOf(runtime: RouterRuntime, task: string, request: RouteRequest, timeoutMs: number): CallContext {
  const { table } = runtime;
  const policy = runtime.policyFor(task);
  const started = performance.now();
  const call = {
    task,
    policy,
    tableVersion: table.version,
    messages: request.messages,
    startedAt: performance.timeOrigin + started,
  };
  const modelRequested = table.tiers[policy.model_tier]?.model ?? "";
  const state = new CallState(
    task,
    policy,
    policyRefOf(policy, table.version),
    modelRequested,
    call.startedAt,
    started,
  );
  const deadline = new CallDeadline(timeoutMs, started, request.signal);
  onTestFinished(() => deadline.dispose());
  const schema = request.schema === undefined ? undefined : outputSchemaFor(request.schema, task);
  return {
    runtime,
    call,
    request,
    state,
    deadline,
    output: schema && { schema, format: responseFormatFor(schema, `${task}_output`) },
  };
}

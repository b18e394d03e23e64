import {
  type BreakerOptions,
  createRouter,
  type ModelPolicyInput,
  parsePolicyTable,
  RoutedCallError,
  type RouteRecord,
  type RouterMiddleware,
} from "@modelpolicy/core";
import { ScriptedAdapter } from "@modelpolicy/core/testing";
import { z } from "zod";
import { testTable } from "./tables.js";

const user = (content: string) => [{ role: "user" as const, content }];
const labelSchema = z.object({ label: z.enum(["msa", "nda", "unknown"]) });
const scoredSchema = z.object({ label: z.enum(["msa", "nda"]), score: z.number() });

/** The test table with the `classification` policy changed as a scenario needs. */
function tableWith(classification: Partial<ModelPolicyInput>) {
  const table = testTable();
  return parsePolicyTable({
    ...table,
    policies: table.policies.map((policy) =>
      policy.task === "classification" ? { ...policy, ...classification } : policy,
    ),
  });
}

function routerFor(
  middleware: RouterMiddleware[],
  classification: Partial<ModelPolicyInput>,
  adapter: ScriptedAdapter,
  breaker: BreakerOptions = {},
) {
  return createRouter(tableWith(classification), {
    adapters: [adapter],
    middleware,
    breaker,
    onDiagnostic: () => undefined,
  });
}

/**
 * The router decisions the telemetry middleware turns into span events, one run each: every
 * scenario returns the record the router kept, for a test to compare the span with.
 */
export const decisionScenarios = {
  /** Two rate-limited attempts (the second after the provider's Retry-After), then the next tier, reviewed because a fallback answered. */
  async retryFallbackReview(middleware: RouterMiddleware[]): Promise<RouteRecord> {
    const adapter = new ScriptedAdapter();
    const limited = { error: { errorClass: "rate_limit" as const, message: "429", status: 429, retryAfterMs: 30 } };
    adapter.script("fast-model", limited, limited);
    adapter.script("standard-model", { reply: { label: "msa" } });
    const router = routerFor(middleware, { review: { on_fallback: true } }, adapter);
    return router.run("classification", { messages: user("classify"), schema: labelSchema });
  },

  /** A 503 opens the model's circuit, so its retry is skipped and the call moves on. */
  async circuitOpen(middleware: RouterMiddleware[]): Promise<RouteRecord> {
    const adapter = new ScriptedAdapter();
    adapter.script("fast-model", { error: { errorClass: "server_error", message: "503", status: 503 } });
    adapter.script("standard-model", { reply: { label: "nda" } });
    const router = routerFor(middleware, { retry: { max_attempts: 2, base_delay_ms: 1, max_delay_ms: 1 } }, adapter, {
      consecutiveFailures: 1,
      halfOpenAfterMs: 60_000,
    });
    return router.run("classification", { messages: user("classify"), schema: labelSchema });
  },

  /** Input over the policy's budget, escalated to the next tier whose window fits it. */
  async budgetEscalated(middleware: RouterMiddleware[]): Promise<RouteRecord> {
    const adapter = new ScriptedAdapter();
    adapter.script("standard-model", { reply: { label: "nda" } });
    const router = routerFor(middleware, { max_input_tokens: 50, on_budget_exceeded: "escalate" }, adapter);
    return router.run("classification", { messages: user("word ".repeat(400)), schema: labelSchema });
  },

  /** An answer that fails the schema with no repair left, returned as a partial answer. */
  async partial(middleware: RouterMiddleware[]): Promise<RouteRecord> {
    const adapter = new ScriptedAdapter();
    adapter.script("fast-model", { reply: { label: "nda", score: "high" } });
    const router = routerFor(
      middleware,
      { fallback_policy: "partial", retry: { max_attempts: 1, repair_attempts: 0 } },
      adapter,
    );
    return router.run("classification", { messages: user("classify"), schema: scoredSchema });
  },

  /** Every attempt fails: the call's record comes on its `RoutedCallError`. */
  async failed(middleware: RouterMiddleware[]): Promise<RouteRecord> {
    const adapter = new ScriptedAdapter();
    adapter.script("strong-model", { error: { errorClass: "bad_request", message: "400", status: 400 } });
    const router = routerFor(middleware, {}, adapter);
    const error = await router.run("risk_judgement", { messages: user("judge") }).catch((caught: unknown) => caught);
    if (!RoutedCallError.isInstance(error)) throw new Error("the failed scenario did not fail");
    return error.record;
  },
};

import {
  BudgetExhaustedError,
  createRouter,
  InMemoryStateBackend,
  type PolicyTableInput,
  parsePolicyTable,
  type RouteRecord,
  type RouterMiddleware,
} from "@modelpolicy/core";
import { ScriptedAdapter } from "@modelpolicy/core/testing";
import { testTable } from "./tables.js";

const user = (content: string) => [{ role: "user" as const, content }];

/**
 * A router whose `risk_judgement` policy (on the strong tier) has a daily spend budget of
 * 0.003 USD, of which `spentUsd` is spent on its state backend: by default all of it, so the
 * budget acts on the first target.
 */
function exhaustedRouter(middleware: RouterMiddleware[], onExhausted: "degrade" | "stop" | "review", spentUsd = 0.01) {
  const state = new InMemoryStateBackend();
  state.addSpend("risk", "day", spentUsd);
  const base = testTable();
  const budget = {
    usd: 0.003,
    window: "day",
    on_exhausted: onExhausted,
    ...(onExhausted === "degrade" ? { degrade_to: "fast" } : {}),
  };
  const policies = base.policies.map((policy) =>
    policy.task === "risk_judgement" ? { ...policy, spend_budget: budget } : policy,
  );
  const table = parsePolicyTable({ ...base, policies } as PolicyTableInput);
  const adapter = new ScriptedAdapter();
  return createRouter(table, { adapters: [adapter], middleware, state, onDiagnostic: () => undefined });
}

/**
 * Calls that a spend budget or a fleet-wide rate limit acted on, one run each; each returns the
 * record the router kept (from the error of a refused call).
 */
export const budgetScenarios = {
  /** The budget is used up: the call moves from strong-model to the cheaper fast tier. */
  async degraded(middleware: RouterMiddleware[]): Promise<RouteRecord> {
    return exhaustedRouter(middleware, "degrade").run("risk_judgement", { messages: user("judge") });
  },

  /** The budget is used up and the policy stops: nothing is sent, BudgetExhaustedError. */
  async stopped(middleware: RouterMiddleware[]): Promise<RouteRecord> {
    const router = exhaustedRouter(middleware, "stop");
    const error = await router.run("risk_judgement", { messages: user("judge") }).catch((caught: unknown) => caught);
    if (!BudgetExhaustedError.isInstance(error)) throw new Error("the stopped scenario did not stop");
    return error.record;
  },

  /** The budget is used up and the policy reviews: the answer goes to review. */
  async reviewed(middleware: RouterMiddleware[]): Promise<RouteRecord> {
    return exhaustedRouter(middleware, "review").run("risk_judgement", { messages: user("judge") });
  },

  /** Nothing spent yet: the budget lets the call go as it is. */
  async withinBudget(middleware: RouterMiddleware[]): Promise<RouteRecord> {
    return exhaustedRouter(middleware, "stop", 0).run("risk_judgement", { messages: user("judge") });
  },

  /** classification's fast-model has rpm 1: the second call skips it as rate_limited and falls back. */
  async rateLimited(middleware: RouterMiddleware[]): Promise<RouteRecord> {
    const state = new InMemoryStateBackend();
    const table = parsePolicyTable(testTable({ rate_limits: { "scripted/fast-model": { rpm: 1 } } }));
    const router = createRouter(table, {
      adapters: [new ScriptedAdapter()],
      middleware,
      state,
      onDiagnostic: () => undefined,
    });
    await router.run("classification", { messages: user("first") });
    return router.run("classification", { messages: user("second") });
  },
};

import type { ModelAdapter, TokenUsage } from "../adapter/model-adapter.js";
import { type DiagnosticHandler, guardDiagnostic, rateLimitedWarn } from "../diagnostic-handler.js";
import { ConfigurationError } from "../errors/configuration-error.js";
import { UnknownTaskError } from "../errors/unknown-task-error.js";
import type { PolicyTable, ResolvedPolicy } from "../policy/policy-table.js";
import { PriceBook } from "../pricing/price-book.js";
import { BreakerRegistry } from "../resilience/breaker-registry.js";
import { LatencyBulkheads } from "../resilience/latency-bulkheads.js";
import { InMemoryStateBackend } from "../state/in-memory-state-backend.js";
import type { StateBackend } from "../state/state-backend.js";
import { type InputCounting, inputCountingFor } from "./admit-input.js";
import type { RouterOptions } from "./router.js";
import type { RouterMiddleware } from "./router-middleware.js";

/**
 * Everything one router holds for as long as it lives, shared by all of its calls: the table,
 * an adapter per provider, the per-model circuit breakers and per-latency-tier bulkheads (which
 * only work because every call goes through the same ones), prices, middleware and the
 * diagnostic handler. State that spans calls belongs here; a call's own state is its
 * {@link CallContext}. Fleet-wide rate limits, spend budgets and circuit state live in its
 * {@link StateBackend}, consulted before each target and attempt and after each priced one;
 * `router.embed` uses the
 * same breakers, bulkheads, prices, state and middleware, through each adapter's `embed`.
 */
export class RouterRuntime {
  readonly adapters: ReadonlyMap<string, ModelAdapter>;
  readonly breakers: BreakerRegistry;
  readonly bulkheads: LatencyBulkheads;
  readonly prices: PriceBook;
  /** Rate limits, spend and circuit state, this router's own or shared with a fleet. */
  readonly state: StateBackend;
  /** Whether circuit breakers are on; when off, neither this router's nor the fleet's are consulted. */
  readonly breakersOn: boolean;
  /** Middleware with an `onCall` hook, outermost first. */
  readonly callMiddleware: readonly RouterMiddleware[];
  /** Middleware with an `onAttempt` hook, outermost first. */
  readonly attemptMiddleware: readonly RouterMiddleware[];
  /** Where swallowed errors go; never throws. */
  readonly report: DiagnosticHandler;
  private readonly unpriced = new Set<string>();
  private readonly counting = new WeakMap<ResolvedPolicy, InputCounting>();

  /** Throws {@link ConfigurationError} for an adapter of another contract version or a provider without one. */
  constructor(
    readonly table: PolicyTable,
    options: RouterOptions,
  ) {
    const adapters = new Map<string, ModelAdapter>();
    for (const adapter of options.adapters) {
      if (adapter.specificationVersion !== "v1" && adapter.specificationVersion !== "v2") {
        throw new ConfigurationError(
          `adapter "${adapter.provider}" implements ${String(adapter.specificationVersion)}; this router needs v1 or v2`,
        );
      }
      adapters.set(adapter.provider, adapter);
    }
    checkAdapters(table, adapters);
    this.adapters = adapters;
    this.state = options.state ?? new InMemoryStateBackend();
    this.breakersOn = options.breaker !== false;
    const { state } = this;
    this.breakers = new BreakerRegistry(options.breaker, (provider, model, openUntil) =>
      state.publishBreaker(`${provider}/${model}`, openUntil),
    );
    this.bulkheads = new LatencyBulkheads(table.latencyTiers);
    this.prices = new PriceBook({ ...table.prices, ...options.prices });
    const middleware = options.middleware ?? [];
    this.callMiddleware = middleware.filter((entry) => entry.onCall);
    this.attemptMiddleware = middleware.filter((entry) => entry.onAttempt);
    this.report = guardDiagnostic(options.onDiagnostic ?? rateLimitedWarn());
  }

  /** The policy a task runs under: its own, else the unknown-task route's; throws {@link UnknownTaskError}. */
  policyFor(task: string): ResolvedPolicy {
    const { table } = this;
    const policy = table.policyFor(task) ?? table.policies.find((entry) => entry.id === table.unknownTask);
    if (!policy) {
      throw new UnknownTaskError(
        task,
        table.policies.map((entry) => entry.task),
      );
    }
    return policy;
  }

  /** How a policy's input is counted against its budget (worked out once per policy). */
  inputCounting(policy: ResolvedPolicy): InputCounting {
    let counting = this.counting.get(policy);
    if (counting === undefined) {
      counting = inputCountingFor(this.table, policy, (provider) => this.adapters.get(provider));
      this.counting.set(policy, counting);
    }
    return counting;
  }

  /** The adapter of a provider; every provider the table names has one (checked at construction). */
  adapterFor(provider: string): ModelAdapter {
    const adapter = this.adapters.get(provider);
    if (!adapter) throw new Error(`no adapter for provider "${provider}"`);
    return adapter;
  }

  /**
   * USD for an attempt's usage on a model: 0 when it used no tokens, `null` when the model has no
   * price. An unpriced model is reported once per router, so unknown cost is loud but not noisy.
   */
  costOf(model: string, usage: TokenUsage): number | null {
    if (usage.inputTokens + usage.outputTokens === 0) return 0;
    const cost = this.prices.costOf(model, usage);
    if (cost === null && !this.unpriced.has(model)) {
      this.unpriced.add(model);
      this.report(`no price for model "${model}": its cost is unknown (null), not 0; add it to the table's prices`);
    }
    return cost;
  }
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

import { describe, expect, it, vi } from "vitest";
import { failure, patchPolicy, routerSetup, user } from "../__fixtures__/router-setup.js";
import { DeadlineExceededError } from "../errors/deadline-exceeded-error.js";
import { QueueFullError } from "../errors/queue-full-error.js";
import { RoutingFailedError } from "../errors/routing-failed-error.js";
import { parsePolicyTable } from "../policy/policy-table.js";
import { ScriptedAdapter } from "../testing/scripted-adapter.js";
import { scriptedTable as testTable } from "../testing/scripted-table.js";
import { createRouter } from "./router.js";

describe("retries", () => {
  it("caps attempts per model at the policy's max_attempts", async () => {
    const { adapter, router } = routerSetup(patchPolicy("classification", { fallback_policy: "stop" }));
    adapter.script("fast-model", ...Array.from({ length: 10 }, () => failure("server_error")));
    const error = await router.run("classification", { messages: user("x") }).catch((e) => e);
    expect(RoutingFailedError.isInstance(error)).toBe(true);
    expect(adapter.callsTo("fast-model")).toHaveLength(2);
  });

  it("honours Retry-After and records the wait", async () => {
    const { adapter, router } = routerSetup();
    adapter.script("fast-model", failure("rate_limit", { retryAfterMs: 120 }), { reply: "fine" });
    const started = performance.now();
    const result = await router.run("classification", { messages: user("x") });
    expect(performance.now() - started).toBeGreaterThanOrEqual(115);
    expect(result.outcome).toBe("ok");
    expect(result.attempts.map((a) => [a.kind, a.delayBeforeMs])).toEqual([
      ["primary", 0],
      ["retry", 120],
    ]);
  });

  it("does not wait for a Retry-After beyond the deadline; it falls back instead", async () => {
    const { adapter, router } = routerSetup();
    adapter.script("fast-model", failure("rate_limit", { retryAfterMs: 60_000 }));
    adapter.script("standard-model", { reply: "from fallback" });
    const result = await router.run("classification", { messages: user("x"), timeoutMs: 2_000 });
    expect(result.outcome).toBe("fallback_ok");
    expect(adapter.callsTo("fast-model")).toHaveLength(1);
  });

  it("never retries a content filter on the same model, and fails fast on auth errors", async () => {
    const { adapter, router } = routerSetup(patchPolicy("classification", { fallback_on: ["rate_limit"] }));
    adapter.script("fast-model", failure("content_filter"));
    const filtered = await router.run("classification", { messages: user("x") }).catch((e) => e);
    expect(filtered.record.errorClass).toBe("content_filter");
    expect(filtered.record.attempts).toHaveLength(1);
    adapter.script("fast-model", failure("auth", { status: 401 }));
    const denied = await router.run("classification", { messages: user("x") }).catch((e) => e);
    expect(denied.record.errorClass).toBe("auth");
    expect(adapter.callsTo("standard-model")).toHaveLength(0);
  });

  it("moves a context-length error to the fallback without retrying the same model", async () => {
    const { adapter, router } = routerSetup();
    adapter.script("fast-model", failure("context_length", { status: 400 }));
    adapter.script("standard-model", { reply: "bigger window" });
    const result = await router.run("classification", { messages: user("x") });
    expect(result.fallback.reason).toBe("context_length");
    expect(adapter.callsTo("fast-model")).toHaveLength(1);
  });
});

describe("circuit breaker", () => {
  it("opens after consecutive failures, skips the model, and closes after its cooldown", async () => {
    const { adapter, router } = routerSetup(patchPolicy("classification", { retry: { max_attempts: 1 } }));
    adapter.script("fast-model", failure("server_error"), failure("server_error"), failure("server_error"));
    for (let i = 0; i < 3; i += 1) await router.run("classification", { messages: user("x") });
    const skipped = await router.run("classification", { messages: user("x") });
    expect(skipped.attempts[0]).toMatchObject({ outcome: "skipped", errorClass: "circuit_open" });
    expect(skipped.fallback.reason).toBe("circuit_open");
    expect(adapter.callsTo("fast-model")).toHaveLength(3);
    await new Promise((resolve) => setTimeout(resolve, 250));
    const recovered = await router.run("classification", { messages: user("x") });
    expect(recovered.outcome).toBe("ok");
    expect(adapter.callsTo("fast-model")).toHaveLength(4);
  });
});

describe("circuit breaker off", () => {
  it("never skips a model when breakers are turned off", async () => {
    const adapter = new ScriptedAdapter();
    const policies = testTable().policies.map((policy) =>
      policy.task === "classification" ? { ...policy, retry: { max_attempts: 1 } } : policy,
    );
    const router = createRouter(parsePolicyTable(testTable({ policies })), {
      adapters: [adapter],
      breaker: false,
      onDiagnostic: () => {},
    });
    adapter.script("fast-model", ...Array.from({ length: 8 }, () => failure("server_error")));
    for (let i = 0; i < 8; i += 1) await router.run("classification", { messages: user("x") });
    expect(adapter.callsTo("fast-model")).toHaveLength(8);
  });
});

describe("deadlines", () => {
  it("settles a hanging provider by the deadline with a timeout", async () => {
    const { adapter, router } = routerSetup(patchPolicy("classification", { fallback_policy: "stop" }));
    adapter.script("fast-model", { hang: true });
    const started = performance.now();
    const error = await router.run("classification", { messages: user("x"), timeoutMs: 150 }).catch((e) => e);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(DeadlineExceededError.isInstance(error)).toBe(true);
    expect(error.record.errorClass).toBe("timeout");
    expect(adapter.calls[0]?.signal.aborted).toBe(true);
  });

  it("cuts a retry backoff short at the deadline instead of sleeping past it", async () => {
    const random = vi.spyOn(Math, "random").mockReturnValue(1);
    try {
      const { adapter, router } = routerSetup(
        patchPolicy("classification", {
          fallback_policy: "stop",
          retry: { max_attempts: 3, base_delay_ms: 5_000, max_delay_ms: 5_000 },
        }),
      );
      adapter.script("fast-model", failure("server_error"), { reply: "too late" });
      const started = performance.now();
      const error = await router.run("classification", { messages: user("x"), timeoutMs: 150 }).catch((e) => e);
      expect(performance.now() - started).toBeLessThan(2_000);
      expect(DeadlineExceededError.isInstance(error)).toBe(true);
      expect(error.record.errorClass).toBe("timeout");
      expect(adapter.callsTo("fast-model")).toHaveLength(1);
    } finally {
      random.mockRestore();
    }
  });

  it("reports a caller's abort as aborted", async () => {
    const { adapter, router } = routerSetup(patchPolicy("classification", { fallback_policy: "stop" }));
    adapter.script("fast-model", { hang: true });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const error = await router
      .run("classification", { messages: user("x"), signal: controller.signal })
      .catch((e) => e);
    expect(DeadlineExceededError.isInstance(error)).toBe(true);
    expect(error.record.errorClass).toBe("aborted");
  });
});

describe("latency tiers", () => {
  it("lets a fast-tier call finish while the slow tier is saturated", async () => {
    const { adapter, router } = routerSetup();
    adapter.script("strong-model", ...Array.from({ length: 6 }, () => ({ reply: "slow", delayMs: 400 })));
    let slowFinished = 0;
    const slow = Array.from({ length: 6 }, () =>
      router.run("risk_judgement", { messages: user("x") }).then((result) => {
        slowFinished += 1;
        return result;
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 20));
    const fast = await router.run("classification", { messages: user("x") });
    // The slow tier runs 2 at a time; had the fast call queued behind them, some would be done.
    expect(slowFinished).toBe(0);
    const slowResults = await Promise.all(slow);
    expect(fast.outcome).toBe("ok");
    expect(slowResults.every((result) => result.outcome === "ok")).toBe(true);
  });

  it("rejects with QueueFullError when a tier's slots and queue are full", async () => {
    const { adapter, router } = routerSetup();
    adapter.script("fast-model", ...Array.from({ length: 6 }, () => ({ reply: "x", delayMs: 100 })));
    const calls = Array.from({ length: 7 }, () =>
      router.run("classification", { messages: user("x") }).catch((e) => e),
    );
    const settled = await Promise.all(calls);
    const rejected = settled.filter((value) => QueueFullError.isInstance(value));
    expect(rejected).toHaveLength(1);
    expect(rejected[0]?.record.outcome).toBe("rejected");
    expect(rejected[0]?.record.attempts).toHaveLength(0);
  });
});

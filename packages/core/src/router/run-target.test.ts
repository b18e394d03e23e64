import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { callContext } from "../__fixtures__/call-context.js";
import { failure, user } from "../__fixtures__/router-setup.js";
import type { ModelTarget } from "./fallback-chain.js";
import { runTarget } from "./run-target.js";

const fast: ModelTarget = {
  kind: "model",
  provider: "scripted",
  model: "fast-model",
  tier: "fast",
  maxOutputTokens: 200,
};

/** Math.random pinned to 1: full-jitter backoff then waits its whole exponential delay. */
function noJitter() {
  const random = vi.spyOn(Math, "random").mockReturnValue(1);
  return () => random.mockRestore();
}

describe("runTarget", () => {
  it("retries transient failures with exponential backoff, capped, and records each wait", async () => {
    const restore = noJitter();
    try {
      const patch = { retry: { max_attempts: 4, base_delay_ms: 2, max_delay_ms: 5 } };
      const { adapter, context } = callContext({ patch, breaker: false });
      adapter.script("fast-model", failure("server_error"), failure("timeout"), failure("server_error"), {
        reply: "ok",
      });
      const outcome = await runTarget(context, fast, user("x"), "primary");
      expect(outcome).toMatchObject({ kind: "answer", value: "ok", servedModel: "fast-model" });
      expect(context.state.attempts.map((a) => [a.kind, a.outcome, a.delayBeforeMs])).toEqual([
        ["primary", "error", 0],
        ["retry", "error", 2],
        ["retry", "error", 4],
        ["retry", "ok", 5],
      ]);
    } finally {
      restore();
    }
  });

  it("waits what the provider's Retry-After asks instead of its own backoff", async () => {
    const { adapter, context } = callContext();
    adapter.script("fast-model", failure("rate_limit", { retryAfterMs: 30 }), { reply: "ok" });
    const outcome = await runTarget(context, fast, user("x"), "primary");
    expect(outcome.kind).toBe("answer");
    expect(context.state.attempts.map((a) => a.delayBeforeMs)).toEqual([0, 30]);
  });

  it("returns the last failure once max_attempts sends were made", async () => {
    const { adapter, context } = callContext({ patch: { retry: { max_attempts: 2, base_delay_ms: 1 } } });
    adapter.script("fast-model", failure("server_error"), failure("rate_limit"), { reply: "too late" });
    const outcome = await runTarget(context, fast, user("x"), "primary");
    expect(outcome).toMatchObject({ kind: "failure", errorClass: "rate_limit" });
    expect(adapter.callsTo("fast-model")).toHaveLength(2);
  });

  it("never retries a failure a retry cannot cure", async () => {
    const { adapter, context } = callContext();
    adapter.script("fast-model", failure("content_filter"), { reply: "ok" });
    expect(await runTarget(context, fast, user("x"), "primary")).toMatchObject({ errorClass: "content_filter" });
    expect(adapter.calls).toHaveLength(1);
  });

  it("does not wait for a Retry-After that ends past the deadline", async () => {
    const { adapter, context } = callContext({ timeoutMs: 2_000 });
    adapter.script("fast-model", failure("rate_limit", { retryAfterMs: 60_000 }), { reply: "ok" });
    const outcome = await runTarget(context, fast, user("x"), "primary");
    // Had it slept, the deadline would have cut the wait and the class would be `timeout`.
    expect(outcome).toMatchObject({ kind: "failure", errorClass: "rate_limit" });
    expect(adapter.calls).toHaveLength(1);
  });

  it("cuts a backoff short when the deadline passes during it", async () => {
    const restore = noJitter();
    try {
      // A 60 s backoff that ran to its end would outlast the test's own timeout.
      const patch = { retry: { max_attempts: 3, base_delay_ms: 60_000, max_delay_ms: 60_000 } };
      const { adapter, context } = callContext({ patch, timeoutMs: 50 });
      adapter.script("fast-model", failure("server_error"), { reply: "too late" });
      const outcome = await runTarget(context, fast, user("x"), "primary");
      expect(outcome).toMatchObject({ kind: "failure", errorClass: "timeout" });
      expect(adapter.calls).toHaveLength(1);
      expect(context.state.attempts).toHaveLength(1);
    } finally {
      restore();
    }
  });

  it("settles an adapter that ignores its signal at the deadline, as a timeout", async () => {
    const { adapter, context } = callContext({ timeoutMs: 50 });
    adapter.generate = () => new Promise(() => {});
    const outcome = await runTarget(context, fast, user("x"), "primary");
    expect(outcome).toMatchObject({ kind: "failure", errorClass: "timeout" });
    expect(context.state.attempts[0]).toMatchObject({ outcome: "error", errorClass: "timeout" });
  });

  it("skips a model whose circuit is open and records the skip", async () => {
    const { adapter, context } = callContext({
      patch: { retry: { max_attempts: 1 } },
      breaker: { consecutiveFailures: 2, halfOpenAfterMs: 60_000 },
    });
    adapter.script("fast-model", failure("server_error"), failure("server_error"), { reply: "ok" });
    await runTarget(context, fast, user("x"), "primary");
    await runTarget(context, fast, user("x"), "primary");
    const skipped = await runTarget(context, fast, user("x"), "fallback");
    expect(skipped).toMatchObject({ kind: "failure", errorClass: "circuit_open" });
    expect(context.state.attempts.at(-1)).toMatchObject({ kind: "fallback", outcome: "skipped", costUsd: 0 });
    expect(adapter.calls).toHaveLength(2);
  });

  it("keeps the backoff wait on an attempt the opened circuit skipped", async () => {
    const restore = noJitter();
    try {
      const patch = { retry: { max_attempts: 2, base_delay_ms: 5, max_delay_ms: 5 } };
      const { adapter, context } = callContext({ patch, breaker: { consecutiveFailures: 1, halfOpenAfterMs: 60_000 } });
      adapter.script("fast-model", failure("server_error"), { reply: "never sent" });
      const outcome = await runTarget(context, fast, user("x"), "primary");
      expect(outcome).toMatchObject({ kind: "failure", errorClass: "circuit_open" });
      expect(context.state.attempts.map((a) => [a.kind, a.outcome, a.delayBeforeMs])).toEqual([
        ["primary", "error", 0],
        ["retry", "skipped", 5],
      ]);
    } finally {
      restore();
    }
  });

  it("counts only transient failures against the circuit", async () => {
    const { adapter, context } = callContext({ breaker: { consecutiveFailures: 1, halfOpenAfterMs: 60_000 } });
    adapter.script("fast-model", failure("auth"), failure("bad_request"), { reply: "ok" });
    await runTarget(context, fast, user("x"), "primary");
    await runTarget(context, fast, user("x"), "primary");
    expect(await runTarget(context, fast, user("x"), "primary")).toMatchObject({ kind: "answer" });
    expect(adapter.calls).toHaveLength(3);
  });

  it("returns an answer that fails the schema as invalid, without retrying it", async () => {
    const schema = z.object({ label: z.string() });
    const { adapter, context } = callContext({ request: { schema } });
    adapter.script("fast-model", { reply: { label: 3 } }, { reply: { label: "nda" } });
    const outcome = await runTarget(context, fast, user("x"), "primary");
    expect(outcome).toMatchObject({ kind: "invalid", candidate: { label: 3 }, servedModel: "fast-model" });
    expect(outcome.kind === "invalid" && outcome.problem).toMatch(/^label: /);
    expect(context.state.attempts[0]).toMatchObject({ outcome: "error", errorClass: "schema_invalid" });
    expect(adapter.calls).toHaveLength(1);
  });
});

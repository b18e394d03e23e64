import { describe, expect, it } from "vitest";
import { z } from "zod";
import { testTable } from "../__fixtures__/tables.js";
import { BudgetExceededError } from "../errors/budget-exceeded-error.js";
import { ConfigurationError } from "../errors/configuration-error.js";
import { RoutingFailedError } from "../errors/routing-failed-error.js";
import { UnknownTaskError } from "../errors/unknown-task-error.js";
import { parsePolicyTable } from "../policy/policy-table.js";
import { ScriptedAdapter } from "../testing/scripted-adapter.js";
import { createRouter } from "./router.js";

const user = (content: string) => [{ role: "user" as const, content }];
const labelSchema = z.object({ label: z.enum(["msa", "nda", "unknown"]) });

function setup(overrides = {}) {
  const adapter = new ScriptedAdapter();
  const warnings: string[] = [];
  const router = createRouter(parsePolicyTable(testTable(overrides)), {
    adapters: [adapter],
    onDiagnostic: (message) => warnings.push(message),
  });
  return { adapter, router, warnings };
}

describe("router basics", () => {
  it("returns typed output with policy, attempts, usage and cost", async () => {
    const { adapter, router } = setup();
    adapter.script("fast-model", { reply: { label: "nda" }, usage: { inputTokens: 1000, outputTokens: 10 } });
    const result = await router.run("classification", { messages: user("classify this"), schema: labelSchema });
    expect(result.outcome).toBe("ok");
    expect(result.output).toEqual({ label: "nda" });
    expect(result.policy).toMatchObject({ id: "classify", version: "1", tableVersion: "2026-11-01" });
    expect(result.policy.digest).toMatch(/^[0-9a-f]{16}$/);
    expect(result.attempts).toHaveLength(1);
    expect(result.costUsd).toBeCloseTo((1000 * 1 + 10 * 2) / 1e6, 12);
    expect(result.modelServed).toBe("fast-model");
    expect(adapter.calls[0]?.maxOutputTokens).toBe(200);
    expect(adapter.calls[0]?.responseFormat?.schema).toMatchObject({ type: "object" });
  });

  it("refuses over-budget input before any adapter call", async () => {
    const { adapter, router } = setup();
    const error = await router.run("classification", { messages: user("word ".repeat(5000)) }).catch((e) => e);
    expect(BudgetExceededError.isInstance(error)).toBe(true);
    expect(error.allowed).toBe(2000);
    expect(error.counted).toBeGreaterThan(2000);
    expect(error.record.outcome).toBe("rejected");
    expect(adapter.calls).toHaveLength(0);
  });

  it("rejects, never throws, with UnknownTaskError for an undeclared task", async () => {
    const { router } = setup();
    let promise: Promise<unknown> | undefined;
    expect(() => {
      promise = router.run("nope" as "classification", { messages: user("x") });
    }).not.toThrow();
    await expect(promise).rejects.toSatisfy(UnknownTaskError.isInstance);
    const settled = await Promise.allSettled(
      ["classification", "nope"].map((task) => router.run(task as "classification", { messages: user("x") })),
    );
    expect(settled.map((entry) => entry.status)).toEqual(["fulfilled", "rejected"]);
  });

  it("refuses a fallback step on a provider that has no adapter, naming it", () => {
    const table = parsePolicyTable(
      testTable({
        policies: testTable().policies.map((policy) =>
          policy.task === "risk_judgement"
            ? { ...policy, fallback_steps: [{ model: "claude-x", provider: "anthropic" }, "stop"] }
            : policy,
        ),
      }),
    );
    const create = () => createRouter(table, { adapters: [new ScriptedAdapter()] });
    expect(create).toThrow(ConfigurationError);
    expect(create).toThrow(/"anthropic".*fallback_steps.*"risk"/);
  });

  it("falls back to the next tier on a rate limit and reports the reason", async () => {
    const { adapter, router } = setup();
    const limited = { error: { errorClass: "rate_limit" as const, message: "429", status: 429, retryAfterMs: 1 } };
    adapter.script("fast-model", limited, limited);
    adapter.script("standard-model", { reply: { label: "msa" } });
    const result = await router.run("classification", { messages: user("x"), schema: labelSchema });
    expect(result.outcome).toBe("fallback_ok");
    expect(result.fallback).toEqual({ policy: "next_tier", used: true, reason: "rate_limit" });
    expect(result.attempts.map((a) => [a.model, a.kind, a.outcome])).toEqual([
      ["fast-model", "primary", "error"],
      ["fast-model", "retry", "error"],
      ["standard-model", "fallback", "ok"],
    ]);
    expect(result.modelRequested).toBe("fast-model");
    expect(result.modelServed).toBe("standard-model");
  });

  it("fails with the full record when the chain ends in stop", async () => {
    const { adapter, router } = setup();
    const down = { error: { errorClass: "server_error" as const, message: "503", status: 503 } };
    adapter.script("strong-model", down, down, down);
    const error = await router.run("risk_judgement", { messages: user("x") }).catch((e) => e);
    expect(RoutingFailedError.isInstance(error)).toBe(true);
    expect(error.record.outcome).toBe("failed");
    expect(error.record.errorClass).toBe("server_error");
    expect(error.record.attempts).toHaveLength(3);
  });
});

import { describe, expect, it } from "vitest";
import { patchPolicy } from "../__fixtures__/router-setup.js";
import { testTable } from "../__fixtures__/tables.js";
import { parsePolicyTable } from "../policy/policy-table.js";
import { fallbackChain } from "./fallback-chain.js";

function chainOf(task: string, patch: Record<string, unknown> = {}, startTier?: string) {
  const table = parsePolicyTable(testTable(patchPolicy(task, patch)));
  const policy = table.policyFor(task);
  if (!policy) throw new Error(`no policy for ${task}`);
  return fallbackChain(policy, table, startTier).map((target) =>
    target.kind === "model" ? `${target.tier ?? "-"}:${target.model}:${target.maxOutputTokens}` : target.kind,
  );
}

describe("fallbackChain", () => {
  it("expands fallback_policy next_tier into the next declared tier, then stop", () => {
    expect(chainOf("classification")).toEqual(["fast:fast-model:200", "standard:standard-model:200", "stop"]);
  });

  it("ends at stop or partial as the policy says", () => {
    expect(chainOf("risk_judgement")).toEqual(["strong:strong-model:1000", "stop"]);
    expect(chainOf("risk_judgement", { fallback_policy: "partial" })).toEqual(["strong:strong-model:1000", "partial"]);
  });

  it("ends the chain when an escalated start leaves next_tier no tier", () => {
    expect(chainOf("classification", {}, "strong")).toEqual(["strong:strong-model:200", "stop"]);
  });

  it("follows explicit steps; a model step keeps the provider of the tier before it", () => {
    const steps = [{ tier: "strong" }, { model: "strong-model-2024-08-06" }, "partial"];
    expect(chainOf("classification", { fallback_steps: steps })).toEqual([
      "fast:fast-model:200",
      "strong:strong-model:200",
      "-:strong-model-2024-08-06:200",
      "partial",
    ]);
  });

  it("caps the output limit at each tier's own cap", () => {
    const steps = [{ tier: "fast" }, "stop"];
    expect(chainOf("extraction", { max_output_tokens: 6_000, fallback_steps: steps })).toEqual([
      "standard:standard-model:6000",
      "fast:fast-model:4000",
      "stop",
    ]);
  });

  it("starts from the tier over-budget input was escalated to", () => {
    expect(chainOf("classification", {}, "standard")).toEqual([
      "standard:standard-model:200",
      "strong:strong-model:200",
      "stop",
    ]);
  });
});

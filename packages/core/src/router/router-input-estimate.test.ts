import { encode } from "gpt-tokenizer/encoding/o200k_base";
import { describe, expect, it } from "vitest";
import type { InputTokenEstimate } from "../adapter/model-adapter.js";
import { BudgetExceededError } from "../errors/budget-exceeded-error.js";
import { parsePolicyTable } from "../policy/policy-table.js";
import { ScriptedAdapter } from "../testing/scripted-adapter.js";
import { scriptedTable } from "../testing/scripted-table.js";
import { inputCountingFor } from "./admit-input.js";
import { createRouter } from "./router.js";

/** A scripted provider whose tokenizer the router does not have, like Anthropic's. */
class EstimatingAdapter extends ScriptedAdapter {
  readonly inputTokenEstimate: InputTokenEstimate = { safetyFactor: 1.5, maxTokensPerImage: 1_600 };
}

const text = "The supplier shall indemnify the customer. ".repeat(40);
// What o200k_base counts for one user message of `text` (4 per message, 3 for the reply primer).
const o200k = encode(text).length + 7;

/** `classification`'s budget set to `budget`, falling back to `other/other-model` or not. */
function setup(budget: number, fallbackToOther: boolean) {
  const base = scriptedTable();
  const table = parsePolicyTable({
    ...base,
    policies: base.policies.map((policy) =>
      policy.task === "classification"
        ? {
            ...policy,
            max_input_tokens: budget,
            fallback_steps: fallbackToOther ? [{ provider: "other", model: "other-model" }, "stop"] : ["stop"],
          }
        : policy,
    ) as typeof base.policies,
  });
  const scripted = new ScriptedAdapter();
  const other = new EstimatingAdapter("other");
  const router = createRouter(table, { adapters: [scripted, other] });
  return { router, scripted };
}

describe("the input budget of a call that can reach a provider with another tokenizer", () => {
  it("counts with o200k_base alone when no provider of the chain estimates", async () => {
    const { router } = setup(o200k, false);
    const result = await router.run("classification", { messages: [{ role: "user", content: text }] });
    expect(result.inputTokens).toMatchObject({ withinBudget: true, tokens: o200k, method: "exact" });
  });

  it("counts with the safety factor of a fallback provider, says so, and refuses before any call", async () => {
    const { router, scripted } = setup(o200k, true);
    const error = await router.run("classification", { messages: [{ role: "user", content: text }] }).catch((e) => e);
    expect(BudgetExceededError.isInstance(error)).toBe(true);
    expect(error.record.inputTokens).toMatchObject({ withinBudget: false, method: "estimate" });
    expect(scripted.calls).toHaveLength(0);

    const roomy = setup(Math.ceil(o200k * 1.5), true);
    const result = await roomy.router.run("classification", { messages: [{ role: "user", content: text }] });
    expect(result.inputTokens).toEqual({ withinBudget: true, tokens: Math.ceil(o200k * 1.5), method: "estimate" });
  });

  it("counts an image at the largest bound a reachable provider declares, unless the policy sets one", () => {
    const table = (steps: unknown[], image?: number) => {
      const base = scriptedTable();
      return parsePolicyTable({
        ...base,
        policies: base.policies.map((policy) =>
          policy.task === "classification"
            ? { ...policy, fallback_steps: steps, ...(image === undefined ? {} : { max_tokens_per_image: image }) }
            : policy,
        ) as typeof base.policies,
      });
    };
    const adapters = new Map([
      ["scripted", new ScriptedAdapter()],
      ["other", new EstimatingAdapter("other")],
    ]);
    const countingOf = (parsed: ReturnType<typeof table>) =>
      inputCountingFor(parsed, parsed.policyFor("classification")!, (provider) => adapters.get(provider));
    expect(countingOf(table(["stop"]))).toMatchObject({ safetyFactor: 1, partTokens: { image: 1_445 } });
    expect(countingOf(table([{ provider: "other", model: "m" }, "stop"]))).toMatchObject({
      safetyFactor: 1.5,
      partTokens: { image: 1_600 },
    });
    expect(countingOf(table([{ provider: "other", model: "m" }, "stop"], 500)).partTokens.image).toBe(500);
  });
});

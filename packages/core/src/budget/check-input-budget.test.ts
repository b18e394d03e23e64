import { createRequire } from "node:module";
import { encode } from "gpt-tokenizer/encoding/o200k_base";
import { describe, expect, it } from "vitest";
import { checkInputBudget } from "./check-input-budget.js";

const message = (content: string) => [{ role: "user" as const, content }];

describe("checkInputBudget", () => {
  // First in the file: each test file runs in a fresh worker, so nothing has required it yet.
  it("loads the tokenizer only once a count has to be exact", () => {
    const require = createRequire(import.meta.url);
    const loaded = () => require.cache[require.resolve("gpt-tokenizer/encoding/o200k_base")] !== undefined;
    expect(checkInputBudget(message("short prompt"), 1000).method).toBe("bound");
    expect(loaded()).toBe(false);
    expect(checkInputBudget(message("word ".repeat(400)), 100).method).toBe("exact");
    expect(loaded()).toBe(true);
  });

  it("decides far-under-budget input by a bound, without tokenizing", () => {
    const check = checkInputBudget(message("short prompt"), 1000);
    expect(check).toMatchObject({ withinBudget: true, method: "bound" });
  });

  it("counts exactly near the budget", () => {
    const text = "The supplier shall indemnify the customer. ".repeat(40);
    const exact = encode(text).length + 7;
    const check = checkInputBudget(message(text), exact);
    expect(check).toEqual({ withinBudget: true, tokens: exact, method: "exact" });
    expect(checkInputBudget(message(text), exact - 1)).toMatchObject({ withinBudget: false, method: "exact" });
  });

  it("refuses huge input at the cost of the budget, not of the input", () => {
    const huge = "lorem ipsum ".repeat(1_000_000);
    const check = checkInputBudget(message(huge), 1000);
    expect(check).toEqual({ withinBudget: false, tokens: 1001, method: "exact" });
  });

  it("counts multi-byte text with the byte bound", () => {
    const text = "日本語の契約書".repeat(10);
    const bound = checkInputBudget(message(text), 10_000);
    expect(bound.withinBudget).toBe(true);
    const tight = checkInputBudget(message(text), 50);
    expect(tight.method).toBe("exact");
  });

  it("includes per-message overhead", () => {
    const messages = Array.from({ length: 10 }, () => ({ role: "user" as const, content: "" }));
    expect(checkInputBudget(messages, 42).withinBudget).toBe(false);
    expect(checkInputBudget(messages, 43).withinBudget).toBe(true);
  });
});

describe("checkInputBudget for a provider with another tokenizer", () => {
  const text = "The supplier shall indemnify the customer. ".repeat(40);
  const o200k = encode(text).length + 7;

  it("scales the o200k_base count by the safety factor and says it estimated", () => {
    const scaled = Math.ceil(o200k * 1.6);
    expect(checkInputBudget(message(text), scaled, undefined, undefined, 1.6)).toEqual({
      withinBudget: true,
      tokens: scaled,
      method: "estimate",
    });
    // What fits the exact o200k count is refused once scaled: the estimate errs high, never low.
    expect(checkInputBudget(message(text), o200k, undefined, undefined, 1.6)).toMatchObject({
      withinBudget: false,
      method: "estimate",
    });
  });

  it("admits what the byte bound admits, whatever the factor: the bound holds for any byte-level tokenizer", () => {
    const bytes = Buffer.byteLength(text, "utf8") + 7;
    expect(checkInputBudget(message(text), bytes, undefined, undefined, 1_000)).toMatchObject({
      withinBudget: true,
      method: "bound",
    });
    expect(checkInputBudget(message(text), bytes - 1, undefined, undefined, 1_000)).toMatchObject({
      withinBudget: false,
      method: "estimate",
    });
  });

  it("still decides far-under-budget input by the bound", () => {
    expect(checkInputBudget(message("short prompt"), 1000, undefined, undefined, 1.6).method).toBe("bound");
  });
});

describe("checkInputBudget with tools and parts", () => {
  const tool = { name: "lookup", description: "Looks a word up", parameters: { type: "object" } };
  const image = { type: "image" as const, url: "https://example.com/a.png", mediaType: "image/png" };

  it("counts tool definitions and tool-call history", () => {
    const messages = [
      { role: "user" as const, content: "hi" },
      { role: "assistant" as const, toolCalls: [{ id: "c1", name: "lookup", arguments: '{"word":"x"}' }] },
      { role: "tool" as const, toolCallId: "c1", content: "y" },
    ];
    const without = checkInputBudget(messages, 100_000);
    const withTool = checkInputBudget(messages, 100_000, [tool]);
    expect(withTool.tokens).toBeGreaterThan(without.tokens);
    expect(checkInputBudget(messages, 30, [tool]).withinBudget).toBe(false);
  });

  it("counts each image and file at its bound, never less", () => {
    const messages = [{ role: "user" as const, content: [{ type: "text" as const, text: "see" }, image, image] }];
    expect(checkInputBudget(messages, 2_000, undefined, { image: 1_445, file: 8_000 }).withinBudget).toBe(false);
    const check = checkInputBudget(messages, 2_000, undefined, { image: 500, file: 8_000 });
    expect(check.withinBudget).toBe(true);
    expect(check.tokens).toBeGreaterThanOrEqual(1_000);
  });
});

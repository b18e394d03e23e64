import { describe, expect, it } from "vitest";
import { embeddingBatches } from "../router/embedding-batches.js";
import { checkEmbeddingBudget } from "./check-embedding-budget.js";

describe("checkEmbeddingBudget", () => {
  it("settles small input with a bound and estimates each item", () => {
    const check = checkEmbeddingBudget(["abcd", "abcdefgh"], 100, 50);
    expect(check).toEqual({
      withinBudget: true,
      tokens: 3,
      method: "bound",
      itemTokens: [1, 2],
      itemOverLimit: undefined,
    });
  });

  it("counts exactly when asked, with no chat framing", () => {
    const check = checkEmbeddingBudget(["cat", "dog sun"], 100, 50, true);
    expect(check).toMatchObject({ withinBudget: true, method: "exact", itemTokens: [1, 2], tokens: 3 });
  });

  it("names the first item over the per-item limit", () => {
    const check = checkEmbeddingBudget(["cat", "word ".repeat(30), "dog"], 1_000, 10);
    expect(check).toMatchObject({ withinBudget: false, method: "exact", itemOverLimit: 1 });
  });

  it("stops counting once the items together pass the call's budget", () => {
    const items = Array.from({ length: 100 }, () => "word ".repeat(10));
    const check = checkEmbeddingBudget(items, 50, 50);
    expect(check.withinBudget).toBe(false);
    expect(check.itemOverLimit).toBeUndefined();
    expect(check.tokens).toBeGreaterThan(50);
    expect(check.itemTokens.length).toBeLessThan(100);
  });
});

describe("embeddingBatches", () => {
  it("gives an oversized item a batch of its own", () => {
    const batches = embeddingBatches(["a", "b", "c"], [1, 9, 1], 10, 5);
    expect(batches).toEqual([
      { start: 0, input: ["a"] },
      { start: 1, input: ["b"] },
      { start: 2, input: ["c"] },
    ]);
  });

  it("keeps everything in one batch without limits", () => {
    expect(embeddingBatches(["a", "b"], [1, 1])).toEqual([{ start: 0, input: ["a", "b"] }]);
  });
});

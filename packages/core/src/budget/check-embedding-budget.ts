import { type BudgetCheck, tokenizer } from "./check-input-budget.js";

/** The embeddings budget check's answer: the call's total, as for chat input, and each item's count. */
export interface EmbeddingBudgetCheck extends BudgetCheck {
  /**
   * Tokens of each item, in input order, as far as counting went: exact when `method` is
   * `exact`, a characters/4 estimate when a bound decided. Batching packs items by these.
   */
  readonly itemTokens: readonly number[];
  /** The first item over the per-item limit, when one is; the call is then over budget. */
  readonly itemOverLimit: number | undefined;
}

/**
 * Decides whether an embeddings input fits its budgets: every item within `itemBudget` and all
 * items together within `callBudget`. Embeddings have no chat framing, so each item counts as
 * its text alone. As for chat input, a cheap bound settles the common case without the
 * tokenizer (a BPE token is at least one UTF-8 byte); `exact` forces a count, which batching by
 * tokens needs. Counting stops as soon as an item or the total passes its limit, so a huge
 * input costs no more than the budgets to refuse.
 */
export function checkEmbeddingBudget(
  items: readonly string[],
  callBudget: number,
  itemBudget = callBudget,
  exact = false,
): EmbeddingBudgetCheck {
  if (!exact) {
    let bytes = 0;
    let fits = true;
    for (const item of items) {
      const itemBytes = Buffer.byteLength(item, "utf8");
      bytes += itemBytes;
      if (itemBytes > itemBudget || bytes > callBudget) {
        fits = false;
        break;
      }
    }
    if (fits) {
      const itemTokens = items.map((item) => Math.ceil(item.length / 4));
      const tokens = itemTokens.reduce((sum, count) => sum + count, 0);
      return { withinBudget: true, tokens, method: "bound", itemTokens, itemOverLimit: undefined };
    }
  }
  const { isWithinTokenLimit } = tokenizer();
  const itemTokens: number[] = [];
  let counted = 0;
  for (const [index, item] of items.entries()) {
    const within = isWithinTokenLimit(item, itemBudget);
    if (within === false) {
      return {
        withinBudget: false,
        tokens: counted + itemBudget + 1,
        method: "exact",
        itemTokens,
        itemOverLimit: index,
      };
    }
    itemTokens.push(within);
    counted += within;
    if (counted > callBudget) {
      return { withinBudget: false, tokens: counted, method: "exact", itemTokens, itemOverLimit: undefined };
    }
  }
  return { withinBudget: true, tokens: counted, method: "exact", itemTokens, itemOverLimit: undefined };
}

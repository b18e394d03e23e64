/** One provider request of an embeddings call: a run of consecutive items. */
export interface EmbeddingBatch {
  /** Index of the batch's first item in the call's input. */
  readonly start: number;
  readonly input: readonly string[];
}

/**
 * Splits a call's items into consecutive batches of at most `maxItems` items and `maxTokens`
 * tokens each (either may be absent: no limit), in input order, so the vectors of the batches
 * concatenate back into the input's order. An item larger than `maxTokens` on its own still
 * gets a batch of its own: the per-item budget, checked before, is what refuses items.
 */
export function embeddingBatches(
  items: readonly string[],
  itemTokens: readonly number[],
  maxItems = Number.POSITIVE_INFINITY,
  maxTokens = Number.POSITIVE_INFINITY,
): EmbeddingBatch[] {
  const batches: EmbeddingBatch[] = [];
  let start = 0;
  let tokens = 0;
  for (let index = 0; index < items.length; index += 1) {
    const count = itemTokens[index] ?? 0;
    const size = index - start;
    if (size > 0 && (size >= maxItems || tokens + count > maxTokens)) {
      batches.push({ start, input: items.slice(start, index) });
      start = index;
      tokens = 0;
    }
    tokens += count;
  }
  if (items.length > start) batches.push({ start, input: items.slice(start) });
  return batches;
}

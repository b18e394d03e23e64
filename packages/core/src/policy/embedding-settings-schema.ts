import { z } from "zod";

/**
 * How `router.embed` treats a task's input, beyond the policy's `max_input_tokens` (which caps
 * the whole call, every item summed): the most tokens one item may have, the most items and
 * tokens one provider request may carry (the call is split into batches that fit, smaller still
 * when the adapter's limit is), and the vector size and wire encoding to ask for. Every field is
 * optional: a policy without this block embeds with the adapter's defaults.
 */
export const embeddingSettingsSchema = z.strictObject({
  /** Tokens one input item may have; an item over it refuses the call before anything is sent. */
  max_item_tokens: z.int().positive().optional(),
  /** Items per provider request (OpenAI accepts up to 2048). */
  max_batch_items: z.int().positive().optional(),
  /** Tokens per provider request, summed over its items (OpenAI: 300,000). */
  max_batch_tokens: z.int().positive().optional(),
  /** The vector size to ask for, on models that can shorten theirs (OpenAI's `dimensions`). */
  dimensions: z.int().positive().optional(),
  /** The wire encoding to ask for; results are numbers either way. */
  encoding_format: z.enum(["float", "base64"]).optional(),
});

/** A policy's `embedding` block, as {@link embeddingSettingsSchema} validates it. */
export type EmbeddingSettings = z.output<typeof embeddingSettingsSchema>;

import { createRouter, defineTable, type ModelAdapter } from "../../index.js";

// Any adapter with `embed` will do (`openAIAdapter(client)` is one); this one makes a toy vector
// per text so the example runs anywhere.
const adapter: ModelAdapter = {
  specificationVersion: "v2",
  provider: "toy",
  generate: async () => {
    throw new Error("this adapter only embeds");
  },
  embed: async (call) => ({
    embeddings: call.input.map((text) => [text.length, text.split(" ").length]),
    usage: { inputTokens: Math.ceil(call.input.join(" ").length / 4) },
    servedModel: call.model,
  }),
  maxEmbeddingBatchItems: 2048,
};

const table = defineTable({
  version: "1",
  tiers: { embed_small: { provider: "toy", model: "text-embedding-3-small" } },
  policies: [
    {
      id: "index-clauses",
      version: "1",
      task: "clause_index",
      model_tier: "embed_small",
      max_input_tokens: 100_000, // the whole call, every item summed
      max_output_tokens: 1,
      evidence_required: false,
      review_required: false,
      fallback_policy: "stop",
      latency_tier: "batch",
      embedding: { max_item_tokens: 8_000, max_batch_items: 2 },
    },
  ],
});
const router = createRouter(table, { adapters: [adapter] });

const clauses = ["The supplier delivers monthly.", "Liability is capped at fees paid.", "Either party may end it."];
const result = await router.embed("clause_index", { input: clauses });
// One vector per clause, in order; three clauses in batches of two made two requests.
console.log(result.output.length, result.dimensions, result.attempts.length, result.costUsd !== null);

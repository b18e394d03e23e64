import { createRouter, defineTable } from "@modelpolicy/core";
import { openAIAdapter } from "@modelpolicy/openai";
import OpenAI from "openai";

const client = new OpenAI(); // OPENAI_API_KEY, OPENAI_BASE_URL as usual

const table = defineTable({
  version: "2026-12-01",
  tiers: {
    embed_small: { provider: "openai", model: "text-embedding-3-small" },
    embed_large: { provider: "openai", model: "text-embedding-3-large" },
  },
  policies: [
    {
      id: "index-clauses",
      version: "1",
      task: "clause_index",
      model_tier: "embed_small",
      max_input_tokens: 200_000,
      max_output_tokens: 1,
      evidence_required: false,
      review_required: false,
      fallback_policy: "next_tier",
      latency_tier: "batch",
      retry: { max_attempts: 2, base_delay_ms: 200 },
      embedding: { max_item_tokens: 8_000, max_batch_items: 256, dimensions: 512 },
    },
  ],
});
const router = createRouter(table, { adapters: [openAIAdapter(client)] });

const clauses = ["The supplier delivers monthly.", "Liability is capped at the fees paid."];
const result = await router.embed("clause_index", { input: clauses });
console.log(result.output.length, result.dimensions, result.modelServed, result.costUsd !== null);

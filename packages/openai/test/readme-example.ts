import { createRouter, defineTable } from "@modelpolicy/core";
import { openAIAdapter } from "@modelpolicy/openai";
import OpenAI from "openai";
import { z } from "zod";

// The client your service already has (openai 4.104+, 5, 6 or 7). It reads OPENAI_API_KEY and
// OPENAI_BASE_URL as usual, so this runs against api.openai.com or any OpenAI-compatible server.
const client = new OpenAI();

const table = defineTable({
  version: "2026-11-30",
  tiers: {
    fast: { provider: "openai", model: "gpt-4.1-nano" },
    standard: { provider: "openai", model: "gpt-4.1-mini" },
  },
  policies: [
    {
      id: "classify",
      version: "1",
      task: "document_classification",
      model_tier: "fast",
      max_input_tokens: 2_000,
      max_output_tokens: 50,
      evidence_required: false,
      review_required: false,
      fallback_policy: "next_tier",
      latency_tier: "fast",
      retry: { max_attempts: 2, base_delay_ms: 200 },
    },
  ],
});
const router = createRouter(table, { adapters: [openAIAdapter(client)] });

const result = await router.run("document_classification", {
  messages: [{ role: "user", content: "Classify this document: MUTUAL NON-DISCLOSURE AGREEMENT ..." }],
  schema: z.object({ label: z.enum(["nda", "msa", "other"]) }),
});
console.log(result.output.label, result.outcome, result.modelServed, `${result.attempts.length} attempt(s)`);

import { createRouter, defineTable } from "@modelpolicy/core";
import { openAIAdapter } from "@modelpolicy/openai";
import OpenAI from "openai";
import { z } from "zod";

const client = new OpenAI(); // openai 4.104 or later has client.responses

const table = defineTable({
  version: "2026-12-01",
  tiers: { standard: { provider: "openai", model: "gpt-4.1-mini" } },
  policies: [
    {
      id: "extract-parties",
      version: "1",
      task: "field_extraction",
      model_tier: "standard",
      max_input_tokens: 8_000,
      max_output_tokens: 500,
      evidence_required: false,
      review_required: false,
      fallback_policy: "stop",
      latency_tier: "fast",
    },
  ],
});
// The same router contract; the calls go to POST /v1/responses instead of /v1/chat/completions.
const router = createRouter(table, { adapters: [openAIAdapter(client, { api: "responses" })] });

const result = await router.run("field_extraction", {
  messages: [
    { role: "system", content: "Extract the contract's parties." },
    { role: "user", content: "This agreement is between Acme Corp and Beta Ltd." },
  ],
  schema: z.object({ parties: z.array(z.string()) }),
});
console.log(result.output.parties, result.usage.inputTokens > 0, result.attempts[0]?.structuredOutputMode);

import { createRouter, defineTable } from "@modelpolicy/core";
import { openAIAdapter } from "@modelpolicy/openai";
import OpenAI from "openai";

const client = new OpenAI(); // OPENAI_API_KEY, OPENAI_BASE_URL as usual

const table = defineTable({
  version: "2026-11-30",
  tiers: {
    fast: { provider: "openai", model: "gpt-4.1-nano" },
    standard: { provider: "openai", model: "gpt-4.1-mini" },
  },
  policies: [
    {
      id: "summarise",
      version: "1",
      task: "reviewer_summary",
      model_tier: "fast",
      max_input_tokens: 4_000,
      max_output_tokens: 300,
      evidence_required: false,
      review_required: false,
      fallback_policy: "next_tier",
      latency_tier: "fast",
      retry: { max_attempts: 2, base_delay_ms: 200 },
    },
  ],
});
const router = createRouter(table, { adapters: [openAIAdapter(client)] });

// Aborting it (say, when the user closes the page) cancels the HTTP request, like a `break`.
const controller = new AbortController();
const stream = router.stream("reviewer_summary", {
  messages: [{ role: "user", content: "Summarise for a reviewer: the supplier delivers monthly ..." }],
  signal: controller.signal,
});
let text = "";
for await (const delta of stream) text += delta; // e.g. res.write(delta)
const result = await stream.result;
console.log(result.outcome, result.modelServed, `${result.attempts.length} attempt(s)`, text.length > 0);

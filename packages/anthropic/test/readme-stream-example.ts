import Anthropic from "@anthropic-ai/sdk";
import { anthropicAdapter } from "@modelpolicy/anthropic";
import { createRouter, defineTable } from "@modelpolicy/core";

const client = new Anthropic({ timeout: 60_000 }); // ANTHROPIC_API_KEY, ANTHROPIC_BASE_URL as usual

const table = defineTable({
  version: "2026-11-30",
  tiers: {
    fast: { provider: "anthropic", model: "claude-haiku-4-5" },
    standard: { provider: "anthropic", model: "claude-sonnet-4-6" },
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
const router = createRouter(table, { adapters: [anthropicAdapter(client, { sendTemperature: false })] });

const stream = router.stream("reviewer_summary", {
  messages: [{ role: "user", content: "Summarise for a reviewer: the supplier delivers monthly ..." }],
});
let text = "";
for await (const delta of stream) text += delta; // e.g. res.write(delta); a `break` cancels the request
const result = await stream.result;
console.log(result.outcome, result.modelServed, `${result.attempts.length} attempt(s)`, text.length > 0);

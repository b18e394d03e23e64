import { createAnthropic } from "@ai-sdk/anthropic";
import { createOpenAI } from "@ai-sdk/openai";
import { aiSdkAdapter } from "@modelpolicy/ai-sdk";
import { createRouter, defineTable } from "@modelpolicy/core";

const openai = createOpenAI(); // OPENAI_API_KEY, OPENAI_BASE_URL as usual
const anthropic = createAnthropic(); // ANTHROPIC_API_KEY, ANTHROPIC_BASE_URL

const table = defineTable({
  version: "2026-11-30",
  tiers: {
    fast: { provider: "openai", model: "gpt-4o-mini" },
    standard: { provider: "anthropic", model: "claude-haiku-4-5" },
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
const router = createRouter(table, {
  adapters: [aiSdkAdapter({ languageModel: (modelId) => openai.chat(modelId) }), aiSdkAdapter(anthropic)],
});

const stream = router.stream("reviewer_summary", {
  messages: [{ role: "user", content: "Summarise for a reviewer: the supplier delivers monthly ..." }],
});
let text = "";
for await (const delta of stream) text += delta; // e.g. res.write(delta); a `break` cancels the request
const result = await stream.result;
console.log(result.outcome, result.modelServed, `${result.attempts.length} attempt(s)`, text.length > 0);

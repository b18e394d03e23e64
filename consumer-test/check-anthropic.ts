// Type check of the Anthropic lane (copied into the scratch app; compiled with its own
// typescript, never run): the user's `Anthropic` client of the lane's SDK major is accepted by
// `anthropicAdapter` without a cast, next to an `OpenAI` client in one router.
import Anthropic from "@anthropic-ai/sdk";
import { anthropicAdapter } from "@modelpolicy/anthropic";
import { createRouter, defineTable, type ModelAdapter } from "@modelpolicy/core";
import { openAIAdapter } from "@modelpolicy/openai";
import OpenAI from "openai";

const claude: ModelAdapter = anthropicAdapter(new Anthropic({ apiKey: "sk-ant", baseURL: "http://127.0.0.1:9" }), {
  sendTemperature: false,
});
const table = defineTable({
  version: "consumer-test-anthropic-1",
  tiers: {
    fast: { provider: "openai", model: "fast-model" },
    claude: { provider: "anthropic", model: "claude-model" },
  },
  policies: [
    {
      id: "summarise",
      version: "1",
      task: "contract_summary",
      model_tier: "fast",
      max_input_tokens: 2000,
      max_output_tokens: 200,
      evidence_required: false,
      review_required: false,
      fallback_policy: "next_tier",
      latency_tier: "fast",
    },
  ],
});
export const router = createRouter(table, {
  adapters: [openAIAdapter(new OpenAI({ apiKey: "sk", baseURL: "http://127.0.0.1:9/v1" })), claude],
});

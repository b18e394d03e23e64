// Type check of the AI SDK lane (copied into the scratch app; compiled with its own typescript,
// never run): the user's providers from `@ai-sdk/anthropic` and `@ai-sdk/openai` are accepted by
// `aiSdkAdapter` without a cast, as a provider and as a `languageModel` function, in one router.
import { createAnthropic } from "@ai-sdk/anthropic";
import { createOpenAI } from "@ai-sdk/openai";
import { aiSdkAdapter } from "@modelpolicy/ai-sdk";
import { createRouter, defineTable, type ModelAdapter } from "@modelpolicy/core";

const anthropic = createAnthropic({ apiKey: "sk-ant", baseURL: "http://127.0.0.1:9/v1" });
const openai = createOpenAI({ apiKey: "sk", baseURL: "http://127.0.0.1:9/v1" });
const claude: ModelAdapter = aiSdkAdapter(anthropic, {
  providerOptions: { anthropic: { structuredOutputMode: "jsonTool" } },
});
const chat: ModelAdapter = aiSdkAdapter({ languageModel: (modelId: string) => openai.chat(modelId) });
const table = defineTable({
  version: "consumer-test-ai-sdk-1",
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
export const router = createRouter(table, { adapters: [chat, claude] });

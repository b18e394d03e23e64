import { z } from "zod";
import { createRouter, defineTable, type ModelAdapter } from "../../index.js";

// A canned v2 adapter that takes tools and calls one. Adapters deliver tool calls whole on their
// `finish` part (`openAIAdapter` joins OpenAI's argument pieces), never as text deltas.
const adapter: ModelAdapter = {
  specificationVersion: "v2",
  provider: "canned",
  accepts: { tools: true },
  generate: async () => {
    throw new Error("this adapter only streams");
  },
  async *stream() {
    yield {
      type: "finish",
      finishReason: "tool_calls",
      usage: { inputTokens: 60, outputTokens: 12 },
      servedModel: "canned-1",
      toolCalls: [{ id: "call_1", name: "lookup_order", arguments: '{"orderNumber":"A-1042"}' }],
    };
  },
};

const table = defineTable({
  version: "1",
  tiers: { fast: { provider: "canned", model: "canned-1" } },
  policies: [
    {
      id: "support",
      version: "1",
      task: "support_agent",
      model_tier: "fast",
      max_input_tokens: 4_000,
      max_output_tokens: 300,
      evidence_required: false,
      review_required: false,
      fallback_policy: "stop",
      latency_tier: "fast",
    },
  ],
});
const router = createRouter(table, { adapters: [adapter] });

const lookup = { name: "lookup_order", parameters: z.object({ orderNumber: z.string() }) };
const stream = router.stream("support_agent", {
  messages: [{ role: "user", content: "Where is order A-1042?" }],
  tools: [lookup],
});
let text = "";
for await (const delta of stream) text += delta; // the model's text only: here, none
const { toolCalls } = await stream.result; // whole and validated, as router.run returns them
console.log(JSON.stringify(text), toolCalls?.[0]?.name, toolCalls?.[0]?.arguments);

import { createAnthropic } from "@ai-sdk/anthropic";
import { aiSdkAdapter } from "@modelpolicy/ai-sdk";
import { createRouter, defineTable } from "@modelpolicy/core";
import { z } from "zod";

const anthropic = createAnthropic(); // ANTHROPIC_API_KEY, ANTHROPIC_BASE_URL

const table = defineTable({
  version: "2026-11-30",
  tiers: { standard: { provider: "anthropic", model: "claude-haiku-4-5" } },
  policies: [
    {
      id: "agent",
      version: "1",
      task: "support_agent",
      model_tier: "standard",
      max_input_tokens: 8_000,
      max_output_tokens: 300,
      evidence_required: false,
      review_required: false,
      fallback_policy: "stop",
      latency_tier: "fast",
    },
  ],
});
const router = createRouter(table, { adapters: [aiSdkAdapter(anthropic)] });

const lookupOrder = {
  name: "lookup_order",
  description: "Finds an order by its number",
  parameters: z.object({ orderNumber: z.string().regex(/^A\d+$/) }),
};
const question = {
  role: "user" as const,
  content: [
    { type: "text" as const, text: "Where is my order? The label is in the photo." },
    { type: "image" as const, url: "https://example.com/label.jpg", mediaType: "image/jpeg" },
  ],
};

// The model asks for a tool: its arguments come back validated against the zod schema.
const first = await router.run("support_agent", { messages: [question], tools: [lookupOrder] });
const call = first.toolCalls?.[0];
if (call === undefined) throw new Error("expected a tool call");
console.log(call.name, call.arguments);

// Send the tool's result back with the call it answers; the model then replies in text.
const second = await router.run("support_agent", {
  tools: [lookupOrder],
  messages: [
    question,
    { role: "assistant", toolCalls: [{ id: call.id, name: call.name, arguments: JSON.stringify(call.arguments) }] },
    { role: "tool", toolCallId: call.id, content: JSON.stringify({ status: "shipped" }) },
  ],
});
console.log(second.output);

import Anthropic from "@anthropic-ai/sdk";
import { anthropicAdapter } from "@modelpolicy/anthropic";
import { createRouter, defineTable } from "@modelpolicy/core";
import { z } from "zod";

const client = new Anthropic({ timeout: 60_000 }); // ANTHROPIC_API_KEY, ANTHROPIC_BASE_URL as usual

const table = defineTable({
  version: "2026-11-30",
  tiers: { fast: { provider: "anthropic", model: "claude-haiku-4-5" } },
  policies: [
    {
      id: "agent",
      version: "1",
      task: "support_agent",
      model_tier: "fast",
      max_input_tokens: 8_000,
      max_tokens_per_image: 1_600, // Claude: about width × height / 750 tokens, at most ~1,600 per image
      max_tokens_per_file: 3_000, // a short PDF
      max_output_tokens: 300,
      evidence_required: false,
      review_required: false,
      fallback_policy: "stop",
      latency_tier: "fast",
    },
  ],
});
const router = createRouter(table, { adapters: [anthropicAdapter(client, { sendTemperature: false })] });

const lookupOrder = {
  name: "lookup_order",
  description: "Finds an order by its number",
  parameters: z.object({ orderNumber: z.string().regex(/^A\d+$/) }),
};
const question = {
  role: "user" as const,
  content: [
    { type: "text" as const, text: "Where is my order? The label is in the photo, the invoice attached." },
    { type: "image" as const, url: "https://example.com/label.jpg", mediaType: "image/jpeg" },
    { type: "file" as const, url: "https://example.com/invoice.pdf", mediaType: "application/pdf" },
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

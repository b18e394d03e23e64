import { createAnthropic } from "@ai-sdk/anthropic";
import { createOpenAI } from "@ai-sdk/openai";
import { type ChatMessage, createRouter, defineTable, type MultiPartMessage } from "@modelpolicy/core";
import { anthropicReply, FakeAnthropicServer, FakeOpenAIServer, reply } from "@modelpolicy/testkit";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { aiSdkAdapter } from "../src/ai-sdk-adapter.js";
import { OPENAI_MAJORS } from "./providers.js";

const FAST = "gpt-4o-mini";
const STANDARD = "claude-haiku-4-5";
const openaiServer = new FakeOpenAIServer();
const anthropicServer = new FakeAnthropicServer();

const policy = {
  version: "1",
  max_input_tokens: 8_000,
  max_output_tokens: 200,
  evidence_required: false,
  review_required: false,
  latency_tier: "fast",
  retry: { max_attempts: 1, base_delay_ms: 1 },
} as const;

const table = defineTable({
  version: "t1",
  tiers: {
    fast: { provider: "openai", model: FAST },
    standard: { provider: "anthropic", model: STANDARD },
  },
  policies: [
    { ...policy, id: "agent", task: "support_agent", model_tier: "fast", fallback_policy: "next_tier" },
    { ...policy, id: "agent-claude", task: "claude_agent", model_tier: "standard", fallback_policy: "stop" },
  ],
});

const lookupOrder = {
  name: "lookup_order",
  description: "Finds an order by its number",
  parameters: z.object({ orderNumber: z.string().regex(/^A\d+$/) }),
};
const PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

function question(image: MultiPartMessage["content"][number]): MultiPartMessage {
  return { role: "user", content: [{ type: "text", text: "Where is my order? The label is in the photo." }, image] };
}

/** The second turn: the question, the model's call, and the tool's result. */
function replay(first: MultiPartMessage, id: string): ChatMessage[] {
  return [
    first,
    { role: "assistant", toolCalls: [{ id, name: "lookup_order", arguments: '{"orderNumber":"A1234"}' }] },
    { role: "tool", toolCallId: id, content: '{"status":"shipped"}' },
  ];
}

beforeAll(async () => {
  await Promise.all([openaiServer.start(), anthropicServer.start()]);
});
afterAll(() => Promise.all([openaiServer.close(), anthropicServer.close()]));
beforeEach(() => {
  openaiServer.reset();
  anthropicServer.reset();
});

function routerWith(openai: ReturnType<(typeof OPENAI_MAJORS)[number][1]>) {
  const anthropic = createAnthropic({ baseURL: `${anthropicServer.baseURL}/v1`, apiKey: "sk-ant-test" });
  return createRouter(table, { adapters: [aiSdkAdapter(openai), aiSdkAdapter(anthropic)], onDiagnostic: () => {} });
}

describe.each(OPENAI_MAJORS)("router + aiSdkAdapter over %s: tools and an image", (_major, makeChat) => {
  it("sends the image and the tools, returns the validated call, then answers after the tool's result", async () => {
    const router = routerWith(makeChat({ baseURL: openaiServer.baseURL, apiKey: "sk-test" }));
    openaiServer.script(FAST, [
      reply.toolCalls([{ id: "call_7", name: "lookup_order", arguments: { orderNumber: "A1234" } }]),
      reply.ok("Your order A1234 has shipped."),
    ]);
    const first = question({ type: "image", data: PNG, mediaType: "image/png" });

    const called = await router.run("support_agent", {
      messages: [first],
      tools: [lookupOrder],
      toolChoice: "required",
    });
    expect(called.toolCalls).toEqual([{ id: "call_7", name: "lookup_order", arguments: { orderNumber: "A1234" } }]);
    expect(called).toMatchObject({ outcome: "ok", modelServed: FAST });

    const answered = await router.run("support_agent", { messages: replay(first, "call_7"), tools: [lookupOrder] });
    expect(answered.output).toBe("Your order A1234 has shipped.");

    const [request, followUp] = openaiServer.requestsFor(FAST);
    expect(request?.body).toMatchObject({
      tool_choice: "required",
      tools: [
        {
          type: "function",
          function: {
            name: "lookup_order",
            description: "Finds an order by its number",
            parameters: { type: "object", required: ["orderNumber"] },
          },
        },
      ],
    });
    expect(request?.body?.messages?.[0]?.content).toEqual([
      { type: "text", text: "Where is my order? The label is in the photo." },
      { type: "image_url", image_url: { url: `data:image/png;base64,${PNG}` } },
    ]);
    expect(followUp?.body?.messages?.slice(1)).toEqual([
      {
        role: "assistant",
        content: null,
        tool_calls: [
          { id: "call_7", type: "function", function: { name: "lookup_order", arguments: '{"orderNumber":"A1234"}' } },
        ],
      },
      { role: "tool", tool_call_id: "call_7", content: '{"status":"shipped"}' },
    ]);
    expect(anthropicServer.requests).toHaveLength(0);
  });
});

describe("router + aiSdkAdapter over @ai-sdk/anthropic 4.x: tools and an image", () => {
  const openai = () => {
    const provider = createOpenAI({ baseURL: openaiServer.baseURL, apiKey: "sk-test" });
    return { languageModel: (modelId: string) => provider.chat(modelId) };
  };
  const first = question({ type: "image", url: "https://example.com/label.jpg", mediaType: "image/jpeg" });

  it("falls back from OpenAI's 503 to Claude with the image and tools, and gets the call back", async () => {
    const router = routerWith(openai());
    openaiServer.script(FAST, [reply.serverError(503)]);
    anthropicServer.script(STANDARD, [
      anthropicReply.toolUse({ orderNumber: "A1234" }, { name: "lookup_order", id: "toolu_7" }),
    ]);

    const result = await router.run("support_agent", { messages: [first], tools: [lookupOrder] });
    expect(result.toolCalls).toEqual([{ id: "toolu_7", name: "lookup_order", arguments: { orderNumber: "A1234" } }]);
    expect(result).toMatchObject({ outcome: "fallback_ok", modelServed: STANDARD });

    const body = anthropicServer.requestsFor(STANDARD)[0]?.body;
    expect(body?.tools).toEqual([
      {
        name: "lookup_order",
        description: "Finds an order by its number",
        input_schema: expect.objectContaining({ type: "object", required: ["orderNumber"] }),
      },
    ]);
    expect(body?.messages?.[0]?.content).toEqual([
      { type: "text", text: "Where is my order? The label is in the photo." },
      { type: "image", source: { type: "url", url: "https://example.com/label.jpg" } },
    ]);
  });

  it("replays the call and its result as tool_use and tool_result blocks, then answers", async () => {
    const router = routerWith(openai());
    anthropicServer.script(STANDARD, [anthropicReply.text("Your order A1234 has shipped.")]);

    const result = await router.run("claude_agent", { messages: replay(first, "toolu_7"), tools: [lookupOrder] });
    expect(result.output).toBe("Your order A1234 has shipped.");
    expect(anthropicServer.requestsFor(STANDARD)[0]?.body?.messages?.slice(1)).toEqual([
      {
        role: "assistant",
        content: [{ type: "tool_use", id: "toolu_7", name: "lookup_order", input: { orderNumber: "A1234" } }],
      },
      {
        role: "user",
        content: [{ type: "tool_result", tool_use_id: "toolu_7", content: '{"status":"shipped"}' }],
      },
    ]);
  });

  it("streams a tool call: no text deltas, the call whole on the result", async () => {
    const router = routerWith(openai());
    anthropicServer.script(STANDARD, [
      anthropicReply.toolUse({ orderNumber: "A1234" }, { name: "lookup_order", id: "toolu_8" }),
    ]);
    const stream = router.stream("claude_agent", { messages: [first], tools: [lookupOrder] });
    let text = "";
    for await (const delta of stream) text += delta;
    const result = await stream.result;
    expect(text).toBe("");
    expect(result.toolCalls).toEqual([{ id: "toolu_8", name: "lookup_order", arguments: { orderNumber: "A1234" } }]);
    expect(anthropicServer.requestsFor(STANDARD)[0]?.body).toMatchObject({ stream: true });
  });
});

describe("router + aiSdkAdapter: an output-limit stop under a partial policy", () => {
  it("keeps the fields of the cut answer that are whole", async () => {
    const anthropic = createAnthropic({ baseURL: `${anthropicServer.baseURL}/v1`, apiKey: "sk-ant-test" });
    const partialTable = defineTable({
      version: "t2",
      tiers: { standard: { provider: "anthropic", model: STANDARD } },
      policies: [{ ...policy, id: "classify", task: "classify", model_tier: "standard", fallback_policy: "partial" }],
    });
    const router = createRouter(partialTable, { adapters: [aiSdkAdapter(anthropic)], onDiagnostic: () => {} });
    anthropicServer.script(STANDARD, [
      anthropicReply.text('{"label":"nda","summary":"The supplier deli', {
        stopReason: "max_tokens",
        usage: { inputTokens: 40, outputTokens: 200 },
      }),
    ]);
    const result = await router.run("classify", {
      messages: [{ role: "user", content: "Classify and summarise: MUTUAL NON-DISCLOSURE AGREEMENT ..." }],
      schema: z.object({ label: z.enum(["nda", "msa"]), summary: z.string() }),
    });
    expect(result).toMatchObject({ outcome: "partial", output: { label: "nda" } });
    expect(result.output).not.toHaveProperty("summary");
  });
});

import { createRouter, defineTable, RequestShapeError } from "@modelpolicy/core";
import { anthropicReply, FakeAnthropicServer } from "@modelpolicy/testkit";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { anthropicAdapter } from "../src/anthropic-adapter.js";
import type { AnthropicClientLike } from "../src/anthropic-client-like.js";
import { SDK_MAJORS } from "./sdk-majors.js";

const MODEL = "claude-haiku-4-5";
const server = new FakeAnthropicServer();

function makeRouter(client: AnthropicClientLike) {
  const table = defineTable({
    version: "t1",
    tiers: { fast: { provider: "anthropic", model: MODEL } },
    policies: [
      {
        id: "agent",
        version: "1",
        task: "support_agent",
        model_tier: "fast",
        max_input_tokens: 8_000,
        max_tokens_per_file: 1_000,
        max_output_tokens: 200,
        evidence_required: false,
        review_required: false,
        fallback_policy: "stop",
        latency_tier: "fast",
        retry: { max_attempts: 1, base_delay_ms: 1, repair_attempts: 1 },
      },
    ],
  });
  return createRouter(table, {
    adapters: [anthropicAdapter(client, { sendTemperature: false })],
    onDiagnostic: () => {},
  });
}

const PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";
const lookupOrder = {
  name: "lookup_order",
  description: "Finds an order by its number",
  parameters: z.object({ orderNumber: z.string().regex(/^A\d+$/) }),
};
const question = {
  role: "user" as const,
  content: [
    { type: "text" as const, text: "Where is my order? The label is in the photo." },
    { type: "image" as const, data: PNG, mediaType: "image/png" },
  ],
};
const IMAGE_BLOCKS = [
  { type: "text", text: "Where is my order? The label is in the photo." },
  { type: "image", source: { type: "base64", media_type: "image/png", data: PNG } },
];

beforeAll(async () => {
  await server.start();
});
afterAll(() => server.close());
beforeEach(() => server.reset());

describe.each(SDK_MAJORS)("router + Anthropic adapter + %s: tools and parts", (_major, makeClient) => {
  let router: ReturnType<typeof makeRouter>;
  beforeAll(() => {
    router = makeRouter(makeClient({ apiKey: "sk-ant-test", baseURL: server.baseURL, maxRetries: 3, timeout: 10_000 }));
  });

  it("sends an image and a tool, returns the validated call, then answers after the tool's result", async () => {
    server.script(MODEL, [
      anthropicReply.message([
        { type: "text", text: "Let me look that up." },
        { type: "tool_use", id: "toolu_order_1", name: "lookup_order", input: { orderNumber: "A1234" } },
      ]),
      anthropicReply.text("Your order A1234 has shipped."),
    ]);
    const first = await router.run("support_agent", { messages: [question], tools: [lookupOrder] });
    expect(first.outcome).toBe("ok");
    expect(first.toolCalls).toEqual([
      { id: "toolu_order_1", name: "lookup_order", arguments: { orderNumber: "A1234" } },
    ]);
    expect(first.attempts[0]?.finishReason).toBe("tool_calls");
    const sent = server.requests[0]?.body;
    expect(sent?.messages).toEqual([{ role: "user", content: IMAGE_BLOCKS }]);
    expect(sent?.tools).toEqual([
      {
        name: "lookup_order",
        description: "Finds an order by its number",
        input_schema: expect.objectContaining({
          type: "object",
          properties: { orderNumber: { type: "string", pattern: "^A\\d+$" } },
        }),
      },
    ]);
    expect(sent).not.toHaveProperty("tool_choice");

    const call = first.toolCalls?.[0];
    if (call === undefined) throw new Error("expected a tool call");
    const second = await router.run("support_agent", {
      tools: [lookupOrder],
      toolChoice: "auto",
      messages: [
        question,
        { role: "assistant", toolCalls: [{ id: call.id, name: call.name, arguments: JSON.stringify(call.arguments) }] },
        { role: "tool", toolCallId: call.id, content: JSON.stringify({ status: "shipped" }) },
      ],
    });
    expect(second.output).toBe("Your order A1234 has shipped.");
    expect(second.toolCalls).toBeUndefined();
    // The fake refuses a tool_use without its tool_result right after, as the API does: a 200 proves the pairing.
    expect(server.requests[1]?.status).toBe(200);
    expect(server.requests[1]?.body?.tool_choice).toEqual({ type: "auto" });
    expect(server.requests[1]?.body?.messages).toEqual([
      { role: "user", content: IMAGE_BLOCKS },
      {
        role: "assistant",
        content: [{ type: "tool_use", id: "toolu_order_1", name: "lookup_order", input: { orderNumber: "A1234" } }],
      },
      {
        role: "user",
        content: [{ type: "tool_result", tool_use_id: "toolu_order_1", content: '{"status":"shipped"}' }],
      },
    ]);
  });

  it("repairs a tool call whose arguments fail the tool's schema", async () => {
    server.script(MODEL, [
      anthropicReply.toolUse({ orderNumber: "1234" }, { name: "lookup_order" }),
      anthropicReply.toolUse({ orderNumber: "A1234" }, { name: "lookup_order", id: "toolu_fixed" }),
    ]);
    const result = await router.run("support_agent", { messages: [question], tools: [lookupOrder] });
    expect(result.attempts.map((attempt) => [attempt.kind, attempt.errorClass])).toEqual([
      ["primary", "schema_invalid"],
      ["repair", undefined],
    ]);
    expect(result.toolCalls).toEqual([
      { id: "toolu_fixed", name: "lookup_order", arguments: { orderNumber: "A1234" } },
    ]);
  });

  it("streams the text before a tool call and returns the call whole on the result", async () => {
    server.script(MODEL, [
      anthropicReply.message(
        [
          { type: "text", text: "Let me look that up." },
          { type: "tool_use", id: "toolu_order_2", name: "lookup_order", input: { orderNumber: "A77" } },
        ],
        { stream: { chunkSize: 4 } },
      ),
    ]);
    const stream = router.stream("support_agent", {
      messages: [question],
      tools: [lookupOrder],
      toolChoice: "required",
    });
    let text = "";
    for await (const delta of stream) text += delta;
    const result = await stream.result;
    expect(text).toBe("Let me look that up.");
    expect(result.toolCalls).toEqual([
      { id: "toolu_order_2", name: "lookup_order", arguments: { orderNumber: "A77" } },
    ]);
    expect(server.requests[0]?.body).toMatchObject({ stream: true, tool_choice: { type: "any" } });
    expect(server.requests[0]?.replyKind).toBe("stream");
  });

  it("sends a PDF and a plain-text file as documents", async () => {
    server.script(MODEL, [anthropicReply.text("An NDA with a liability cap.")]);
    const note = Buffer.from("Clause 4 caps liability.", "utf8").toString("base64");
    const result = await router.run("support_agent", {
      messages: [
        {
          role: "user",
          content: [
            { type: "file", data: "JVBERi0xLjQK", mediaType: "application/pdf", filename: "nda.pdf" },
            { type: "file", data: note, mediaType: "text/plain" },
            { type: "text", text: "What are these?" },
          ],
        },
      ],
    });
    expect(result.output).toBe("An NDA with a liability cap.");
    expect(server.requests[0]?.body?.messages?.[0]?.content).toEqual([
      {
        type: "document",
        source: { type: "base64", media_type: "application/pdf", data: "JVBERi0xLjQK" },
        title: "nda.pdf",
      },
      { type: "document", source: { type: "text", media_type: "text/plain", data: "Clause 4 caps liability." } },
      { type: "text", text: "What are these?" },
    ]);
  });

  it("refuses an image type Anthropic does not take, with a RequestShapeError and no request", async () => {
    const error = await router
      .run("support_agent", {
        messages: [{ role: "user", content: [{ type: "image", data: "Qk0=", mediaType: "image/bmp" }] }],
      })
      .catch((caught: unknown) => caught);
    // The router reports what an adapter throws as the attempt's error; the RequestShapeError is its cause.
    expect(shapeErrorIn(error)).toMatchObject({ provider: "anthropic", part: "images" });
    expect(shapeErrorIn(error)?.message).toMatch(/not image\/bmp/);
    expect(server.requestCount).toBe(0);
  });
});

/** The RequestShapeError an error is, or has in its chain of causes. */
function shapeErrorIn(error: unknown): RequestShapeError | undefined {
  for (let current = error; current !== undefined && current !== null; current = (current as Error).cause) {
    if (RequestShapeError.isInstance(current)) return current;
  }
  return undefined;
}

import { createRouter, defineTable, RequestShapeError } from "@modelpolicy/core";
import { FakeOpenAIServer, reply } from "@modelpolicy/testkit";
import OpenAI from "openai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { openAIAdapter } from "../src/openai-adapter.js";

const server = new FakeOpenAIServer();

function makeRouter(options: { api?: "responses"; maxInputTokens?: number; maxTokensPerImage?: number } = {}) {
  const table = defineTable({
    version: "t1",
    tiers: { fast: { provider: "openai", model: "gpt-4.1-nano" } },
    policies: [
      {
        id: "describe",
        version: "1",
        task: "describe_image",
        model_tier: "fast",
        max_input_tokens: options.maxInputTokens ?? 5000,
        max_output_tokens: 100,
        ...(options.maxTokensPerImage === undefined ? {} : { max_tokens_per_image: options.maxTokensPerImage }),
        evidence_required: false,
        review_required: false,
        fallback_policy: "stop",
        latency_tier: "fast",
        retry: { max_attempts: 1, base_delay_ms: 1 },
      },
    ],
  });
  const client = new OpenAI({ apiKey: "sk-test", baseURL: server.baseURL, maxRetries: 0 });
  const adapter = options.api === "responses" ? openAIAdapter(client, { api: "responses" }) : openAIAdapter(client);
  return createRouter(table, { adapters: [adapter], onDiagnostic: () => {} });
}

const PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";
const imageMessage = {
  role: "user" as const,
  content: [
    { type: "text" as const, text: "What is in these images?" },
    { type: "image" as const, url: "https://example.com/cat.png", mediaType: "image/png", detail: "high" as const },
    { type: "image" as const, data: PNG, mediaType: "image/png" },
  ],
};

beforeAll(async () => {
  await server.start();
});
afterAll(() => server.close());
beforeEach(() => server.reset());

describe("multi-part messages through the router and the OpenAI adapter", () => {
  it("sends text and image parts (by URL and as base64) as chat-completions content parts", async () => {
    server.script("gpt-4.1-nano", [reply.ok("a cat and a pixel")]);
    const result = await makeRouter().run("describe_image", { messages: [imageMessage] });
    expect(result.output).toBe("a cat and a pixel");
    expect(server.requests[0]?.body?.messages).toEqual([
      {
        role: "user",
        content: [
          { type: "text", text: "What is in these images?" },
          { type: "image_url", image_url: { url: "https://example.com/cat.png", detail: "high" } },
          { type: "image_url", image_url: { url: `data:image/png;base64,${PNG}` } },
        ],
      },
    ]);
  });

  it("sends a base64 file part as file_data with its name", async () => {
    server.script("gpt-4.1-nano", [reply.ok("a contract")]);
    await makeRouter().run("describe_image", {
      messages: [
        {
          role: "user",
          content: [{ type: "file", data: "JVBERi0=", mediaType: "application/pdf", filename: "nda.pdf" }],
        },
      ],
    });
    expect(server.requests[0]?.body?.messages?.[0]?.content).toEqual([
      { type: "file", file: { file_data: "data:application/pdf;base64,JVBERi0=", filename: "nda.pdf" } },
    ]);
  });

  it("sends a message of text parts only as plain text", async () => {
    server.script("gpt-4.1-nano", [reply.ok("ok")]);
    await makeRouter().run("describe_image", {
      messages: [
        {
          role: "user",
          content: [
            { type: "text", text: "one" },
            { type: "text", text: "two" },
          ],
        },
      ],
    });
    expect(server.requests[0]?.body?.messages).toEqual([{ role: "user", content: "one\ntwo" }]);
  });

  it("refuses an image for an adapter that takes none, before any request", async () => {
    const error = await makeRouter({ api: "responses" })
      .run("describe_image", { messages: [imageMessage] })
      .catch((caught: unknown) => caught);
    expect(RequestShapeError.isInstance(error)).toBe(true);
    expect((error as RequestShapeError).part).toBe("images");
    expect(server.requestCount).toBe(0);
  });

  it("counts each image at the policy's bound in the input budget", async () => {
    // Two images at the default 1,445 tokens each overflow 2,000; at 500 each they fit.
    const error = await makeRouter({ maxInputTokens: 2000 })
      .run("describe_image", { messages: [imageMessage] })
      .catch((caught: unknown) => caught);
    expect((error as { name?: string }).name).toBe("BudgetExceededError");
    expect(server.requestCount).toBe(0);
    server.script("gpt-4.1-nano", [reply.ok("fits")]);
    const result = await makeRouter({ maxInputTokens: 2000, maxTokensPerImage: 500 }).run("describe_image", {
      messages: [imageMessage],
    });
    expect(result.output).toBe("fits");
    expect(result.inputTokens?.tokens).toBeGreaterThanOrEqual(1000);
  });
});

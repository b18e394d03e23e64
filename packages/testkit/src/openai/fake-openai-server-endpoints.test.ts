import OpenAI, { InternalServerError } from "openai";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { deterministicVector } from "./embeddings-body.js";
import { FakeOpenAIServer } from "./fake-openai-server.js";
import { reply } from "./reply.js";

const server = new FakeOpenAIServer();
let client: OpenAI;

beforeAll(async () => {
  const { baseURL } = await server.start();
  client = new OpenAI({ apiKey: "sk-testkit", baseURL, maxRetries: 0, timeout: 5_000 });
});
afterEach(() => server.reset());
afterAll(() => server.close());

const EMBED = "text-embedding-3-small";

describe("FakeOpenAIServer /v1/embeddings", () => {
  it("answers each input with its deterministic vector and estimated usage, in input order", async () => {
    const response = await client.embeddings.create({
      model: EMBED,
      input: ["alpha", "beta"],
      encoding_format: "float",
    });
    expect(response.data.map((item) => item.index)).toEqual([0, 1]);
    expect(response.data[0]?.embedding).toEqual(deterministicVector("alpha", 8));
    expect(response.data[1]?.embedding).toEqual(deterministicVector("beta", 8));
    expect(response.data[0]?.embedding).not.toEqual(response.data[1]?.embedding);
    expect(response.usage).toEqual({ prompt_tokens: 2 + 1, total_tokens: 2 + 1 });
    expect(response.model).toBe(EMBED);
    expect(server.requestsFor(EMBED)[0]).toMatchObject({ path: "/v1/embeddings", status: 200, replyKind: "echo" });
  });

  it("sends base64 float32 when asked, which the SDK decodes to the same numbers", async () => {
    // Without encoding_format the SDK asks for base64 and decodes it itself.
    const response = await client.embeddings.create({ model: EMBED, input: "gamma", dimensions: 4 });
    expect(server.requests[0]?.body).toMatchObject({ encoding_format: "base64", dimensions: 4 });
    expect(Array.from(response.data[0]?.embedding ?? [])).toEqual(deterministicVector("gamma", 4));
  });

  it("answers with scripted vectors and usage, and scripted faults like chat", async () => {
    server.script(EMBED, [
      reply.serverError(503),
      reply.ok([[0.5, 0.25]], { usage: { promptTokens: 7 }, model: "text-embedding-3-small-v2" }),
    ]);
    await expect(client.embeddings.create({ model: EMBED, input: ["x"] })).rejects.toBeInstanceOf(InternalServerError);
    const response = await client.embeddings.create({ model: EMBED, input: ["x"], encoding_format: "float" });
    expect(response).toMatchObject({
      data: [{ index: 0, embedding: [0.5, 0.25] }],
      usage: { prompt_tokens: 7 },
      model: "text-embedding-3-small-v2",
    });
    expect(server.requestsFor(EMBED).map((request) => request.status)).toEqual([503, 200]);
  });
});

describe("FakeOpenAIServer /v1/responses", () => {
  it("answers with an output_text message, usage and a completed status", async () => {
    server.script("gpt-4.1-mini", [
      reply.ok({ total: 42 }, { usage: { promptTokens: 30, completionTokens: 6, cachedTokens: 16 } }),
    ]);
    const response = await client.responses.create({ model: "gpt-4.1-mini", input: "sum it", max_output_tokens: 50 });
    expect(response.status).toBe("completed");
    expect(response.output_text).toBe('{"total":42}');
    expect(response.usage).toMatchObject({
      input_tokens: 30,
      output_tokens: 6,
      input_tokens_details: { cached_tokens: 16 },
    });
    expect(response.id).toMatch(/^resp_testkit_/);
    expect(server.requests[0]).toMatchObject({ path: "/v1/responses", body: { max_output_tokens: 50 } });
  });

  it("echoes the last user input by default", async () => {
    const response = await client.responses.create({
      model: "gpt-4.1-mini",
      instructions: "be brief",
      input: [{ role: "user", content: "hello there" }],
    });
    expect(response.output_text).toBe("echo: hello there");
  });

  it("maps length and content_filter finishes to incomplete with their reasons", async () => {
    server.script("gpt-4.1-mini", [
      reply.ok("cut sho", { finishReason: "length" }),
      reply.ok("", { finishReason: "content_filter" }),
    ]);
    const cut = await client.responses.create({ model: "gpt-4.1-mini", input: "x" });
    expect(cut).toMatchObject({ status: "incomplete", incomplete_details: { reason: "max_output_tokens" } });
    const refused = await client.responses.create({ model: "gpt-4.1-mini", input: "x" });
    expect(refused).toMatchObject({ status: "incomplete", incomplete_details: { reason: "content_filter" } });
    expect(refused.output[0]).toMatchObject({ type: "message", content: [{ type: "refusal" }] });
  });

  it("streams events ending in response.completed with the usage", async () => {
    server.script("gpt-4.1-mini", [reply.ok("streamed answer", { usage: { promptTokens: 9, completionTokens: 3 } })]);
    const stream = await client.responses.create({ model: "gpt-4.1-mini", input: "x", stream: true });
    const types: string[] = [];
    let text = "";
    let usage: unknown;
    for await (const event of stream) {
      types.push(event.type);
      if (event.type === "response.output_text.delta") text += event.delta;
      if (event.type === "response.completed") usage = event.response.usage;
    }
    expect(types).toEqual([
      "response.created",
      "response.output_text.delta",
      "response.output_text.delta",
      "response.completed",
    ]);
    expect(text).toBe("streamed answer");
    expect(usage).toMatchObject({ input_tokens: 9, output_tokens: 3 });
    expect(server.requests[0]?.chunksSent).toBe(4);
  });

  it("breaks a stream with an error event where scripted", async () => {
    server.script("gpt-4.1-mini", [reply.ok("streamed answer", { stream: { errorAfterChunks: 2 } })]);
    const stream = await client.responses.create({ model: "gpt-4.1-mini", input: "x", stream: true });
    const read = async () => {
      for await (const _event of stream) {
        // drain
      }
    };
    await expect(read()).rejects.toThrow(/server had an error/);
  });
});

import OpenAI, { APIConnectionError, APIConnectionTimeoutError, BadRequestError, RateLimitError } from "openai";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { waitUntil } from "../http/wait-until.js";
import { FakeOpenAIServer } from "./fake-openai-server.js";
import { reply } from "./reply.js";

const API_KEY = "sk-testkit-secret-key-0123456789";
const server = new FakeOpenAIServer();
let baseURL = "";

function client(options: { maxRetries?: number; timeout?: number } = {}): OpenAI {
  return new OpenAI({
    apiKey: API_KEY,
    baseURL,
    maxRetries: options.maxRetries ?? 0,
    timeout: options.timeout ?? 5_000,
  });
}

const question = { model: "gpt-4o-mini", messages: [{ role: "user" as const, content: "What is 6 times 7?" }] };

beforeAll(async () => {
  ({ baseURL } = await server.start());
});
afterEach(() => server.reset());
afterAll(() => server.close());

describe("FakeOpenAIServer", () => {
  it("listens on loopback and reports the baseURL", () => {
    expect(baseURL).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    expect(server.baseURL).toBe(baseURL);
  });

  it("answers a scripted completion with content and usage, and records the request", async () => {
    server.script("gpt-4o-mini", [
      reply.ok({ answer: 42 }, { usage: { promptTokens: 12, completionTokens: 5, cachedTokens: 3 } }),
    ]);
    const responseFormat = {
      type: "json_schema" as const,
      json_schema: {
        name: "answer",
        strict: true,
        schema: { type: "object", properties: { answer: { type: "number" } } },
      },
    };
    const completion = await client().chat.completions.create({ ...question, response_format: responseFormat });

    expect(completion.object).toBe("chat.completion");
    expect(completion.model).toBe("gpt-4o-mini");
    expect(JSON.parse(completion.choices[0]!.message.content!)).toEqual({ answer: 42 });
    expect(completion.choices[0]!.finish_reason).toBe("stop");
    expect(completion.usage).toMatchObject({
      prompt_tokens: 12,
      completion_tokens: 5,
      total_tokens: 17,
      prompt_tokens_details: { cached_tokens: 3 },
    });
    expect(server.requestCount).toBe(1);
    const [recorded] = server.requests;
    expect(recorded).toMatchObject({ method: "POST", path: "/v1/chat/completions", model: "gpt-4o-mini", status: 200 });
    expect(recorded!.body?.response_format).toEqual(responseFormat);
    expect(recorded!.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(server.pendingReplies()).toBe(0);
  });

  it("echoes deterministically with estimated usage when nothing is scripted", async () => {
    const completion = await client().chat.completions.create(question);
    expect(completion.choices[0]!.message.content).toBe("echo: What is 6 times 7?");
    // "What is 6 times 7?" has 18 characters → ceil(18 / 4) = 5 tokens.
    expect(completion.usage?.prompt_tokens).toBe(5);
    expect(completion.usage?.completion_tokens).toBe(Math.ceil("echo: What is 6 times 7?".length / 4));
    expect(JSON.stringify(completion)).not.toContain(API_KEY);
  });

  it("reports the served model and finish reason a script asks for", async () => {
    server.script("gpt-4o", [reply.ok("cut", { model: "gpt-4o-2024-08-06", finishReason: "length" })]);
    const completion = await client().chat.completions.create({ ...question, model: "gpt-4o" });
    expect(completion.model).toBe("gpt-4o-2024-08-06");
    expect(completion.choices[0]!.finish_reason).toBe("length");
  });

  it("sends 429 with Retry-After that the SDK exposes, then the next scripted reply", async () => {
    server.script("gpt-4o-mini", [reply.rateLimited(1), reply.ok("fine")]);
    const error = await client()
      .chat.completions.create(question)
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RateLimitError);
    const rateLimit = error as RateLimitError;
    expect(rateLimit.status).toBe(429);
    expect(rateLimit.code).toBe("rate_limit_exceeded");
    expect(rateLimit.headers?.get("retry-after")).toBe("1");

    const completion = await client().chat.completions.create(question);
    expect(completion.choices[0]!.message.content).toBe("fine");
    expect(server.requests.map((request) => request.status)).toEqual([429, 200]);
  });

  it("lets the SDK's own retry honour retry-after-ms", async () => {
    server.script("gpt-4o-mini", [reply.rateLimited(undefined, { retryAfterMs: 20 }), reply.ok("after retry")]);
    const completion = await client({ maxRetries: 1 }).chat.completions.create(question);
    expect(completion.choices[0]!.message.content).toBe("after retry");
    expect(server.requestCount).toBe(2);
  });

  it("sends context_length_exceeded as a 400 with OpenAI's error shape", async () => {
    server.script("gpt-4o-mini", [reply.contextLengthExceeded()]);
    const error = await client()
      .chat.completions.create(question)
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BadRequestError);
    expect((error as BadRequestError).code).toBe("context_length_exceeded");
    expect((error as BadRequestError).type).toBe("invalid_request_error");
    expect((error as BadRequestError).param).toBe("messages");
  });

  it("hangs until the client times out, and notices the closed socket", async () => {
    server.script("gpt-4o-mini", [reply.hang()]);
    const started = Date.now();
    const error = await client({ timeout: 200 })
      .chat.completions.create(question)
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(APIConnectionTimeoutError);
    expect(Date.now() - started).toBeLessThan(2_000);
    await waitUntil(() => server.requests[0]?.closedByClient || undefined, { timeoutMs: 2_000 });
    expect(server.requests[0]).toMatchObject({ replyKind: "hang", status: undefined });
  });

  it("stops waiting on a delayed reply when the client aborts", async () => {
    server.script("gpt-4o-mini", [reply.delayed(5_000, reply.ok("too late"))]);
    const controller = new AbortController();
    const pending = client().chat.completions.create(question, { signal: controller.signal });
    await waitUntil(() => server.requests[0]);
    controller.abort();
    await expect(pending).rejects.toThrow();
    await waitUntil(() => server.requests[0]?.closedByClient || undefined, { timeoutMs: 2_000 });
    expect(server.requests[0]!.status).toBeUndefined();
  });

  it("delays a reply by delayMs", async () => {
    server.script("gpt-4o-mini", [reply.delayed(150, reply.ok("slow"))]);
    const started = Date.now();
    const completion = await client().chat.completions.create(question);
    expect(completion.choices[0]!.message.content).toBe("slow");
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it("sends truncated JSON that the SDK cannot parse", async () => {
    server.script("gpt-4o-mini", [reply.malformed()]);
    await expect(client().chat.completions.create(question)).rejects.toThrow(/JSON/i);
  });

  it("sends an HTML page with status 200", async () => {
    server.script("gpt-4o-mini", [reply.html()]);
    const response = await fetch(`${baseURL}/chat/completions`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(question),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/html");
    expect(await response.text()).toContain("<html>");
  });

  it("resets the connection", async () => {
    server.script("gpt-4o-mini", [reply.reset()]);
    const error = await client()
      .chat.completions.create(question)
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(APIConnectionError);
    expect(server.requests[0]).toMatchObject({ replyKind: "reset", closedByClient: false });
  });

  it("computes replies from the request, via script functions and the default", async () => {
    server.setDefault((request) => reply.ok(`default for ${request.model}`));
    server.script("*", [(request) => reply.ok(`any model got ${request.body?.messages?.length} message(s)`)]);
    const first = await client().chat.completions.create({ ...question, model: "gpt-4.1" });
    const second = await client().chat.completions.create({ ...question, model: "gpt-4.1" });
    expect(first.choices[0]!.message.content).toBe("any model got 1 message(s)");
    expect(second.choices[0]!.message.content).toBe("default for gpt-4.1");
    expect(server.requestsFor("gpt-4.1")).toHaveLength(2);
  });

  it("lists models, including scripted ones", async () => {
    server.script("o4-mini", [reply.ok("x")]);
    const models = await client().models.list();
    const ids = models.data.map((model) => model.id);
    expect(ids).toEqual(expect.arrayContaining(["gpt-4o-mini", "gpt-4o", "o4-mini"]));
    expect(server.requests[0]).toMatchObject({ method: "GET", path: "/v1/models", replyKind: "route" });
  });

  it("answers unknown paths with 404 in OpenAI's error shape", async () => {
    const response = await fetch(`${baseURL}/images/generations`, { method: "POST", body: "{}" });
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { code: "unknown_url" } });
  });

  it("serves many parallel requests, each taking one scripted reply", async () => {
    const count = 50;
    server.script(
      "gpt-4o-mini",
      Array.from({ length: count }, (_, index) => reply.ok(`reply ${index}`)),
    );
    const sdk = client();
    const completions = await Promise.all(Array.from({ length: count }, () => sdk.chat.completions.create(question)));
    const contents = new Set(completions.map((completion) => completion.choices[0]!.message.content));
    expect(contents.size).toBe(count);
    expect(server.requestCount).toBe(count);
    expect(new Set(server.requests.map((request) => request.seq)).size).toBe(count);
  });

  it("closes promptly even with a hanging request in flight", async () => {
    const own = new FakeOpenAIServer();
    const { baseURL: ownURL } = await own.start();
    own.setDefault(reply.hang());
    const pending = new OpenAI({ apiKey: API_KEY, baseURL: ownURL, maxRetries: 0 }).chat.completions.create(question);
    await waitUntil(() => own.requests[0]);
    const started = Date.now();
    await own.close();
    expect(Date.now() - started).toBeLessThan(1_000);
    await expect(pending).rejects.toBeInstanceOf(APIConnectionError);
  });
});

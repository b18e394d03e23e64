import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { waitUntil } from "../http/wait-until.js";
import { json, type PostOptions, postMessages } from "./__fixtures__/post-messages.js";
import { anthropicReply } from "./anthropic-reply.js";
import { FakeAnthropicServer } from "./fake-anthropic-server.js";

const API_KEY = "sk-ant-testkit-secret-0123456789";
const MODEL = "claude-haiku-4-5";
const server = new FakeAnthropicServer();
let baseURL = "";

beforeAll(async () => {
  ({ baseURL } = await server.start());
});
afterEach(() => server.reset());
afterAll(() => server.close());

const question = { model: MODEL, max_tokens: 64, messages: [{ role: "user", content: "What is 6 times 7?" }] };
const post = (body: unknown, options?: PostOptions) => postMessages(baseURL, API_KEY, body, options);

describe("FakeAnthropicServer", () => {
  it("listens on loopback and reports the baseURL the SDK takes", () => {
    expect(baseURL).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.baseURL).toBe(baseURL);
  });

  it("answers a scripted message with usage including cache tokens, and records the request", async () => {
    server.script(MODEL, [
      anthropicReply.text("42", {
        usage: { inputTokens: 20, outputTokens: 2, cacheReadInputTokens: 1000, cacheCreationInputTokens: 300 },
        model: "claude-haiku-4-5-20251001",
      }),
    ]);
    const response = await post({ ...question, system: "Be terse." });
    expect(response.status).toBe(200);
    expect(response.headers.get("request-id")).toBe("req_testkit_1");
    const message = await json(response);
    expect(message).toMatchObject({
      id: "msg_testkit_1",
      type: "message",
      role: "assistant",
      model: "claude-haiku-4-5-20251001",
      content: [{ type: "text", text: "42" }],
      stop_reason: "end_turn",
      usage: {
        input_tokens: 20,
        output_tokens: 2,
        cache_read_input_tokens: 1000,
        cache_creation_input_tokens: 300,
        cache_creation: { ephemeral_5m_input_tokens: 300, ephemeral_1h_input_tokens: 0 },
      },
    });
    const [recorded] = server.requests;
    expect(recorded).toMatchObject({ method: "POST", path: "/v1/messages", model: MODEL, apiVersion: "2023-06-01" });
    expect(recorded!.body?.system).toBe("Be terse.");
    expect(recorded!.headers["x-api-key"]).toBe(API_KEY);
    expect(recorded!.replyKind).toBe("message");
    expect(server.pendingReplies()).toBe(0);
  });

  it("answers an unnamed tool call with the tool the request forced", async () => {
    server.script(MODEL, [anthropicReply.toolUse({ answer: 42 })]);
    const tools = [{ name: "answer_output", input_schema: { type: "object" } }];
    const response = await post({ ...question, tools, tool_choice: { type: "tool", name: "answer_output" } });
    const message = await json(response);
    expect(message.content).toEqual([
      { type: "tool_use", id: "toolu_testkit_1_0", name: "answer_output", input: { answer: 42 } },
    ]);
    expect(message.stop_reason).toBe("tool_use");
  });

  it("answers with a scripted tool call id, then takes the tool's result for it", async () => {
    const tools = [{ name: "calc", input_schema: { type: "object", properties: { expression: { type: "string" } } } }];
    server.script(MODEL, [
      anthropicReply.toolUse({ expression: "6*7" }, { name: "calc", id: "toolu_calc_1" }),
      anthropicReply.text("42"),
    ]);
    const first = await json(await post({ ...question, tools, tool_choice: { type: "any" } }));
    expect(first.content).toEqual([
      { type: "tool_use", id: "toolu_calc_1", name: "calc", input: { expression: "6*7" } },
    ]);
    const history = [
      ...question.messages,
      { role: "assistant", content: first.content },
      { role: "user", content: [{ type: "tool_result", tool_use_id: "toolu_calc_1", content: "42" }] },
    ];
    const second = await post({ ...question, tools, messages: history });
    expect(second.status).toBe(200);
    expect((await json(second)).content).toEqual([{ type: "text", text: "42" }]);
    expect(server.requests[1]?.body?.messages?.[2]?.content).toEqual([
      { type: "tool_result", tool_use_id: "toolu_calc_1", content: "42" },
    ]);
  });

  it("echoes deterministically with estimated usage when nothing is scripted", async () => {
    const message = await json(await post(question));
    expect(message.content).toEqual([{ type: "text", text: "echo: What is 6 times 7?" }]);
    // 18 characters → ceil(18 / 4) = 5 input tokens; the echo's 24 characters → 6 output tokens.
    expect(message.usage).toMatchObject({ input_tokens: 5, output_tokens: 6, cache_read_input_tokens: 0 });
    expect(JSON.stringify(message)).not.toContain(API_KEY);
  });

  it("sends Anthropic's error body and retry headers with an error status", async () => {
    server.script(MODEL, [
      anthropicReply.overloaded({ retryAfter: 3 }),
      anthropicReply.rateLimited(undefined, { retryAfterMs: 250 }),
    ]);
    const overloaded = await post(question);
    expect(overloaded.status).toBe(529);
    expect(overloaded.headers.get("retry-after")).toBe("3");
    expect(await json(overloaded)).toEqual({
      type: "error",
      error: { type: "overloaded_error", message: "Overloaded" },
      request_id: "req_testkit",
    });
    const limited = await post(question);
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after-ms")).toBe("250");
    expect((await json(limited)).error.type).toBe("rate_limit_error");
  });

  it("reports a too-long prompt the way the API words it", async () => {
    server.script(MODEL, [anthropicReply.promptTooLong()]);
    const response = await post(question);
    expect(response.status).toBe(400);
    const body = await json(response);
    expect(body.error.type).toBe("invalid_request_error");
    expect(body.error.message).toMatch(/^prompt is too long/);
  });

  it.each([
    [
      "a missing max_tokens",
      { model: MODEL, messages: question.messages },
      "2023-06-01",
      /^max_tokens: Field required/,
    ],
    [
      "a system role under 2023-06-01",
      { ...question, messages: [{ role: "system", content: "x" }, ...question.messages] },
      "2023-06-01",
      /^messages\.0\.role/,
    ],
    ["temperature under 2026-10-21", { ...question, temperature: 1 }, "2026-10-21", /^temperature: Extra inputs/],
    ["an unknown forced tool", { ...question, tool_choice: { type: "tool", name: "nope" } }, "2023-06-01", /nope/],
    [
      "an image type the API does not take",
      {
        ...question,
        messages: [
          {
            role: "user",
            content: [{ type: "image", source: { type: "base64", media_type: "image/bmp", data: "Qk0=" } }],
          },
        ],
      },
      "2026-10-21",
      /image\.source\.base64\.media_type/,
    ],
    [
      "a tool call without its result",
      {
        ...question,
        messages: [
          ...question.messages,
          { role: "assistant", content: [{ type: "tool_use", id: "toolu_1", name: "calc", input: {} }] },
          { role: "user", content: "well?" },
        ],
      },
      "2023-06-01",
      /^messages\.1: `tool_use` ids were found without `tool_result` blocks/,
    ],
  ])("refuses %s with 400 invalid_request_error before any script runs", async (_name, body, version, message) => {
    server.script(MODEL, [anthropicReply.text("must not be consumed")]);
    const response = await post(body, { version });
    expect(response.status).toBe(400);
    const error = await json(response);
    expect(error.error.type).toBe("invalid_request_error");
    expect(error.error.message).toMatch(message);
    expect(server.pendingReplies(MODEL)).toBe(1);
  });

  it("accepts temperature under 2023-06-01 and a system message under 2026-10-21", async () => {
    expect((await post({ ...question, temperature: 0 })).status).toBe(200);
    const withSystem = { ...question, messages: [{ role: "system", content: "Be terse." }, ...question.messages] };
    expect((await post(withSystem, { version: "2026-10-21" })).status).toBe(200);
  });

  it("counts tokens and answers unknown paths with a 404 in Anthropic's shape", async () => {
    const count = await post(question, { path: "/v1/messages/count_tokens" });
    expect(await json(count)).toEqual({ input_tokens: 5 });
    const missing = await post(question, { path: "/v1/complete" });
    expect(missing.status).toBe(404);
    expect((await json(missing)).error.type).toBe("not_found_error");
  });

  it("hangs until the client gives up, resets, and sends truncated JSON when scripted", async () => {
    server.script(MODEL, [anthropicReply.hang(), anthropicReply.reset(), anthropicReply.malformed()]);
    const controller = new AbortController();
    const hanging = post(question, { signal: controller.signal });
    await waitUntil(() => server.requests[0]);
    controller.abort();
    await expect(hanging).rejects.toThrow();
    await waitUntil(() => server.requests[0]?.closedByClient || undefined);
    await expect(post(question)).rejects.toThrow();
    expect(server.requests[1]).toMatchObject({ replyKind: "reset", droppedByServer: true, closedByClient: false });
    const malformed = await post(question);
    await expect(malformed.json()).rejects.toThrow(SyntaxError);
  });

  it("takes the ANY_MODEL queue, then a default, then echoes", async () => {
    server.script("*", [anthropicReply.text("any")]).setDefault(() => anthropicReply.text("default"));
    const texts: (string | undefined)[] = [];
    for (let index = 0; index < 2; index++) texts.push((await json(await post(question))).content[0]?.text);
    expect(texts).toEqual(["any", "default"]);
    server.setDefault(undefined);
    expect((await json(await post(question))).content[0]?.text).toBe("echo: What is 6 times 7?");
  });
});

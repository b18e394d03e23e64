import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { waitUntil } from "../http/wait-until.js";
import { type PostOptions, postMessages, readEvents } from "./__fixtures__/post-messages.js";
import { anthropicReply } from "./anthropic-reply.js";
import { FakeAnthropicServer } from "./fake-anthropic-server.js";

// The wire format of the fake's streaming side; packages/anthropic/test checks it with both SDKs.

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

describe("FakeAnthropicServer streaming", () => {
  it("streams a text and a tool_use block as the API's event sequence", async () => {
    server.script(MODEL, [
      anthropicReply.message(
        [
          { type: "text", text: "Let me answer." },
          { type: "tool_use", name: "answer", input: { value: 42 } },
        ],
        { usage: { inputTokens: 30, outputTokens: 12, cacheReadInputTokens: 7 }, stream: { chunkSize: 5 } },
      ),
    ]);
    const response = await post({ ...question, stream: true });
    expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const { events, broke } = await readEvents(response);
    expect(broke).toBe(false);
    expect(events.map((event) => event.type)).toEqual([
      "message_start",
      "ping",
      "content_block_start",
      "content_block_delta",
      "content_block_delta",
      "content_block_delta",
      "content_block_stop",
      "content_block_start",
      "content_block_delta",
      "content_block_delta",
      "content_block_delta",
      "content_block_stop",
      "message_delta",
      "message_stop",
    ]);
    expect(events[0]).toMatchObject({
      message: {
        content: [],
        stop_reason: null,
        usage: { input_tokens: 30, output_tokens: 1, cache_read_input_tokens: 7 },
      },
    });
    const deltas = events.filter((event) => event.type === "content_block_delta") as unknown as {
      delta: Record<string, string>;
    }[];
    expect(
      deltas
        .slice(0, 3)
        .map((event) => event.delta.text)
        .join(""),
    ).toBe("Let me answer.");
    expect(
      JSON.parse(
        deltas
          .slice(3)
          .map((event) => event.delta.partial_json)
          .join(""),
      ),
    ).toEqual({ value: 42 });
    expect(events[12]).toMatchObject({
      delta: { stop_reason: "tool_use" },
      usage: { output_tokens: 12, input_tokens: 30, cache_read_input_tokens: 7 },
    });
    expect(server.requests[0]).toMatchObject({ replyKind: "stream", eventsSent: 14, status: 200 });
  });

  it("resets a stream after N events", async () => {
    server.script(MODEL, [
      anthropicReply.text("a long answer that never arrives", { stream: { resetAfterChunks: 4 } }),
    ]);
    const { events, broke } = await readEvents(await post({ ...question, stream: true }));
    expect(broke).toBe(true);
    expect(events.map((event) => event.type)).toEqual([
      "message_start",
      "ping",
      "content_block_start",
      "content_block_delta",
    ]);
    expect(server.requests[0]).toMatchObject({ eventsSent: 4, droppedByServer: true, closedByClient: false });
  });

  it("ends a stream with an error event after N events", async () => {
    server.script(MODEL, [anthropicReply.text("cut short", { stream: { errorAfterChunks: 3 } })]);
    const { events, broke } = await readEvents(await post({ ...question, stream: true }));
    expect(broke).toBe(false);
    expect(events.map((event) => event.type)).toEqual(["message_start", "ping", "content_block_start", "error"]);
    expect(events[3]).toEqual({ type: "error", error: { type: "overloaded_error", message: "Overloaded" } });
  });

  it("stops a slow stream when the client aborts it", async () => {
    server.script(MODEL, [anthropicReply.text("x".repeat(80), { stream: { chunkDelayMs: 50, chunkSize: 1 } })]);
    const controller = new AbortController();
    const response = await post({ ...question, stream: true }, { signal: controller.signal });
    await waitUntil(() => (server.requests[0]!.eventsSent >= 3 ? true : undefined));
    controller.abort();
    await expect(readEvents(response)).resolves.toMatchObject({ broke: true });
    await waitUntil(() => server.requests[0]?.closedByClient || undefined);
    // 80 one-character deltas plus six framing events would be 86.
    expect(server.requests[0]!.eventsSent).toBeLessThan(86);
  });
});

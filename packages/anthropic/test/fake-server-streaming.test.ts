import { anthropicReply, FakeAnthropicServer } from "@modelpolicy/testkit";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { STREAMING_SDK_MAJORS, type StreamingCalls } from "./sdk-majors.js";

// The fake server's streaming side, checked with the real SDKs' own stream readers: the streaming
// adapter will be tested against these events, so they must be what both majors understand.

const MODEL = "claude-haiku-4-5";
const server = new FakeAnthropicServer();
const request = { model: MODEL, max_tokens: 256, messages: [{ role: "user" as const, content: "Who signed?" }] };

beforeAll(async () => {
  await server.start();
});
afterAll(() => server.close());
beforeEach(() => server.reset());

/** Event types in order, without `ping`: 0.x yields pings to the caller, 1.x drops them. */
async function collect(events: AsyncIterable<{ type: string }>): Promise<string[]> {
  const types: string[] = [];
  for await (const event of events) if (event.type !== "ping") types.push(event.type);
  return types;
}

describe.each(STREAMING_SDK_MAJORS)("FakeAnthropicServer streaming with %s", (_major, make) => {
  let sdk: StreamingCalls;
  beforeAll(() => {
    sdk = make({ apiKey: "sk-ant-test", baseURL: server.baseURL, maxRetries: 0, timeout: 10_000 });
  });

  it("streams text and tool_use that messages.stream() accumulates into the scripted message", async () => {
    server.script(MODEL, [
      anthropicReply.message(
        [
          { type: "text", text: "Both parties signed — see below. ✍️" },
          { type: "tool_use", name: "record_parties", input: { parties: ["Acme", "Globex"], signed: true } },
        ],
        {
          usage: { inputTokens: 12, outputTokens: 40, cacheReadInputTokens: 900, cacheCreationInputTokens: 100 },
          stream: { chunkSize: 3, chunkDelayMs: 1 },
        },
      ),
    ]);
    const message = await sdk.finalMessage(request);
    expect(message).toMatchObject({
      id: "msg_testkit_1",
      model: MODEL,
      stop_reason: "tool_use",
      content: [
        { type: "text", text: "Both parties signed — see below. ✍️" },
        { type: "tool_use", name: "record_parties", input: { parties: ["Acme", "Globex"], signed: true } },
      ],
      usage: {
        input_tokens: 12,
        output_tokens: 40,
        cache_read_input_tokens: 900,
        cache_creation_input_tokens: 100,
      },
    });
    expect(server.requests[0]).toMatchObject({ replyKind: "stream", body: { stream: true } });
  });

  it("sends the raw event sequence create({ stream: true }) iterates", async () => {
    server.script(MODEL, [anthropicReply.text("Acme", { stream: { chunkSize: 2 } })]);
    expect(await collect(await sdk.rawEvents(request))).toEqual([
      "message_start",
      "content_block_start",
      "content_block_delta",
      "content_block_delta",
      "content_block_stop",
      "message_delta",
      "message_stop",
    ]);
  });

  it("fails the stream when the connection drops after N events", async () => {
    server.script(MODEL, [anthropicReply.text("an answer cut short", { stream: { resetAfterChunks: 3 } })]);
    const seen: string[] = [];
    const reading = (async () => {
      for await (const event of await sdk.rawEvents(request)) if (event.type !== "ping") seen.push(event.type);
    })();
    await expect(reading).rejects.toThrow();
    expect(seen).toEqual(["message_start", "content_block_start"]);
    expect(server.requests[0]).toMatchObject({ eventsSent: 3, droppedByServer: true });
  });

  it("surfaces a mid-stream overloaded_error event as an error", async () => {
    server.script(MODEL, [anthropicReply.text("an answer cut short", { stream: { errorAfterChunks: 4 } })]);
    await expect(sdk.finalMessage(request)).rejects.toThrow(/overloaded_error|Overloaded/);
  });
});

import OpenAI from "openai";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { waitUntil } from "../http/wait-until.js";
import { FakeOpenAIServer } from "./fake-openai-server.js";
import { reply } from "./reply.js";
import { dialects } from "./server-dialect.js";

const server = new FakeOpenAIServer();
let openai: OpenAI;

const question = {
  model: "gpt-4o-mini",
  messages: [{ role: "user" as const, content: "Count to five." }],
  stream: true as const,
};
const withUsage = { ...question, stream_options: { include_usage: true } };

beforeAll(async () => {
  const { baseURL } = await server.start();
  openai = new OpenAI({ apiKey: "sk-testkit", baseURL, maxRetries: 0, timeout: 5_000 });
});
afterEach(() => server.reset());
afterAll(() => server.close());

/** Reads a stream to its end: the content and the usage chunk's usage, or the error it threw. */
async function readAll(stream: AsyncIterable<OpenAI.Chat.Completions.ChatCompletionChunk>) {
  let content = "";
  let usage: OpenAI.Completions.CompletionUsage | undefined;
  let finish: string | null | undefined;
  let chunks = 0;
  try {
    for await (const chunk of stream) {
      chunks += 1;
      content += chunk.choices[0]?.delta.content ?? "";
      finish = chunk.choices[0]?.finish_reason ?? finish;
      usage = chunk.usage ?? usage;
    }
  } catch (error) {
    return { content, usage, finish, chunks, error };
  }
  return { content, usage, finish, chunks, error: undefined };
}

describe("FakeOpenAIServer streaming", () => {
  it("streams a scripted completion as chunks, then the usage chunk the request asked for", async () => {
    server.script("gpt-4o-mini", [
      reply.ok("one two three four five", {
        usage: { promptTokens: 11, completionTokens: 5 },
        stream: { chunkSize: 4 },
      }),
    ]);
    const read = await readAll(await openai.chat.completions.create(withUsage));
    expect(read.error).toBeUndefined();
    expect(read.content).toBe("one two three four five");
    expect(read.finish).toBe("stop");
    expect(read.usage).toMatchObject({ prompt_tokens: 11, completion_tokens: 5 });
    // Role chunk, six content chunks of four characters, finish chunk, usage chunk.
    expect(read.chunks).toBe(9);
    expect(server.requests[0]).toMatchObject({
      replyKind: "stream",
      status: 200,
      chunksSent: 9,
      closedByClient: false,
    });
  });

  it("sends no usage chunk unless asked, nor when the script or the dialect leaves it out", async () => {
    server.script("gpt-4o-mini", [reply.ok("a"), reply.ok("b", { stream: { omitUsage: true } })]);
    expect((await readAll(await openai.chat.completions.create(question))).usage).toBeUndefined();
    expect((await readAll(await openai.chat.completions.create(withUsage))).usage).toBeUndefined();
    server.setDialect(dialects.noUsage);
    expect((await readAll(await openai.chat.completions.create(withUsage))).usage).toBeUndefined();
  });

  it("records that a client which stopped reading closed the connection", async () => {
    server.script("gpt-4o-mini", [reply.ok("x".repeat(80), { stream: { chunkSize: 8, chunkDelayMs: 20 } })]);
    const stream = await openai.chat.completions.create(withUsage);
    let chunks = 0;
    for await (const _chunk of stream) {
      chunks += 1;
      if (chunks === 2) break;
    }
    await waitUntil(() => (server.requests[0]?.closedByClient ? true : undefined));
    expect(server.requests[0]?.closedByClient).toBe(true);
    expect(server.requests[0]?.chunksSent).toBeLessThan(12);
  });

  it("drops the connection after N chunks, without counting it as the client's", async () => {
    server.script("gpt-4o-mini", [reply.ok("abcdefghijklmnop", { stream: { chunkSize: 4, resetAfterChunks: 3 } })]);
    const read = await readAll(await openai.chat.completions.create(withUsage));
    expect(read.content).toBe("abcdefgh");
    expect(read.error).toBeDefined();
    expect(server.requests[0]).toMatchObject({ chunksSent: 3, droppedByServer: true, closedByClient: false });
  });

  it("goes silent after N chunks until the client gives up", async () => {
    server.script("gpt-4o-mini", [reply.ok("abcdefgh", { stream: { chunkSize: 4, stallAfterChunks: 2 } })]);
    const controller = new AbortController();
    const stream = await openai.chat.completions.create(withUsage, { signal: controller.signal });
    let content = "";
    const reading = (async () => {
      for await (const chunk of stream) content += chunk.choices[0]?.delta.content ?? "";
    })().catch(() => undefined);
    await waitUntil(() => (content === "abcd" ? true : undefined));
    controller.abort();
    await reading;
    await waitUntil(() => (server.requests[0]?.closedByClient ? true : undefined));
    expect(server.requests[0]?.closedByClient).toBe(true);
    expect(server.requests[0]?.chunksSent).toBe(2);
  });

  it("sends an unparseable chunk, or OpenAI's mid-stream error event", async () => {
    server.script("gpt-4o-mini", [
      reply.ok("abcdefgh", { stream: { chunkSize: 4, malformedAfterChunks: 2 } }),
      reply.ok("abcdefgh", { stream: { chunkSize: 4, errorAfterChunks: 2 } }),
    ]);
    const silenced = console.error;
    console.error = () => undefined; // the SDK logs the chunk it could not parse
    try {
      const malformed = await readAll(await openai.chat.completions.create(withUsage));
      expect(malformed.content).toBe("abcd");
      expect(malformed.error).toBeInstanceOf(SyntaxError);
    } finally {
      console.error = silenced;
    }
    const failed = await readAll(await openai.chat.completions.create(withUsage));
    expect(failed.content).toBe("abcd");
    expect(failed.error).toBeInstanceOf(OpenAI.APIError);
  });

  it("streams the echo reply when nothing is scripted", async () => {
    const read = await readAll(await openai.chat.completions.create(withUsage));
    expect(read.content).toBe("echo: Count to five.");
    expect(read.usage?.completion_tokens).toBeGreaterThan(0);
  });
});

import { createRouter, DeadlineExceededError, defineTable, RoutedCallError } from "@modelpolicy/core";
import { FakeOpenAIServer, reply, waitUntil } from "@modelpolicy/testkit";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { openAIAdapter } from "../src/openai-adapter.js";
import type { OpenAIClientLike } from "../src/openai-client-like.js";
import { SDK_MAJORS } from "./sdk-majors.js";

const server = new FakeOpenAIServer();

function makeRouter(client: OpenAIClientLike) {
  const table = defineTable({
    version: "t1",
    tiers: {
      fast: { provider: "openai", model: "gpt-4.1-nano" },
      standard: { provider: "openai", model: "gpt-4.1-mini" },
    },
    policies: [
      {
        id: "summarise",
        version: "1",
        task: "summary",
        model_tier: "fast",
        max_input_tokens: 500,
        max_output_tokens: 80,
        evidence_required: false,
        review_required: false,
        fallback_policy: "next_tier",
        latency_tier: "fast",
        retry: { max_attempts: 2, base_delay_ms: 1 },
      },
    ],
  });
  // The fake is an OpenAI-compatible server: ask it for the usage chunk, as OpenAI is by default.
  return createRouter(table, { adapters: [openAIAdapter(client, { streamUsage: true })], onDiagnostic: () => {} });
}

beforeAll(async () => {
  await server.start();
});
afterAll(() => server.close());
beforeEach(() => server.reset());

const messages = [{ role: "user" as const, content: "Summarise: the supplier delivers monthly." }];

describe.each(SDK_MAJORS)("router.stream + OpenAI adapter + %s over HTTP", (_major, makeClient) => {
  let router: ReturnType<typeof makeRouter>;
  beforeAll(() => {
    router = makeRouter(makeClient({ apiKey: "sk-test", baseURL: server.baseURL, maxRetries: 3 }));
  });

  it("streams every delta and resolves with the provider's usage", async () => {
    server.script("gpt-4.1-nano", [
      reply.ok("Monthly deliveries.", { usage: { promptTokens: 25, completionTokens: 4 }, stream: { chunkSize: 4 } }),
    ]);
    const stream = router.stream("summary", { messages });
    const deltas: string[] = [];
    for await (const delta of stream) deltas.push(delta);
    expect(deltas.join("")).toBe("Monthly deliveries.");
    expect(deltas.length).toBeGreaterThan(1);
    const result = await stream.result;
    expect(result.output).toBe("Monthly deliveries.");
    expect(result.usage).toMatchObject({ inputTokens: 25, outputTokens: 4 });
    expect(result.attempts[0]).toMatchObject({ usageSource: "provider", finishReason: "stop" });
    expect(server.requests[0]?.body).toMatchObject({
      stream: true,
      stream_options: { include_usage: true },
      max_tokens: 80,
    });
  });

  it("settles result and releases the socket when the caller breaks after two deltas", async () => {
    server.script("gpt-4.1-nano", [reply.ok("y".repeat(300), { stream: { chunkSize: 10, chunkDelayMs: 15 } })]);
    const stream = router.stream("summary", { messages });
    let read = 0;
    for await (const _delta of stream) {
      read += 1;
      if (read === 2) break;
    }
    // The loop's exit waited for the call to end and the request was aborted; the fake sees the
    // socket close as soon as the abort crosses the loopback connection.
    await waitUntil(() => (server.requests[0]?.closedByClient ? true : undefined));
    expect(server.requests[0]?.closedByClient).toBe(true);
    const error = await stream.result.catch((caught: unknown) => caught);
    expect(DeadlineExceededError.isInstance(error)).toBe(true);
    expect((error as DeadlineExceededError).record).toMatchObject({ outcome: "failed", errorClass: "aborted" });
    expect(server.requests).toHaveLength(1);
  });

  it("ends a stalled stream at its idle timeout and releases the socket", async () => {
    server.script("gpt-4.1-nano", [reply.ok("abcdefghijkl", { stream: { chunkSize: 4, stallAfterChunks: 2 } })]);
    const stream = router.stream("summary", { messages, idleTimeoutMs: 100 });
    const deltas: string[] = [];
    const error = await (async () => {
      for await (const delta of stream) deltas.push(delta);
    })().catch((caught: unknown) => caught);
    expect(deltas).toEqual(["abcd"]);
    expect(RoutedCallError.isInstance(error)).toBe(true);
    expect((error as RoutedCallError).record.errorClass).toBe("timeout");
    expect(server.requests).toHaveLength(1);
    await waitUntil(() => (server.requests[0]?.closedByClient ? true : undefined));
    expect(server.requests[0]?.closedByClient).toBe(true);
  });

  it("fails with connection after a mid-stream reset, without falling back", async () => {
    server.script("gpt-4.1-nano", [reply.ok("abcdefghijkl", { stream: { chunkSize: 4, resetAfterChunks: 3 } })]);
    const stream = router.stream("summary", { messages });
    const deltas: string[] = [];
    const error = await (async () => {
      for await (const delta of stream) deltas.push(delta);
    })().catch((caught: unknown) => caught);
    expect(deltas.join("")).toBe("abcdefgh");
    expect((error as RoutedCallError).record).toMatchObject({ errorClass: "connection", fallback: { used: false } });
    expect(server.requests).toHaveLength(1);
  });

  it("retries a 503 and falls back before the first chunk", async () => {
    server.script("gpt-4.1-nano", [reply.serverError(503), reply.serverError(503)]);
    server.script("gpt-4.1-mini", [reply.ok('{"label":"msa"}')]);
    const stream = router.stream("summary", { messages, schema: z.object({ label: z.string() }) });
    for await (const _delta of stream) {
      // read to the end
    }
    const result = await stream.result;
    expect(result).toMatchObject({ outcome: "fallback_ok", output: { label: "msa" }, modelServed: "gpt-4.1-mini" });
    expect(server.requests.map((request) => request.model)).toEqual(["gpt-4.1-nano", "gpt-4.1-nano", "gpt-4.1-mini"]);
  });
});

import { describe, expect, it } from "vitest";
import { z } from "zod";
import { user } from "../__fixtures__/router-setup.js";
import { testTable } from "../__fixtures__/tables.js";
import { BudgetExceededError } from "../errors/budget-exceeded-error.js";
import { DeadlineExceededError } from "../errors/deadline-exceeded-error.js";
import { RoutedCallError } from "../errors/routed-call-error.js";
import { RoutingFailedError } from "../errors/routing-failed-error.js";
import { parsePolicyTable } from "../policy/policy-table.js";
import { ScriptedAdapter } from "../testing/scripted-adapter.js";
import { StreamingAdapter } from "./__fixtures__/streaming-adapter.js";
import { createRouter } from "./router.js";
import type { AttemptCall, RoutedCall, RouterMiddleware } from "./router-middleware.js";

/** Middleware that records what it saw and when each `next` settled. */
function observer() {
  const calls: RoutedCall[] = [];
  const attempts: AttemptCall[] = [];
  const settled: string[] = [];
  const middleware: RouterMiddleware = {
    name: "observer",
    async onCall(call, next) {
      calls.push(call);
      await next().finally(() => settled.push("call"));
    },
    async onAttempt(attempt, next) {
      attempts.push(attempt);
      await next().finally(() => settled.push(`attempt ${attempt.index}`));
    },
  };
  return { middleware, calls, attempts, settled };
}

function setup(adapter: StreamingAdapter | ScriptedAdapter = new StreamingAdapter()) {
  const seen = observer();
  const router = createRouter(parsePolicyTable(testTable()), {
    adapters: [adapter],
    middleware: [seen.middleware],
    breaker: false,
  });
  return { router, seen };
}

async function read(stream: AsyncIterable<string>, limit = Number.POSITIVE_INFINITY) {
  const deltas: string[] = [];
  for await (const delta of stream) {
    deltas.push(delta);
    if (deltas.length >= limit) break;
  }
  return deltas;
}

async function readUntilError(stream: AsyncIterable<string>) {
  const deltas: string[] = [];
  try {
    for await (const delta of stream) deltas.push(delta);
  } catch (error) {
    return { deltas, error };
  }
  return { deltas, error: undefined };
}

describe("router.stream", () => {
  it("delivers every delta, then resolves with the text, the provider's usage and the time to first chunk", async () => {
    const adapter = new StreamingAdapter().script("fast-model", {
      deltas: ["The ", "quick ", "fox"],
      usage: { inputTokens: 42, outputTokens: 3 },
    });
    const { router, seen } = setup(adapter);
    const stream = router.stream("classification", { messages: user("x") });
    expect(await read(stream)).toEqual(["The ", "quick ", "fox"]);
    const result = await stream.result;
    expect(result.output).toBe("The quick fox");
    expect(result.outcome).toBe("ok");
    expect(result.usage).toMatchObject({ inputTokens: 42, outputTokens: 3 });
    expect(result.attempts[0]).toMatchObject({ outcome: "ok", finishReason: "stop", usageSource: "provider" });
    expect(result.attempts[0]?.timeToFirstChunkMs).toBeGreaterThanOrEqual(0);
    expect(result.timeToFirstChunkMs).toBeGreaterThanOrEqual(0);
    expect(adapter.calls[0]?.maxOutputTokens).toBe(200);
    expect(adapter.endings).toEqual(["finished"]);
    expect(seen.calls[0]?.stream).toBe(true);
    expect(seen.attempts[0]?.stream).toBe(true);
    expect(seen.settled).toEqual(["attempt 1", "call"]);
  });

  it("ends the call when the caller breaks out: aborts the stream, settles result and every hook", async () => {
    const adapter = new StreamingAdapter().script("fast-model", { deltas: ["a", "b", "c", "d", "e"], delayMs: 20 });
    const { router, seen } = setup(adapter);
    const stream = router.stream("classification", { messages: user("x") });
    expect(await read(stream, 2)).toEqual(["a", "b"]);
    // The loop's exit waited for the call: everything has ended by now.
    expect(seen.settled).toEqual(["attempt 1", "call"]);
    expect(adapter.calls[0]?.signal.aborted).toBe(true);
    expect(adapter.endings).toHaveLength(1);
    expect(adapter.endings[0]).not.toBe("finished");
    const error = await stream.result.catch((caught: unknown) => caught);
    expect(DeadlineExceededError.isInstance(error)).toBe(true);
    const { record } = error as DeadlineExceededError;
    expect(record).toMatchObject({ outcome: "failed", errorClass: "aborted" });
    expect(record.attempts).toHaveLength(1);
    expect(record.attempts[0]).toMatchObject({
      errorClass: "aborted",
      finishReason: "error",
      usageSource: "estimated",
    });
    expect(record.attempts[0]?.usage.outputTokens).toBeGreaterThan(0);
  });

  it("ends the call when the caller's signal aborts mid-stream", async () => {
    const adapter = new StreamingAdapter().script("fast-model", { deltas: ["a", "b", "c", "d"], delayMs: 20 });
    const { router, seen } = setup(adapter);
    const controller = new AbortController();
    const stream = router.stream("classification", { messages: user("x"), signal: controller.signal });
    const deltas: string[] = [];
    const { error } = await readUntilError({
      async *[Symbol.asyncIterator]() {
        for await (const delta of stream) {
          deltas.push(delta);
          if (deltas.length === 1) controller.abort();
          yield delta;
        }
      },
    });
    expect(DeadlineExceededError.isInstance(error)).toBe(true);
    expect((error as DeadlineExceededError).record.errorClass).toBe("aborted");
    expect(adapter.calls[0]?.signal.aborted).toBe(true);
    expect(seen.settled).toEqual(["attempt 1", "call"]);
  });

  it("fails with a typed error after a mid-stream failure, never falling back once a chunk was handed over", async () => {
    const adapter = new StreamingAdapter().script("fast-model", {
      deltas: ["a", "b", "c"],
      failAfter: { deltas: 2, error: { errorClass: "connection", message: "socket hang up" } },
    });
    const { router } = setup(adapter);
    const stream = router.stream("classification", { messages: user("x") });
    const { deltas, error } = await readUntilError(stream);
    expect(deltas).toEqual(["a", "b"]);
    expect(RoutingFailedError.isInstance(error)).toBe(true);
    expect(await stream.result.catch((caught: unknown) => caught)).toBe(error);
    const { record } = error as RoutingFailedError;
    expect(record).toMatchObject({ outcome: "failed", errorClass: "connection" });
    expect(record.fallback).toMatchObject({ used: false, reason: undefined });
    expect(record.attempts).toHaveLength(1);
    expect(record.attempts[0]).toMatchObject({ errorClass: "connection", finishReason: "error" });
    // No retry on fast-model, no fallback to standard-model.
    expect(adapter.calls).toHaveLength(1);
  });

  it("retries and falls back while no chunk has reached the caller", async () => {
    const adapter = new StreamingAdapter()
      .script("fast-model", { error: { errorClass: "server_error", message: "503" } })
      .script("fast-model", { error: { errorClass: "server_error", message: "503" } })
      .script("standard-model", { deltas: ["from ", "standard"] });
    const { router } = setup(adapter);
    const stream = router.stream("classification", { messages: user("x") });
    expect(await read(stream)).toEqual(["from ", "standard"]);
    const result = await stream.result;
    expect(result.outcome).toBe("fallback_ok");
    expect(result.modelServed).toBe("standard-model");
    expect(result.attempts.map((attempt) => [attempt.kind, attempt.model, attempt.outcome])).toEqual([
      ["primary", "fast-model", "error"],
      ["retry", "fast-model", "error"],
      ["fallback", "standard-model", "ok"],
    ]);
  });

  it("ends a stalled stream at its idle timeout and does not retry it after a chunk", async () => {
    const adapter = new StreamingAdapter().script("fast-model", { deltas: ["a", "b"], stallAfter: 1 });
    const { router } = setup(adapter);
    const stream = router.stream("classification", { messages: user("x"), idleTimeoutMs: 50 });
    const { deltas, error } = await readUntilError(stream);
    expect(deltas).toEqual(["a"]);
    expect(RoutedCallError.isInstance(error)).toBe(true);
    const { record } = error as RoutedCallError;
    expect(record.errorClass).toBe("timeout");
    expect(record.attempts).toHaveLength(1);
    expect(record.attempts[0]?.errorMessage).toMatch(/no part of the provider's stream arrived for 50 ms/);
    expect(adapter.calls[0]?.signal.aborted).toBe(true);
  });

  it("restarts the idle timeout at every part: a stream longer than it, never silent as long, finishes", async () => {
    const deltas = Array.from({ length: 12 }, (_, index) => `${index} `);
    const adapter = new StreamingAdapter().script("fast-model", { deltas, delayMs: 20 });
    const { router } = setup(adapter);
    const stream = router.stream("classification", { messages: user("x"), idleTimeoutMs: 150 });
    expect(await read(stream)).toEqual(deltas);
    const result = await stream.result;
    expect(result.attempts.map((attempt) => attempt.outcome)).toEqual(["ok"]);
    expect(adapter.endings).toEqual(["finished"]);
  });

  it("retries a stream that stalls before its first chunk", async () => {
    const adapter = new StreamingAdapter()
      .script("fast-model", { deltas: ["never"], stallAfter: 0 })
      .script("fast-model", { deltas: ["second ", "try"] });
    const { router } = setup(adapter);
    const stream = router.stream("classification", { messages: user("x"), idleTimeoutMs: 50 });
    expect(await read(stream)).toEqual(["second ", "try"]);
    expect((await stream.result).attempts.map((attempt) => attempt.errorClass)).toEqual(["timeout", undefined]);
  });

  it("refuses over-budget input before any request, from the loop and from result", async () => {
    const adapter = new StreamingAdapter();
    const { router, seen } = setup(adapter);
    const stream = router.stream("classification", { messages: user("word ".repeat(5000)) });
    const { deltas, error } = await readUntilError(stream);
    expect(deltas).toEqual([]);
    expect(BudgetExceededError.isInstance(error)).toBe(true);
    await expect(stream.result).rejects.toBe(error);
    expect(adapter.calls).toHaveLength(0);
    expect(seen.settled).toEqual(["call"]);
  });

  it("validates structured output once the text is complete", async () => {
    const adapter = new StreamingAdapter().script("fast-model", { deltas: ['{"label"', ':"nda"}'] });
    const { router } = setup(adapter);
    const schema = z.object({ label: z.enum(["msa", "nda"]) });
    const stream = router.stream("classification", { messages: user("x"), schema });
    expect((await read(stream)).join("")).toBe('{"label":"nda"}');
    const result = await stream.result;
    expect(result.output).toEqual({ label: "nda" });
    expect(adapter.calls[0]?.responseFormat?.schema).toMatchObject({ type: "object" });
  });

  it("does not repair a streamed answer that fails the schema: the caller has read it", async () => {
    const adapter = new StreamingAdapter().script("fast-model", { deltas: ['{"label":"lease"}'] });
    const { router } = setup(adapter);
    const schema = z.object({ label: z.enum(["msa", "nda"]) });
    const stream = router.stream("classification", { messages: user("x"), schema });
    const { error } = await readUntilError(stream);
    expect(RoutedCallError.isInstance(error)).toBe(true);
    expect((error as RoutedCallError).record.errorClass).toBe("schema_invalid");
    expect(adapter.calls).toHaveLength(1);
  });

  it("sends to an adapter without stream with generate, and hands its answer over in one chunk", async () => {
    const adapter = new ScriptedAdapter().script("fast-model", { reply: "whole answer" });
    const { router, seen } = setup(adapter);
    const stream = router.stream("classification", { messages: user("x") });
    expect(await read(stream)).toEqual(["whole answer"]);
    expect((await stream.result).output).toBe("whole answer");
    expect(seen.attempts[0]?.stream).toBeUndefined();
  });

  it("ends a stream at the call's deadline", async () => {
    const adapter = new StreamingAdapter().script("fast-model", { deltas: ["a", "b", "c"], delayMs: 40 });
    const { router } = setup(adapter);
    const stream = router.stream("classification", { messages: user("x"), timeoutMs: 60 });
    const { error } = await readUntilError(stream);
    expect(DeadlineExceededError.isInstance(error)).toBe(true);
    expect((error as DeadlineExceededError).record.errorClass).toBe("timeout");
    expect(adapter.calls[0]?.signal.aborted).toBe(true);
  });

  it("leaves no unhandled rejection when result is never read", async () => {
    const { router } = setup();
    const stream = router.stream("classification", { messages: user("word ".repeat(5000)) });
    const { error } = await readUntilError(stream);
    expect(BudgetExceededError.isInstance(error)).toBe(true);
    // Vitest fails the run on an unhandled rejection; give one the chance to surface.
    await new Promise((resolve) => setTimeout(resolve, 20));
  });
});

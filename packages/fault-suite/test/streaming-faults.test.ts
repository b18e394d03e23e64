import {
  DeadlineExceededError,
  ModelPolicyError,
  type RouteRequest,
  type RouterMiddleware,
  type RouteStreamRequest,
  RoutingFailedError,
} from "@modelpolicy/core";
import { reply, waitUntil } from "@modelpolicy/testkit";
import { type SpanContext, trace } from "@opentelemetry/api";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { canaryMessages } from "../src/canary.js";
import { expectConsistent } from "../src/consistency.js";
import { figures, measure } from "../src/figures.js";
import { FaultStack, type Settled } from "../src/stack.js";
import { MODELS } from "../src/tables.js";

/** The routed span active inside the telemetry middleware, by the request's messages. */
const routedSpans = new WeakMap<object, SpanContext>();
const probe: RouterMiddleware = {
  name: "streaming-probe",
  async onCall(call, next) {
    const span = trace.getActiveSpan();
    if (span) routedSpans.set(call.messages, span.spanContext());
    return next();
  },
};

let stack: FaultStack;

/** `router.stream` calls this file opened, every one of which must end its spans and its ledger line. */
let streamsOpened = 0;
/** Provider responses still open after their call settled, summed over the file's tests. */
let responsesLeftOpen = 0;

beforeAll(async () => {
  stack = await FaultStack.start({ innerMiddleware: [probe] });
});
afterAll(async () => {
  // The figures issue 12 asks for: streams opened = routed spans ended = ledger records, and no
  // provider connection left open (counted after each test, before the fake forgets its requests).
  await stack.flush();
  const spansEnded = stack.receiver.spans.filter(
    (span) => span.name.startsWith("route ") && span.attributes["model_policy.stream"] === true,
  ).length;
  const ledgerRecords = (await stack.ledger()).filter((record) => record.stream === true).length;
  measure("streamsOpened", streamsOpened);
  measure("streamSpansEnded", spansEnded);
  measure("streamLedgerRecords", ledgerRecords);
  measure("streamResponsesLeftOpen", responsesLeftOpen);
  expect(spansEnded).toBe(streamsOpened);
  expect(ledgerRecords).toBe(streamsOpened);
  expect(responsesLeftOpen).toBe(0);
  expect(await stack.close()).toEqual([]);
});
beforeEach(() => stack.server.reset());
afterEach(async () => {
  const open = () => stack.server.requests.filter((request) => !request.responseClosed);
  await waitUntil(() => (open().length === 0 ? true : undefined), { timeoutMs: 2_000 }).catch(() => undefined);
  responsesLeftOpen += open().length;
});

/**
 * One `router.stream` call through the whole stack, read by `consume` (every delta by default),
 * settled as `stack.call` settles a run: the result or the typed error, with its routed span's ids.
 */
async function streamCall(
  task: string,
  request: RouteStreamRequest,
  consume: (stream: AsyncIterable<string>) => Promise<void> = async (stream) => {
    for await (const _delta of stream) {
      // read to the end
    }
  },
): Promise<Settled & { deltas: string[] }> {
  figures.callsMade += 1;
  streamsOpened += 1;
  const started = performance.now();
  const stream = stack.router.stream(task, request as RouteRequest<undefined>);
  const deltas: string[] = [];
  const recorded: AsyncIterable<string> = {
    async *[Symbol.asyncIterator]() {
      for await (const delta of stream) {
        deltas.push(delta);
        yield delta;
      }
    },
  };
  // The loop's own error is the result's (checked below); what matters is how `result` settles.
  await consume(recorded).catch(() => undefined);
  const ids = () => {
    const context = routedSpans.get(request.messages);
    return { traceId: context?.traceId, spanId: context?.spanId, ms: performance.now() - started, deltas };
  };
  try {
    const result = await stream.result;
    figures.resultsReturned += 1;
    return { ok: true, result, ...ids() };
  } catch (error) {
    if (ModelPolicyError.isInstance(error)) figures.typedErrors += 1;
    else figures.untypedErrors += 1;
    return { ok: false, error, ...ids() };
  }
}

/** Reads `count` deltas, then leaves the loop. */
const breakAfter =
  (count: number) =>
  async (stream: AsyncIterable<string>): Promise<void> => {
    let read = 0;
    for await (const _delta of stream) {
      read += 1;
      if (read === count) break;
    }
  };

/** Waits until the fake saw the client close request `index`'s connection. */
async function released(index = 0): Promise<void> {
  await waitUntil(() => (stack.server.requests[index]?.closedByClient ? true : undefined), { timeoutMs: 2_000 });
}

describe("[case 18] streamed calls through the whole stack", () => {
  it("[case 18] a full stream: every delta, one routed span, its attempt and one ledger line that agree", async () => {
    stack.server.script(MODELS.fast, [reply.ok("The supplier delivers monthly.", { stream: { chunkSize: 5 } })]);
    const settled = await streamCall("retry_then_next", { messages: canaryMessages() });
    expect(settled.ok).toBe(true);
    expect(settled.deltas.join("")).toBe("The supplier delivers monthly.");
    expect(settled.deltas.length).toBeGreaterThan(3);
    const { record, routed, attempts, ledger } = await expectConsistent(stack, settled);
    expect(record.outcome).toBe("ok");
    expect(routed.attributes["model_policy.stream"]).toBe(true);
    expect(attempts[0]?.attributes["gen_ai.request.stream"]).toBe(true);
    expect(attempts[0]?.attributes["gen_ai.response.time_to_first_chunk"]).toBeTypeOf("number");
    // A loopback server is not asked for the usage chunk: the counts are estimates, and say so.
    expect(attempts[0]?.attributes["gen_ai.usage.output_tokens"]).toBeUndefined();
    expect(ledger).toMatchObject({ stream: true, usage_source: "estimated" });
    expect(ledger.time_to_first_chunk_s).toBeGreaterThan(0);
    expect(stack.server.requests[0]?.body).toMatchObject({ stream: true });
  });

  it("[case 18] breaking out after two deltas: result settles aborted, spans and ledger end, the socket is released", async () => {
    stack.server.script(MODELS.fast, [reply.ok("z".repeat(400), { stream: { chunkSize: 10, chunkDelayMs: 10 } })]);
    const settled = await streamCall("retry_then_next", { messages: canaryMessages() }, breakAfter(2));
    expect(settled.deltas).toHaveLength(2);
    expect(DeadlineExceededError.isInstance(settled.error)).toBe(true);
    const { record, attempts, ledger } = await expectConsistent(stack, settled);
    expect(record).toMatchObject({ outcome: "failed", errorClass: "aborted" });
    expect(attempts[0]?.attributes["gen_ai.response.finish_reasons"]).toEqual(["error"]);
    expect(ledger).toMatchObject({ stream: true, outcome: "failed", error_type: "aborted" });
    expect(stack.server.requestCount).toBe(1);
    await released();
  });

  it("[case 18] the caller's abort mid-stream ends the call the same way", async () => {
    stack.server.script(MODELS.fast, [reply.ok("w".repeat(400), { stream: { chunkSize: 10, chunkDelayMs: 10 } })]);
    const controller = new AbortController();
    const settled = await streamCall(
      "retry_then_next",
      { messages: canaryMessages(), signal: controller.signal },
      async (stream) => {
        for await (const _delta of stream) controller.abort();
      },
    );
    expect(DeadlineExceededError.isInstance(settled.error)).toBe(true);
    const { record } = await expectConsistent(stack, settled);
    expect(record.errorClass).toBe("aborted");
    await released();
  });

  it("[case 18] a reset mid-stream is a typed connection error, with no retry and no fallback after the first chunk", async () => {
    stack.server.script(MODELS.fast, [reply.ok("abcdefghijklmnop", { stream: { chunkSize: 4, resetAfterChunks: 3 } })]);
    const settled = await streamCall("retry_then_next", { messages: canaryMessages() });
    expect(settled.deltas.join("")).toBe("abcdefgh");
    expect(RoutingFailedError.isInstance(settled.error)).toBe(true);
    const { record } = await expectConsistent(stack, settled);
    expect(record).toMatchObject({ outcome: "failed", errorClass: "connection", fallback: { used: false } });
    expect(stack.server.requestCount).toBe(1);
  });

  it("[case 18] an unreadable chunk mid-stream is a typed server_error, not retried", async () => {
    stack.server.script(MODELS.fast, [reply.ok("abcdefgh", { stream: { chunkSize: 4, malformedAfterChunks: 2 } })]);
    const original = console.error;
    console.error = () => undefined; // openai logs the chunk it could not parse
    const settled = await streamCall("retry_then_next", { messages: canaryMessages() }).finally(() => {
      console.error = original;
    });
    const { record } = await expectConsistent(stack, settled);
    expect(record).toMatchObject({ outcome: "failed", errorClass: "server_error" });
    expect(stack.server.requestCount).toBe(1);
  });

  it("[case 18] a stalled stream ends at the idle timeout and releases the socket", async () => {
    stack.server.script(MODELS.fast, [reply.ok("abcdefgh", { stream: { chunkSize: 4, stallAfterChunks: 2 } })]);
    const settled = await streamCall("retry_then_next", { messages: canaryMessages(), idleTimeoutMs: 150 });
    expect(settled.deltas).toEqual(["abcd"]);
    const { record } = await expectConsistent(stack, settled);
    expect(record).toMatchObject({ outcome: "failed", errorClass: "timeout" });
    await released();
  });

  it("[case 18] a stream still running at the deadline ends with DeadlineExceededError", async () => {
    stack.server.script(MODELS.fast, [reply.ok("q".repeat(400), { stream: { chunkSize: 4, chunkDelayMs: 20 } })]);
    const settled = await streamCall("deadline", { messages: canaryMessages() });
    expect(DeadlineExceededError.isInstance(settled.error)).toBe(true);
    const { record } = await expectConsistent(stack, settled);
    expect(record.errorClass).toBe("timeout");
    await released();
  });

  it("[case 18] a 503 before the first chunk is retried, then the next tier streams the answer", async () => {
    stack.server.setDefault((request) =>
      request.model === MODELS.fast
        ? reply.serverError(503)
        : reply.ok('{"label":"nda"}', { stream: { chunkSize: 3 } }),
    );
    const settled = await streamCall("retry_then_next", {
      messages: canaryMessages(),
      schema: z.object({ label: z.enum(["nda", "msa"]) }),
    });
    expect(settled.ok).toBe(true);
    const { record } = await expectConsistent(stack, settled);
    expect(record).toMatchObject({ outcome: "fallback_ok", modelServed: MODELS.standard, fallback: { used: true } });
    expect(settled.ok && settled.result.output).toEqual({ label: "nda" });
    expect(stack.server.requestsFor(MODELS.fast)).toHaveLength(
      stack.router.policyFor("retry_then_next").retry.max_attempts,
    );
  });

  it("[case 18] a slow consumer under backpressure gets every delta in order; the provider's response ends on its own time", async () => {
    const text = Array.from({ length: 120 }, (_, index) => `w${index} `).join("");
    stack.server.script(MODELS.fast, [reply.ok(text, { stream: { chunkSize: 4 } })]);
    let providerDoneWhileReading = false;
    const slowly = async (stream: AsyncIterable<string>): Promise<void> => {
      let read = 0;
      for await (const _delta of stream) {
        read += 1;
        if (read === 3) {
          // Reading has barely begun; the provider's whole answer is buffered, its response over.
          await waitUntil(() => (stack.server.requests[0]?.responseClosed ? true : undefined), { timeoutMs: 2_000 });
          providerDoneWhileReading = true;
        }
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
    };
    const settled = await streamCall("retry_then_next", { messages: canaryMessages() }, slowly);
    expect(providerDoneWhileReading).toBe(true);
    expect(settled.ok).toBe(true);
    expect(settled.deltas.join("")).toBe(text);
    const { record, ledger } = await expectConsistent(stack, settled);
    expect(record.outcome).toBe("ok");
    expect(ledger).toMatchObject({ stream: true, outcome: "ok" });
  });

  it("[case 18] 150 concurrent streams, each read whole, abandoned after one delta or aborted mid-stream, all settle", async () => {
    const text = "y".repeat(96);
    stack.server.setDefault(() => reply.ok(text, { stream: { chunkSize: 8, chunkDelayMs: 2 } }));
    const firstThenLeave = async (stream: AsyncIterable<string>): Promise<void> => {
      for await (const _delta of stream) break;
    };
    const calls = Array.from({ length: 150 }, (_, index) => {
      const messages = canaryMessages(`contract ${index}`);
      if (index % 3 === 0) return streamCall("retry_then_next", { messages });
      if (index % 3 === 1) return streamCall("retry_then_next", { messages }, firstThenLeave);
      const controller = new AbortController();
      const abortAfterFirst = async (stream: AsyncIterable<string>): Promise<void> => {
        for await (const _delta of stream) controller.abort();
      };
      return streamCall("retry_then_next", { messages, signal: controller.signal }, abortAfterFirst);
    });
    const settled = await Promise.all(calls);
    const whole = settled.filter((_, index) => index % 3 === 0);
    const cut = settled.filter((_, index) => index % 3 !== 0);
    expect(whole.every((call) => call.ok && call.deltas.join("") === text)).toBe(true);
    // Cut streams end typed (aborted), unless the provider had finished before the cut landed.
    for (const call of cut) if (!call.ok) expect(ModelPolicyError.isInstance(call.error)).toBe(true);
    expect(cut.filter((call) => !call.ok).length).toBeGreaterThan(0);
  });

  it("[case 18] over-budget input is refused before any request, from the loop and from result", async () => {
    const settled = await streamCall("small_budget", { messages: canaryMessages("word ".repeat(200)) });
    expect(settled.deltas).toHaveLength(0);
    const { record } = await expectConsistent(stack, settled);
    expect(record).toMatchObject({ outcome: "rejected", errorClass: "budget_exceeded" });
    expect(stack.server.requestCount).toBe(0);
  });
});

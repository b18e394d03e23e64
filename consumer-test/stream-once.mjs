// The streamed half of the app: `router.stream` over the user's own `OpenAI` client on the
// strong model, read to the end once and abandoned after two deltas once, with the checks on
// what each left behind (result, fake server's view of the connection, spans, ledger lines).
// Imports only the installed packages; run by app.mjs, which owns the tracer provider.
import assert from "node:assert/strict";
import { createRouter, DeadlineExceededError, defineTable } from "@modelpolicy/core";
import { openAIAdapter } from "@modelpolicy/openai";
import { createTelemetryMiddleware } from "@modelpolicy/otel";
import OpenAI from "openai";
import { fakes } from "./route-once.mjs";

export const STREAM_TASK = "contract_stream";

/** How long a settling `result` or the server's view of a closed connection may take, at most. */
const SETTLE_MS = 5_000;

/** `promise`, or a failure naming `what` once `SETTLE_MS` has passed, so a hang fails the lane. */
function withinBound(promise, what) {
  let timer;
  const bound = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not settle within ${SETTLE_MS} ms`)), SETTLE_MS);
  });
  return Promise.race([promise, bound]).finally(() => clearTimeout(timer));
}

/** The fake server's chat requests for the strong model that asked for a stream, in order. */
async function streamedRequests() {
  const requests = await (await fetch(`${fakes.controlURL}/requests`)).json();
  return requests.filter((request) => request.model === fakes.strongModel && request.stream === true);
}

/** Streams twice (read fully, then abandoned after two deltas) and checks both outcomes. */
export async function streamOnce() {
  // `streamUsage`: the fake is not api.openai.com, so usage must be asked for explicitly.
  const client = new OpenAI({ apiKey: "sk-consumer-test", baseURL: fakes.openaiBaseURL, maxRetries: 0 });
  const table = defineTable({
    version: "consumer-test-stream-1",
    tiers: { strong: { provider: "openai", model: fakes.strongModel } },
    prices: { [fakes.strongModel]: { input_per_million: 2, output_per_million: 8 } },
    policies: [
      {
        id: "stream-summary",
        version: "1",
        task: STREAM_TASK,
        model_tier: "strong",
        max_input_tokens: 2000,
        max_output_tokens: 200,
        evidence_required: false,
        review_required: false,
        fallback_policy: "stop",
        latency_tier: "fast",
        retry: { max_attempts: 1 },
      },
    ],
  });
  const router = createRouter(table, {
    adapters: [openAIAdapter(client, { streamUsage: true })],
    middleware: [createTelemetryMiddleware()],
  });
  const messages = [{ role: "user", content: "When does the contract renew?" }];

  // 1. Read to the end: the deltas are the answer, and the usage is the provider's.
  const full = router.stream(STREAM_TASK, { messages });
  const deltas = [];
  for await (const delta of full) deltas.push(delta);
  const result = await withinBound(full.result, "the full stream's result");
  assert.ok(deltas.length > 2, `the answer came in several deltas (got ${deltas.length})`);
  assert.equal(deltas.join(""), fakes.answer, "deltas joined");
  assert.equal(result.output, fakes.answer, "streamed result.output");
  assert.equal(result.outcome, "ok", "streamed outcome");
  assert.equal(result.modelServed, fakes.strongModel, "streamed modelServed");
  assert.equal(result.attempts.at(-1).usageSource, "provider", "streamed usage is the provider's");
  assert.ok(result.usage.outputTokens > 0, `streamed output tokens (got ${result.usage.outputTokens})`);
  const [fullRequest] = await streamedRequests();
  assert.ok(fullRequest, "the fake server saw the streamed request");
  assert.equal(fullRequest.closedByClient, false, "a stream read to the end is not closed by the client");

  // 2. Stop reading after two deltas: the request is aborted and `result` settles, typed.
  const broken = router.stream(STREAM_TASK, { messages });
  let read = 0;
  for await (const _delta of broken) {
    read += 1;
    if (read === 2) break;
  }
  const settled = await withinBound(
    broken.result.then(
      (value) => ({ value }),
      (error) => ({ error }),
    ),
    "the abandoned stream's result",
  );
  assert.ok("error" in settled, `an abandoned stream's result rejects (resolved ${settled.value?.outcome})`);
  assert.ok(DeadlineExceededError.isInstance(settled.error), `DeadlineExceededError (got ${settled.error})`);
  assert.equal(settled.error.record.outcome, "failed", "abandoned record outcome");
  assert.equal(settled.error.record.errorClass, "aborted", "abandoned record errorClass");

  // The client closing the connection reaches the fake server shortly after the abort.
  const closed = await withinBound(
    (async () => {
      for (;;) {
        const request = (await streamedRequests())[1];
        if (request?.closedByClient) return request;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })(),
    "the fake server seeing the client close the stream",
  );
  assert.ok(
    closed.chunksSent < fullRequest.chunksSent,
    `closed mid-stream (${closed.chunksSent} of ${fullRequest.chunksSent} chunks sent)`,
  );
  return { result, error: settled.error, chunksSent: closed.chunksSent, fullChunks: fullRequest.chunksSent };
}

/** Checks the two streamed calls' spans: a routed span each, ended, with its attempt under it. */
export function checkStreamSpans(spans, { parentOf, idOf, traceOf }) {
  const routed = spans.filter((span) => span.name === `route ${STREAM_TASK}`);
  assert.deepEqual(
    routed.map((span) => span.attributes["model_policy.outcome"]),
    ["ok", "failed"],
    `two "route ${STREAM_TASK}" spans, ok then failed (got ${spans.map((span) => span.name).join(", ")})`,
  );
  for (const route of routed) {
    const attempts = spans.filter(
      (span) => span.name === `chat ${fakes.strongModel}` && parentOf(span) === idOf(route),
    );
    assert.equal(attempts.length, 1, `one attempt span under the ${route.attributes["model_policy.outcome"]} stream`);
    assert.equal(traceOf(attempts[0]), traceOf(route), "the attempt is in the streamed call's trace");
  }
}

/** Checks the ledger lines the two streamed calls wrote: one each, marked as streams. */
export function checkStreamLedger(records) {
  const streamed = records.filter((record) => record.task === STREAM_TASK);
  assert.deepEqual(
    streamed.map((record) => [record.outcome, record.stream]),
    [
      ["ok", true],
      ["failed", true],
    ],
    "one ledger line per streamed call",
  );
}

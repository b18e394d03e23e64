// The fakes one consumer-test lane talks to, in a process of their own so the scratch app never
// imports workspace code: the workspace's fake OpenAI and Anthropic servers (built testkit, by
// absolute path) and its OTLP/HTTP receiver, plus a small control endpoint that reports what the
// receiver and the servers got.
//
//   node consumer-test/fake-server.mjs <path to packages/testkit/dist/index.js>
// prints one JSON line once listening (the URLs, and the model names and answer the app must
// expect, so they live here only) and serves until killed. Every chat call for FAST_MODEL answers
// 503 (retryable, so the router falls back); every other call (STRONG_MODEL, SMALL_MODEL) answers
// ANSWER (streamed in small, spaced chunks when asked), and every Messages API call CLAUDE_ANSWER
// (streamed in 8-character deltas when asked).
import { createServer } from "node:http";
import { pathToFileURL } from "node:url";

const FAST_MODEL = "fast-model";
const STRONG_MODEL = "strong-model";
// The cheaper tier the Redis lane falls back or degrades to.
const SMALL_MODEL = "small-model";
const ANSWER = "The contract renews on 2027-01-01.";
// How the answer streams when a request asks for `stream: true` (others get it whole): two
// characters a chunk, 15 ms apart, so an app that stops reading after two deltas does so mid-stream.
const STREAM = { chunkSize: 2, chunkDelayMs: 15 };
const CLAUDE_MODEL = "claude-model";
const CLAUDE_ANSWER = "Claude says: the contract renews on 2027-01-01.";

const testkitPath = process.argv[2];
if (!testkitPath) {
  console.error("usage: node fake-server.mjs <packages/testkit/dist/index.js>");
  process.exit(2);
}
const { anthropicReply, FakeAnthropicServer, FakeOpenAIServer, OtlpReceiver, reply } = await import(
  pathToFileURL(testkitPath).href
);

const openai = new FakeOpenAIServer({ models: [FAST_MODEL, STRONG_MODEL] });
openai.setDefault((request) =>
  request.model === FAST_MODEL
    ? reply.serverError(503, { message: "fast tier is down" })
    : reply.ok(ANSWER, { stream: STREAM }),
);
const anthropic = new FakeAnthropicServer();
anthropic.setDefault(anthropicReply.text(CLAUDE_ANSWER));
const receiver = new OtlpReceiver();

// GET /spans: the spans the receiver decoded; GET /requests: the chat requests, per model, with
// whether each streamed, whether the client closed it early and how many chunks went out;
// GET /anthropic-requests: the Messages API requests, with whether each streamed and the API key
// the client sent.
const control = createServer((request, response) => {
  const body =
    request.url === "/spans"
      ? receiver.spans.map(({ traceId, spanId, parentSpanId, name, kind, attributes, serviceName }) => ({
          traceId,
          spanId,
          parentSpanId,
          name,
          kind,
          attributes,
          serviceName,
        }))
      : request.url === "/requests"
        ? openai.requests.map(({ model, status, path, body, closedByClient, chunksSent }) => ({
            model,
            status,
            path,
            stream: body?.stream === true,
            closedByClient,
            chunksSent,
          }))
        : request.url === "/anthropic-requests"
          ? anthropic.requests.map(({ model, status, path, body, headers }) => ({
              model,
              status,
              path,
              stream: body?.stream === true,
              apiKey: headers["x-api-key"] ?? headers.authorization?.replace(/^Bearer /, ""),
            }))
          : undefined;
  response.writeHead(body === undefined ? 404 : 200, { "content-type": "application/json" });
  response.end(JSON.stringify(body ?? { error: "not_found" }));
});

const { baseURL } = await openai.start();
const { baseURL: anthropicBaseURL } = await anthropic.start();
const { endpoint } = await receiver.start();
await new Promise((resolve) => control.listen(0, "127.0.0.1", resolve));

const fakes = {
  openaiBaseURL: baseURL,
  anthropicBaseURL,
  otlpEndpoint: endpoint,
  controlURL: `http://127.0.0.1:${control.address().port}`,
  fastModel: FAST_MODEL,
  strongModel: STRONG_MODEL,
  smallModel: SMALL_MODEL,
  answer: ANSWER,
  claudeModel: CLAUDE_MODEL,
  claudeAnswer: CLAUDE_ANSWER,
};
process.stdout.write(`${JSON.stringify(fakes)}\n`);

const stop = async () => {
  control.close();
  await Promise.allSettled([openai.close(), anthropic.close(), receiver.close()]);
  process.exit(0);
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);

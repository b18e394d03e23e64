// The AI SDK lane's calls: the user's own AI SDK providers (`createOpenAI`, `createAnthropic` from
// the npm registry, pointed at the fakes), each behind `aiSdkAdapter`, one table whose fast tier
// is an OpenAI model that is down (503) and whose next tier is Claude, and the checks on what the
// caller, the fakes and the spans get. One routed call falls back to Claude; one streamed call
// reads Claude's answer delta by delta. Imports only the installed packages; the fakes'
// addresses come from fake-server.mjs.
import assert from "node:assert/strict";
import { createAnthropic } from "@ai-sdk/anthropic";
import { createOpenAI } from "@ai-sdk/openai";
import { aiSdkAdapter } from "@modelpolicy/ai-sdk";
import { createRouter, defineTable } from "@modelpolicy/core";
import { createTelemetryMiddleware } from "@modelpolicy/otel";
import { fakes } from "./route-once.mjs";

export const TASK = "contract_summary";
export const STREAM_TASK = "contract_stream";
const API_KEY = "sk-ant-consumer-test";

/** The requests both fakes have seen so far (the app's earlier calls included). */
async function seenRequests() {
  const [openai, anthropic] = await Promise.all(
    ["/requests", "/anthropic-requests"].map(async (path) => (await fetch(`${fakes.controlURL}${path}`)).json()),
  );
  return { openai, anthropic };
}

/** What the fakes saw since `before`: one HTTP request per attempt means exactly these. */
async function requestsSince(before) {
  const now = await seenRequests();
  return { openai: now.openai.slice(before.openai.length), anthropic: now.anthropic.slice(before.anthropic.length) };
}

/** The router: the OpenAI tier through `@ai-sdk/openai` (Chat Completions), Claude through `@ai-sdk/anthropic`. */
function aiSdkRouter() {
  // The AI SDK's base URLs end in /v1 (it appends /chat/completions and /messages).
  const openai = createOpenAI({ apiKey: "sk-consumer-test", baseURL: fakes.openaiBaseURL });
  const anthropic = createAnthropic({ apiKey: API_KEY, baseURL: `${fakes.anthropicBaseURL}/v1` });
  const policy = {
    version: "1",
    max_input_tokens: 2000,
    max_output_tokens: 200,
    evidence_required: false,
    review_required: false,
    latency_tier: "fast",
    retry: { max_attempts: 1 },
  };
  const table = defineTable({
    version: "consumer-test-ai-sdk-1",
    tiers: {
      fast: { provider: "openai", model: fakes.fastModel },
      claude: { provider: "anthropic", model: fakes.claudeModel },
    },
    prices: {
      [fakes.fastModel]: { input_per_million: 0.1, output_per_million: 0.4 },
      [fakes.claudeModel]: { input_per_million: 3, output_per_million: 15 },
    },
    policies: [
      { ...policy, id: "summarise", task: TASK, model_tier: "fast", fallback_policy: "next_tier" },
      { ...policy, id: "stream-summary", task: STREAM_TASK, model_tier: "claude", fallback_policy: "stop" },
    ],
  });
  return createRouter(table, {
    // No `provider` option: the adapters name themselves from the models' AI SDK provider ids.
    adapters: [aiSdkAdapter({ languageModel: (modelId) => openai.chat(modelId) }), aiSdkAdapter(anthropic)],
    middleware: [createTelemetryMiddleware()],
  });
}

const messages = [{ role: "user", content: "When does the contract renew?" }];

/** One routed call (OpenAI tier down, Claude answers) and one streamed call on Claude, checked. */
export async function routeThroughAiSdk() {
  const router = aiSdkRouter();

  const before = await seenRequests();
  const result = await router.run(TASK, { messages });
  assert.equal(result.output, fakes.claudeAnswer, "Claude's answer");
  assert.equal(result.outcome, "fallback_ok", "outcome");
  assert.equal(result.modelServed, fakes.claudeModel, "modelServed");
  assert.deepEqual(
    result.attempts.map((attempt) => [attempt.provider, attempt.model, attempt.outcome]),
    [
      ["openai", fakes.fastModel, "error"],
      ["anthropic", fakes.claudeModel, "ok"],
    ],
    "attempts",
  );
  assert.ok(result.costUsd > 0, `a cost priced on Claude (got ${result.costUsd})`);
  // The AI SDK's own retries live in generateText, not in the model: one attempt, one request.
  const routed = await requestsSince(before);
  assert.deepEqual(
    routed.openai.map((request) => [request.path, request.model, request.status]),
    [["/v1/chat/completions", fakes.fastModel, 503]],
    "one request to the fake OpenAI server for the attempt that failed",
  );
  assert.deepEqual(
    routed.anthropic.map((request) => [request.path, request.model, request.status, request.stream, request.apiKey]),
    [["/v1/messages", fakes.claudeModel, 200, false, API_KEY]],
    "one request to the fake Anthropic server for the attempt that answered",
  );

  const beforeStream = await seenRequests();
  const stream = router.stream(STREAM_TASK, { messages });
  const deltas = [];
  for await (const delta of stream) deltas.push(delta);
  const streamed = await stream.result;
  assert.ok(deltas.length > 1, `Claude's answer came in several deltas (got ${deltas.length})`);
  assert.equal(deltas.join(""), fakes.claudeAnswer, "deltas joined");
  assert.equal(streamed.output, fakes.claudeAnswer, "streamed result.output");
  assert.equal(streamed.outcome, "ok", "streamed outcome");
  assert.equal(streamed.modelServed, fakes.claudeModel, "streamed modelServed");
  assert.equal(streamed.attempts.length, 1, "one streamed attempt");
  assert.ok(streamed.usage.outputTokens > 0, `streamed output tokens (got ${streamed.usage.outputTokens})`);
  const streamRequests = await requestsSince(beforeStream);
  assert.deepEqual(streamRequests.openai, [], "no request to the fake OpenAI server for the streamed call");
  assert.deepEqual(
    streamRequests.anthropic.map((request) => [request.path, request.model, request.status, request.stream]),
    [["/v1/messages", fakes.claudeModel, 200, true]],
    "one streamed request to the fake Anthropic server",
  );
  return { result, streamed, deltas: deltas.length };
}

/** The routed call's span: its attempt children name both providers (`gen_ai.provider.name`). */
export function checkAiSdkSpans(spans, { parentOf, idOf }) {
  const routed = spans.filter((span) => span.name === `route ${TASK}`);
  assert.equal(routed.length, 1, `one "route ${TASK}" span (got ${spans.map((span) => span.name).join(", ")})`);
  const [route] = routed;
  assert.equal(route.attributes["model_policy.model.served"], fakes.claudeModel, "model_policy.model.served");
  const attempts = spans.filter((span) => parentOf(span) === idOf(route));
  const providers = attempts.map((span) => span.attributes["gen_ai.provider.name"]).sort();
  assert.deepEqual(providers, ["anthropic", "openai"], `attempt providers (${attempts.map((span) => span.name)})`);
  const streamedRoutes = spans.filter((span) => span.name === `route ${STREAM_TASK}`);
  assert.deepEqual(
    streamedRoutes.map((span) => span.attributes["model_policy.outcome"]),
    ["ok"],
    `one "route ${STREAM_TASK}" span, ok`,
  );
}

// What both consumer-test programs share: the policy table, a router over the user's own
// `OpenAI` client with the telemetry middleware, one routed call whose fast tier answers 503 and
// whose strong tier answers, and the checks on its result. Imports only the installed packages.
import assert from "node:assert/strict";
import { createRouter, defineTable } from "@modelpolicy/core";
import { openAIAdapter } from "@modelpolicy/openai";
import { createTelemetryMiddleware } from "@modelpolicy/otel";
import OpenAI from "openai";

/** The fake server's addresses and script, as `fake-server.mjs` printed them. */
export const fakes = JSON.parse(process.env.CONSUMER_TEST_FAKES ?? "null");
assert.ok(fakes, "CONSUMER_TEST_FAKES is not set (the JSON line fake-server.mjs prints)");

export const TASK = "contract_summary";

/** Routes one call through the fast → strong chain and checks what the caller gets back. */
export async function routeOnce() {
  const client = new OpenAI({ apiKey: "sk-consumer-test", baseURL: fakes.openaiBaseURL, maxRetries: 0 });
  const table = defineTable({
    version: "consumer-test-1",
    tiers: {
      fast: { provider: "openai", model: fakes.fastModel },
      strong: { provider: "openai", model: fakes.strongModel },
    },
    prices: {
      [fakes.fastModel]: { input_per_million: 0.1, output_per_million: 0.4 },
      [fakes.strongModel]: { input_per_million: 2, output_per_million: 8 },
    },
    policies: [
      {
        id: "summarise",
        version: "1",
        task: TASK,
        model_tier: "fast",
        max_input_tokens: 2000,
        max_output_tokens: 200,
        evidence_required: false,
        review_required: false,
        fallback_policy: "next_tier",
        latency_tier: "fast",
        retry: { max_attempts: 1 },
      },
    ],
  });
  const router = createRouter(table, {
    adapters: [openAIAdapter(client)],
    middleware: [createTelemetryMiddleware()],
  });
  const result = await router.run(TASK, { messages: [{ role: "user", content: "When does the contract renew?" }] });
  assert.equal(result.output, fakes.answer, "answer text");
  assert.equal(result.outcome, "fallback_ok", "outcome");
  assert.equal(result.modelRequested, fakes.fastModel, "modelRequested");
  assert.equal(result.modelServed, fakes.strongModel, "modelServed");
  assert.ok(result.costUsd > 0, `a priced cost (got ${result.costUsd})`);
  return result;
}

/** Checks exported spans (SDK ReadableSpans or OTLP records): one routed span, both attempts under it. */
export function checkSpans(spans, { parentOf, idOf, traceOf }) {
  const routed = spans.filter((span) => span.name === `route ${TASK}`);
  assert.equal(routed.length, 1, `one "route ${TASK}" span (got ${spans.map((span) => span.name).join(", ")})`);
  const [route] = routed;
  assert.equal(route.attributes["model_policy.fallback.used"], true, "model_policy.fallback.used");
  assert.equal(route.attributes["model_policy.outcome"], "fallback_ok", "model_policy.outcome");
  assert.equal(route.attributes["model_policy.model.served"], fakes.strongModel, "model_policy.model.served");
  for (const model of [fakes.fastModel, fakes.strongModel]) {
    const attempt = spans.find((span) => span.name === `chat ${model}`);
    assert.ok(attempt, `attempt span "chat ${model}"`);
    assert.equal(traceOf(attempt), traceOf(route), `"chat ${model}" is in the routed call's trace`);
    assert.equal(parentOf(attempt), idOf(route), `"chat ${model}" is a child of the routed span`);
  }
  return route;
}

/** The chat requests the fake server saw: the fast model's 503, then the strong model's answer. */
export async function checkRequests() {
  const requests = await (await fetch(`${fakes.controlURL}/requests`)).json();
  const chats = requests.filter((request) => request.path === "/v1/chat/completions");
  assert.deepEqual(
    chats.map((request) => [request.model, request.status]),
    [
      [fakes.fastModel, 503],
      [fakes.strongModel, 200],
    ],
    "requests the fake OpenAI server received",
  );
}

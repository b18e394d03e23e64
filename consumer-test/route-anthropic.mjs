// The Anthropic lane's routed call: the user's own `OpenAI` and `Anthropic` clients, one table
// whose fast tier is an OpenAI model that is down (503) and whose next tier is Claude through
// @modelpolicy/anthropic, and the checks on what the caller and the spans get. Imports only the
// installed packages; the fake servers' addresses come from fake-server.mjs.
import assert from "node:assert/strict";
import Anthropic from "@anthropic-ai/sdk";
import { anthropicAdapter } from "@modelpolicy/anthropic";
import { createRouter, defineTable } from "@modelpolicy/core";
import { openAIAdapter } from "@modelpolicy/openai";
import { createTelemetryMiddleware } from "@modelpolicy/otel";
import OpenAI from "openai";
import { fakes } from "./route-once.mjs";

export const TASK = "contract_summary";

/** Routes one call through the OpenAI fast tier (down) to the Claude tier and checks the result. */
export async function routeToClaude() {
  const openai = new OpenAI({ apiKey: "sk-consumer-test", baseURL: fakes.openaiBaseURL, maxRetries: 0 });
  const anthropic = new Anthropic({ apiKey: "sk-ant-consumer-test", baseURL: fakes.anthropicBaseURL, maxRetries: 0 });
  const table = defineTable({
    version: "consumer-test-anthropic-1",
    tiers: {
      fast: { provider: "openai", model: fakes.fastModel },
      claude: { provider: "anthropic", model: fakes.claudeModel },
    },
    prices: {
      [fakes.fastModel]: { input_per_million: 0.1, output_per_million: 0.4 },
      [fakes.claudeModel]: { input_per_million: 3, output_per_million: 15 },
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
    adapters: [openAIAdapter(openai), anthropicAdapter(anthropic)],
    middleware: [createTelemetryMiddleware()],
  });
  const result = await router.run(TASK, { messages: [{ role: "user", content: "When does the contract renew?" }] });
  assert.equal(result.output, fakes.claudeAnswer, "Claude's answer");
  assert.equal(result.outcome, "fallback_ok", "outcome");
  assert.equal(result.modelRequested, fakes.fastModel, "modelRequested");
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
  return result;
}

/** One routed span whose attempt children name both providers (`gen_ai.provider.name`). */
export function checkProviderSpans(spans, { parentOf, idOf }) {
  const routed = spans.filter((span) => span.name === `route ${TASK}`);
  assert.equal(routed.length, 1, `one "route ${TASK}" span (got ${spans.map((span) => span.name).join(", ")})`);
  const [route] = routed;
  assert.equal(route.attributes["model_policy.model.served"], fakes.claudeModel, "model_policy.model.served");
  const attempts = spans.filter((span) => parentOf(span) === idOf(route));
  const providers = attempts.map((span) => span.attributes["gen_ai.provider.name"]).sort();
  assert.deepEqual(providers, ["anthropic", "openai"], `attempt providers (${attempts.map((span) => span.name)})`);
  assert.ok(
    attempts.some((span) => span.name === `chat ${fakes.claudeModel}`),
    `attempt span "chat ${fakes.claudeModel}"`,
  );
  return route;
}

/** The requests the fakes saw: the fast model's 503 on OpenAI, then one Messages API call. */
export async function checkAnthropicRequests() {
  const requests = await (await fetch(`${fakes.controlURL}/anthropic-requests`)).json();
  assert.deepEqual(
    requests.map((request) => [request.path, request.model, request.status, request.apiKey]),
    [["/v1/messages", fakes.claudeModel, 200, "sk-ant-consumer-test"]],
    "requests the fake Anthropic server received",
  );
}

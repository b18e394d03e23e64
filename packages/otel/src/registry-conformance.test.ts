import { createRouter, parsePolicyTable, type RouterMiddleware } from "@modelpolicy/core";
import * as conventions from "@modelpolicy/core/conventions";
import { ScriptedAdapter, ScriptedEmbedder } from "@modelpolicy/core/testing";
import type { ReadableSpan } from "@opentelemetry/sdk-trace";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { budgetScenarios } from "./__fixtures__/budget-scenarios.js";
import { decisionScenarios } from "./__fixtures__/decision-scenarios.js";
import { streamingAdapter } from "./__fixtures__/streaming-adapter.js";
import { testTable } from "./__fixtures__/tables.js";
import { TelemetryHarness } from "./__fixtures__/telemetry-harness.js";
import { createTelemetryMiddleware } from "./create-telemetry-middleware.js";
import { runWorkflow } from "./run-workflow.js";

/** The parts of the registry the generator script reads (a plain script, so no types of its own). */
interface RegistryGroup {
  readonly id: string;
  readonly type: string;
  readonly name?: string;
  readonly extends?: string;
  readonly attributes?: readonly { readonly ref?: string; readonly id?: string }[];
}
interface Registry {
  readonly groups: readonly RegistryGroup[];
  readonly groupsById: ReadonlyMap<string, RegistryGroup>;
  readonly attributes: ReadonlyMap<string, unknown>;
}
const generator = (await import(new URL("../../../scripts/generate-conventions.mjs", import.meta.url).href)) as {
  readonly REGISTRY_DIR: string;
  loadRegistry(directory: string): Registry;
};
const registry = generator.loadRegistry(generator.REGISTRY_DIR);

/** Every attribute a registry group declares, those of the groups it extends included. */
function declared(groupId: string): Set<string> {
  const group = registry.groupsById.get(groupId);
  if (group === undefined) throw new Error(`the registry has no group ${groupId}`);
  const names = group.extends === undefined ? new Set<string>() : declared(group.extends);
  for (const attribute of group.attributes ?? []) names.add(attribute.ref ?? attribute.id ?? "");
  return names;
}

const SPAN_GROUPS: Record<string, string> = {
  route: "span.model_policy.route.internal",
  chat: "span.model_policy.attempt.client",
  embeddings: "span.model_policy.embeddings.client",
  invoke_workflow: "span.model_policy.workflow.internal",
};

let harness: TelemetryHarness;
let spans: ReadableSpan[];

beforeAll(async () => {
  harness = new TelemetryHarness();
  const middleware = [
    createTelemetryMiddleware({ tracerProvider: harness.tracerProvider, meterProvider: harness.meterProvider }),
  ];
  await runWorkflow("conformance", { key: "doc-1", tracerProvider: harness.tracerProvider }, async () => {
    for (const scenario of Object.values(decisionScenarios)) await scenario(middleware);
    for (const scenario of Object.values(budgetScenarios)) await scenario(middleware);
    await evidenceAndOpenAi(middleware);
    await streamed(middleware);
    await embeddingsWithFallback(middleware);
  });
  await runWorkflow("conformance", { tracerProvider: harness.tracerProvider }, () => {
    throw new RangeError("a failed run");
  }).catch(() => undefined);
  spans = harness.spans();
});
afterAll(async () => {
  await harness.close();
});

/** A `router.stream` call, so the streaming attributes of both spans appear. */
async function streamed(middleware: RouterMiddleware[]) {
  const { adapter } = streamingAdapter({ "fast-model": [{ deltas: ["a", "b"] }] });
  const router = createRouter(parsePolicyTable(testTable()), { adapters: [adapter], middleware });
  await router.stream("classification", { messages: [{ role: "user", content: "x" }] }).result;
}

/** An evidence-checked answer from an `openai` provider, so the OpenAI attributes and the evidence counts appear. */
async function evidenceAndOpenAi(middleware: RouterMiddleware[]) {
  const base = testTable();
  const tiers = Object.fromEntries(
    Object.entries(base.tiers).map(([name, binding]) => [name, { ...binding, provider: "openai" }]),
  );
  const adapter = new ScriptedAdapter("openai");
  adapter.script("standard-model", {
    reply: { party: "Acme Corp", evidence: [{ field: "party", source_id: "c1", quote: "Acme Corp" }] },
    usage: { inputTokens: 40, outputTokens: 9, cachedInputTokens: 32, cacheWriteInputTokens: 4 },
  });
  const router = createRouter(parsePolicyTable({ ...base, tiers }), {
    adapters: [adapter],
    middleware,
    onDiagnostic: () => undefined,
  });
  await router.run("extraction", {
    messages: [{ role: "user", content: "extract" }],
    schema: z.object({
      party: z.string(),
      evidence: z.array(z.object({ field: z.string(), source_id: z.string(), quote: z.string() })),
    }),
    sources: [{ id: "c1", text: "Between Acme Corp and Beta Ltd." }],
  });
}

/** A `router.embed` call in two batches whose first model fails, so every embeddings attribute appears. */
async function embeddingsWithFallback(middleware: RouterMiddleware[]) {
  const base = testTable();
  const adapter = new ScriptedEmbedder("scripted");
  adapter.script("fast-model", { error: { errorClass: "server_error", message: "503", status: 503 } });
  const [policy] = base.policies;
  const router = createRouter(
    parsePolicyTable({
      ...base,
      policies: [
        { ...policy, retry: { max_attempts: 1 }, embedding: { max_batch_items: 1, encoding_format: "float" } },
      ],
    } as typeof base),
    { adapters: [adapter], middleware, onDiagnostic: () => undefined },
  );
  await router.embed(policy?.task ?? "", { input: ["one", "two"] });
}

describe("what the middleware emits, against the conventions registry", () => {
  it("covers the span kinds and decisions it should (the scenarios did run)", () => {
    const names = new Set(spans.map((span) => span.name.split(" ")[0]));
    expect([...names].sort()).toEqual(["chat", "embeddings", "invoke_workflow", "route"]);
    const events = new Set(spans.flatMap((span) => span.events.map((event) => event.name)));
    for (const name of [
      conventions.EVENT_MODEL_POLICY_RETRY,
      conventions.EVENT_MODEL_POLICY_ATTEMPT_SKIPPED,
      conventions.EVENT_MODEL_POLICY_FALLBACK,
      conventions.EVENT_MODEL_POLICY_BUDGET_ESCALATED,
      conventions.EVENT_MODEL_POLICY_REVIEW,
      conventions.EVENT_MODEL_POLICY_BUDGET_EXHAUSTED,
    ])
      expect(events, name).toContain(name);
    const attempts = spans.filter((span) => span.name.startsWith("chat "));
    expect(attempts.some((span) => span.attributes["openai.api.type"] === "chat_completions")).toBe(true);
    expect(spans.some((span) => span.attributes["model_policy.usage.cache_read.input_tokens"] === 32)).toBe(true);
    expect(spans.some((span) => span.attributes["model_policy.usage.cache_creation.input_tokens"] === 4)).toBe(true);
    expect(attempts.some((span) => span.attributes["gen_ai.usage.cache_creation.input_tokens"] === 4)).toBe(true);
    expect(attempts.some((span) => span.attributes["gen_ai.request.stream"] === true)).toBe(true);
    expect(spans.some((span) => span.attributes["model_policy.time_to_first_chunk"] !== undefined)).toBe(true);
  });

  it("uses only model_policy.* attributes the registry defines, on spans and events alike", () => {
    const used = new Set<string>();
    for (const span of spans) {
      for (const key of Object.keys(span.attributes)) used.add(key);
      for (const event of span.events) for (const key of Object.keys(event.attributes ?? {})) used.add(key);
    }
    const ours = [...used].filter((key) => key.startsWith("model_policy."));
    expect(ours.length).toBeGreaterThan(30);
    for (const key of ours) expect(registry.attributes.has(key), key).toBe(true);
    const constants = new Set<string>(Object.values(conventions).filter((value) => typeof value === "string"));
    for (const key of ours) expect(constants.has(key), `${key} has a generated constant`).toBe(true);
  });

  it("puts on each span only attributes its registry span declares", () => {
    for (const span of spans) {
      const group = SPAN_GROUPS[span.name.split(" ")[0] ?? ""];
      expect(group, span.name).toBeDefined();
      const allowed = declared(group as string);
      for (const key of Object.keys(span.attributes)) expect(allowed.has(key), `${span.name}: ${key}`).toBe(true);
    }
  });

  it("names each decision event as the registry does, with only the attributes it declares", () => {
    const events = new Map(
      registry.groups.filter((group) => group.type === "event").map((group) => [group.name, group]),
    );
    for (const span of spans) {
      for (const event of span.events) {
        if (event.name === "exception") continue;
        const group = events.get(event.name);
        expect(group, event.name).toBeDefined();
        const allowed = declared(group?.id ?? "");
        for (const key of Object.keys(event.attributes ?? {}))
          expect(allowed.has(key), `${event.name}: ${key}`).toBe(true);
      }
    }
  });
});

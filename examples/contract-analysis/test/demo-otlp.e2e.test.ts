import { randomBytes } from "node:crypto";
import { OtlpReceiver, type SpanRecord } from "@modelpolicy/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assertBuilt, type DemoRun, EXAMPLE_DIR, REPO_ROOT, runBuiltDemo } from "./built-demo.js";

// The built demo, run twice as a child process against the testkit's OTLP receiver: by default,
// and with GenAI content capture switched on. Both runs carry canaries in a prompt and in the
// API key sent to the simulator.
const promptCanary = `canary-prompt-${randomBytes(8).toString("hex")}`;
const keyCanary = `sk-canary-${randomBytes(12).toString("hex")}`;

const TYPES = {
  "model_policy.task": "string",
  "model_policy.id": "string",
  "model_policy.version": "string",
  "model_policy.table.version": "string",
  "model_policy.model_tier": "string",
  "model_policy.latency_tier": "string",
  "model_policy.budget.input_tokens": "int",
  "model_policy.budget.output_tokens": "int",
  "model_policy.input_tokens.estimated": "int",
  "model_policy.evidence.required": "bool",
  "model_policy.review.required": "bool",
  "model_policy.review.triggered": "bool",
  "model_policy.review.reasons": "string[]",
  "model_policy.fallback.policy": "string",
  "model_policy.fallback.used": "bool",
  "model_policy.attempts": "int",
  "model_policy.model.requested": "string",
  "model_policy.model.served": "string",
  "model_policy.outcome": "string",
  "model_policy.cost.usd": "double",
  "model_policy.usage.input_tokens": "int",
  "model_policy.usage.output_tokens": "int",
  "model_policy.ref": "string",
  "model_policy.decision": "string",
} as const;

/**
 * The JSON OTLP exporter sends a whole-number double as `intValue`, so on the wire a double is
 * any finite number and an int is a whole one.
 */
function hasType(value: unknown, type: string): boolean {
  switch (type) {
    case "string":
      return typeof value === "string";
    case "bool":
      return typeof value === "boolean";
    case "int":
      return Number.isInteger(value);
    case "double":
      return typeof value === "number" && Number.isFinite(value);
    default:
      return Array.isArray(value) && value.every((entry) => typeof entry === "string");
  }
}

interface Captured {
  run: DemoRun;
  receiver: OtlpReceiver;
  routed: SpanRecord[];
  attempts: SpanRecord[];
}

async function runAgainstReceiver(extraEnv: Record<string, string>, cwd: string): Promise<Captured> {
  const receiver = new OtlpReceiver();
  await receiver.start();
  const run = await runBuiltDemo(
    {
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint,
      MODELPOLICY_DEMO_CANARY: promptCanary,
      MODELPOLICY_SIMULATOR_API_KEY: keyCanary,
      ...extraEnv,
    },
    cwd,
  );
  const spans = await receiver
    .waitForSpans((span) => span.name.startsWith("route "), 10_000)
    .then(() => receiver.spans);
  const routed = spans.filter((span) => span.name.startsWith("route "));
  // Attempt spans are the routed spans' children: `chat {model}` (CLIENT), or `attempt {model}`
  // (INTERNAL) once a provider's SDK is seen reporting its own GenAI client spans, as
  // @anthropic-ai/sdk 1.x does, so no model call is counted twice.
  const routedIds = new Set(routed.map((span) => span.spanId));
  const attempts = spans.filter((span) => routedIds.has(span.parentSpanId ?? ""));
  return { run, receiver, routed, attempts };
}

let plain: Captured;
let capturing: Captured;

beforeAll(async () => {
  assertBuilt();
  [plain, capturing] = await Promise.all([
    runAgainstReceiver({}, EXAMPLE_DIR),
    runAgainstReceiver({ OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT: "true" }, REPO_ROOT),
  ]);
});

afterAll(async () => {
  await Promise.all([plain?.receiver.close(), capturing?.receiver.close()]);
});

describe("the built demo's telemetry (OTLP receiver)", () => {
  it("runs offline on the simulator from the example folder and from the repository root", () => {
    for (const { run } of [plain, capturing]) {
      expect(run.stdout).toMatch(
        /^provider: SIMULATED \(offline, fixture answers\) at http:\/\/127\.0\.0\.1:\d+\/v1$/m,
      );
      expect(run.stdout).toMatch(/^anthropic: SIMULATED \(offline, fixture answers\) at http:\/\/127\.0\.0\.1:\d+$/m);
      expect(run.summary.provider).toBe("simulated");
      expect(run.stdout).toContain(`routed calls: ${run.summary.routedCalls}`);
      expect(run.stdout).toMatch(/^telemetry: spans and metrics go to http:\/\/127\.0\.0\.1:\d+ over OTLP\/HTTP/m);
    }
  });

  it("exports exactly one route span per routed call the demo reports, from service contract-analysis", () => {
    const { routed, run } = plain;
    expect(run.summary.routedCalls).toBe(26);
    expect(routed).toHaveLength(run.summary.routedCalls);
    const spanTasks = routed.map((span) => span.attributes["model_policy.task"]).sort();
    expect(spanTasks).toEqual(run.summary.calls.map((call) => call.task).sort());
    for (const span of routed) {
      expect(span.kind).toBe("INTERNAL");
      expect(span.serviceName).toBe("contract-analysis");
      expect(span.name).toBe(`route ${span.attributes["model_policy.task"]}`);
    }
  });

  it("puts every contract attribute on every routed span, with its type", () => {
    for (const span of plain.routed) {
      for (const [key, type] of Object.entries(TYPES)) {
        expect(span.attributes, `${span.name} lacks ${key}`).toHaveProperty([key]);
        expect(
          hasType(span.attributes[key], type),
          `${span.name} ${key}=${JSON.stringify(span.attributes[key])} is not ${type}`,
        ).toBe(true);
      }
      const attributes = span.attributes;
      // A turn answered with tool calls has no output to check evidence on (clause matching's lookups).
      const calledTools = plain.attempts.some(
        (attempt) =>
          attempt.parentSpanId === span.spanId &&
          String(attempt.attributes["gen_ai.response.finish_reasons"]) === "tool_calls",
      );
      if (attributes["model_policy.evidence.required"] && !calledTools)
        expect(hasType(attributes["model_policy.evidence.coverage"], "double")).toBe(true);
      if (attributes["model_policy.fallback.used"])
        expect(typeof attributes["model_policy.fallback.reason"]).toBe("string");
    }
  });

  it("matches the demo's own account of each call", () => {
    const key = (values: unknown[]) => JSON.stringify(values);
    const fromSpans = plain.routed
      .map((span) =>
        key([
          span.attributes["model_policy.task"],
          span.attributes["model_policy.outcome"],
          span.attributes["model_policy.attempts"],
          span.attributes["model_policy.model.served"],
          span.attributes["model_policy.fallback.used"],
          span.attributes["model_policy.fallback.reason"] ?? null,
          span.attributes["model_policy.usage.input_tokens"],
        ]),
      )
      .sort();
    const fromSummary = plain.run.summary.calls
      .map((call) =>
        key([
          call.task,
          call.outcome,
          call.attempts,
          call.modelServed,
          call.fallbackUsed,
          call.fallbackReason,
          call.inputTokens,
        ]),
      )
      .sort();
    expect(fromSpans).toEqual(fromSummary);
  });

  it("nests every provider attempt (chat …, CLIENT, or attempt …, INTERNAL) under its routed span", () => {
    const routedIds = new Map(plain.routed.map((span) => [span.spanId, span]));
    expect(plain.attempts).toHaveLength(plain.run.summary.calls.reduce((sum, call) => sum + call.attempts, 0));
    for (const attempt of plain.attempts) {
      const parent = routedIds.get(attempt.parentSpanId ?? "");
      expect(attempt.traceId).toBe(parent!.traceId);
      if (attempt.kind === "CLIENT") expect(attempt.name).toBe(`chat ${attempt.attributes["gen_ai.request.model"]}`);
      else expect([attempt.kind, attempt.name]).toEqual(["INTERNAL", "attempt claude-sonnet-4-6"]);
    }
    // Only Claude's attempts are ever deferred: the openai SDK reports no spans of its own here.
    expect(plain.attempts.filter((attempt) => attempt.name.startsWith("chat gpt-")).length).toBeGreaterThan(20);
  });

  it("shows the outage: risk judgements answered by Claude with fallback.used, its reason and the failed gpt-4.1 attempts", () => {
    const risks = plain.routed.filter((span) => span.attributes["model_policy.task"] === "risk_judgement");
    expect(risks).toHaveLength(4);
    for (const span of risks) {
      expect(span.attributes["model_policy.fallback.used"]).toBe(true);
      expect(span.attributes["model_policy.model.requested"]).toBe("gpt-4.1");
      expect(span.attributes["model_policy.model.served"]).toBe("claude-sonnet-4-6");
      expect(span.attributes["model_policy.review.reasons"]).toContain("fallback_used");
    }
    const first = risks.find((span) => span.attributes["model_policy.fallback.reason"] === "server_error")!;
    expect(first).toBeDefined();
    const children = plain.attempts.filter((attempt) => attempt.parentSpanId === first.spanId);
    expect(children.map((attempt) => [attempt.name, attempt.attributes["error.type"] ?? "ok"])).toEqual(
      expect.arrayContaining([
        ["chat gpt-4.1", "server_error"],
        ["chat claude-sonnet-4-6", "ok"],
      ]),
    );
    expect(children.filter((attempt) => attempt.attributes["http.response.status_code"] === 503)).toHaveLength(3);
    const others = risks
      .filter((span) => span !== first)
      .map((span) => span.attributes["model_policy.fallback.reason"]);
    expect(others).toEqual(["circuit_open", "circuit_open", "circuit_open"]);
  });

  it("shows the cross-provider fallback as one routed span whose attempts name both providers, priced on Claude", () => {
    const crossProvider = plain.routed.filter((span) => {
      const providers = plain.attempts
        .filter((attempt) => attempt.parentSpanId === span.spanId)
        .map((attempt) => attempt.attributes["gen_ai.provider.name"]);
      return providers.includes("openai") && providers.includes("anthropic");
    });
    const span = crossProvider.find((found) => found.attributes["model_policy.fallback.reason"] === "server_error");
    expect(span?.attributes["model_policy.task"]).toBe("risk_judgement");
    const children = plain.attempts
      .filter((attempt) => attempt.parentSpanId === span!.spanId)
      .sort((a, b) => (BigInt(a.startTimeUnixNano) < BigInt(b.startTimeUnixNano) ? -1 : 1));
    expect(children.map((attempt) => [attempt.name, attempt.attributes["gen_ai.provider.name"]])).toEqual([
      ["chat gpt-4.1", "openai"],
      ["chat gpt-4.1", "openai"],
      ["chat gpt-4.1", "openai"],
      ["chat claude-sonnet-4-6", "anthropic"],
    ]);
    // @anthropic-ai/sdk reports the model call itself, under our attempt span; ours then carries
    // no usage, so GenAI backends count the call once.
    const claude = children[3]!;
    const sdkSpans = plain.receiver.spans.filter((found) => found.parentSpanId === claude.spanId);
    expect(sdkSpans.map((found) => [found.name, found.kind, found.attributes["gen_ai.response.model"]])).toEqual([
      ["anthropic.messages.create", "CLIENT", "claude-sonnet-4-6"],
    ]);
    expect(claude.attributes).not.toHaveProperty("gen_ai.usage.input_tokens");
    // Priced on the served model, Claude Sonnet 4.6 ($3 in, $15 out per million); the 503s cost nothing.
    const input = Number(span!.attributes["model_policy.usage.input_tokens"]);
    const output = Number(span!.attributes["model_policy.usage.output_tokens"]);
    expect(input).toBe(sdkSpans[0]!.attributes["gen_ai.usage.input_tokens"]);
    expect(span!.attributes["model_policy.cost.usd"]).toBeCloseTo((input * 3 + output * 15) / 1_000_000, 9);
  });

  it("makes each document one trace: every routed span under its document's invoke_workflow span", () => {
    const workflows = new Map(
      plain.receiver.spans
        .filter((span) => span.name === "invoke_workflow contract_analysis")
        .map((span) => [span.spanId, span]),
    );
    expect(new Set([...workflows.values()].map((span) => span.attributes["model_policy.workflow.key"])).size).toBe(
      workflows.size,
    );
    expect(workflows.size).toBeGreaterThan(1);
    for (const workflow of workflows.values()) {
      expect(workflow.kind).toBe("INTERNAL");
      expect(workflow.attributes).toMatchObject({
        "gen_ai.operation.name": "invoke_workflow",
        "gen_ai.workflow.name": "contract_analysis",
      });
    }
    for (const span of plain.routed) {
      const workflow = workflows.get(span.parentSpanId ?? "");
      expect(workflow, `${span.name} has no workflow parent`).toBeDefined();
      expect(span.traceId).toBe(workflow!.traceId);
    }
  });

  it("puts the outage's decisions on the routed span as events: retries, skipped attempts, fallbacks, review", () => {
    const events = plain.routed.flatMap((span) => span.events.map((event) => event.name));
    for (const name of [
      "model_policy.retry",
      "model_policy.attempt.skipped",
      "model_policy.fallback",
      "model_policy.review",
    ])
      expect(events, name).toContain(name);
    const risk = plain.routed.find((span) => span.attributes["model_policy.fallback.reason"] === "server_error")!;
    expect(risk.attributes["model_policy.decision"]).toBe("gpt-4.1→claude-sonnet-4-6 server_error; review");
    for (const span of [...plain.routed, ...plain.attempts])
      expect(span.attributes).not.toHaveProperty("gen_ai.system");
    for (const span of plain.routed) expect(span.attributes).not.toHaveProperty("gen_ai.usage.input_tokens");
  });

  it("traces clause matching's tool loop: a lookup turn that ends in tool_calls, then the evidence-checked answer", () => {
    const clauseSpans = plain.routed.filter((span) => span.attributes["model_policy.task"] === "clause_matching");
    expect(clauseSpans).toHaveLength(8);
    const finishReasons = clauseSpans.map((span) =>
      plain.attempts
        .filter((attempt) => attempt.parentSpanId === span.spanId)
        .map((attempt) => String(attempt.attributes["gen_ai.response.finish_reasons"])),
    );
    expect(finishReasons.filter((reasons) => reasons.join() === "tool_calls")).toHaveLength(4);
    expect(finishReasons.filter((reasons) => reasons.join() === "stop")).toHaveLength(4);
    const answers = clauseSpans.filter((span) => span.attributes["model_policy.evidence.coverage"] !== undefined);
    expect(answers.map((span) => span.attributes["model_policy.evidence.coverage"])).toEqual([1, 1, 1, 1]);
  });

  it("shows the absorbed 429: a rate_limit attempt followed by a successful retry in one classification", () => {
    const limited = plain.attempts.find((attempt) => attempt.attributes["error.type"] === "rate_limit")!;
    expect(limited).toBeDefined();
    const siblings = plain.attempts.filter((attempt) => attempt.parentSpanId === limited.parentSpanId);
    expect(siblings.map((attempt) => attempt.attributes["model_policy.attempt.kind"]).sort()).toEqual([
      "primary",
      "retry",
    ]);
    const parent = plain.routed.find((span) => span.spanId === limited.parentSpanId)!;
    expect(parent.attributes).toMatchObject({ "model_policy.outcome": "ok", "model_policy.attempts": 2 });
  });

  it("exports the model_policy.calls metric for every routed call", async () => {
    const points = await plain.receiver.waitForMetrics((point) => point.name === "model_policy.calls", 10_000);
    const latest = new Map<string, number>();
    for (const point of points) latest.set(JSON.stringify(point.attributes), point.value ?? 0);
    expect([...latest.values()].reduce((sum, value) => sum + value, 0)).toBe(26);
  });

  it("exports no prompt text and no API key by default", () => {
    const exported = JSON.stringify([plain.receiver.spans, plain.receiver.metrics, plain.receiver.logs]);
    expect(exported).not.toContain(promptCanary);
    expect(exported).not.toContain(keyCanary);
    expect(exported).not.toContain("MASTER SERVICES AGREEMENT");
    expect(plain.attempts.some((attempt) => "gen_ai.input.messages" in attempt.attributes)).toBe(false);
  });

  it("exports prompt content only with OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT=true, and never the key", () => {
    const exported = JSON.stringify([capturing.receiver.spans, capturing.receiver.metrics, capturing.receiver.logs]);
    expect(exported).toContain(promptCanary);
    expect(exported).not.toContain(keyCanary);
    const withCanary = capturing.attempts.filter((attempt) =>
      String(attempt.attributes["gen_ai.input.messages"]).includes(promptCanary),
    );
    expect(withCanary.length).toBeGreaterThan(0);
    expect(withCanary.every((attempt) => attempt.attributes["gen_ai.request.model"] === "gpt-4.1-nano")).toBe(true);
  });
});

import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { scriptedRouter, user } from "./__fixtures__/scripted-router.js";
import { allAttributeText, TelemetryHarness } from "./__fixtures__/telemetry-harness.js";
import { createTelemetryMiddleware } from "./create-telemetry-middleware.js";
import { CAPTURE_CONTENT_ENV, captureContentFromEnvironment } from "./message-content.js";

const PROMPT_CANARY = "canary-prompt-7f3a9c";
const ANSWER_CANARY = "canary-answer-51be02";

let harness: TelemetryHarness;
beforeEach(() => {
  harness = new TelemetryHarness();
});
afterEach(async () => {
  vi.unstubAllEnvs();
  await harness.close();
});

async function runOnce(captureMessageContent?: boolean) {
  const middleware = createTelemetryMiddleware({
    tracerProvider: harness.tracerProvider,
    meterProvider: harness.meterProvider,
    ...(captureMessageContent === undefined ? {} : { captureMessageContent }),
  });
  const { adapter, router } = scriptedRouter([middleware]);
  adapter.script("fast-model", { reply: { label: ANSWER_CANARY } });
  const schema = z.object({ label: z.string() });
  await router.run("classification", {
    messages: [
      { role: "system", content: "You classify contracts." },
      { role: "user", content: `classify ${PROMPT_CANARY}` },
    ],
    schema,
  });
}

describe("message content", () => {
  it("is not recorded anywhere by default", async () => {
    vi.stubEnv(CAPTURE_CONTENT_ENV, "");
    await runOnce();
    const text = allAttributeText(harness.spans());
    expect(harness.spans().length).toBe(2);
    expect(text).not.toContain(PROMPT_CANARY);
    expect(text).not.toContain(ANSWER_CANARY);
    expect(text).not.toContain("You classify contracts.");
  });

  it("is recorded on attempt spans only, in the semconv message shape, when opted in", async () => {
    await runOnce(true);
    expect(allAttributeText(harness.routedSpans())).not.toContain(PROMPT_CANARY);
    const [attempt] = harness.attemptSpans();
    const input = JSON.parse(String(attempt?.attributes["gen_ai.input.messages"]));
    expect(input).toEqual([
      { role: "system", parts: [{ type: "text", content: "You classify contracts." }] },
      { role: "user", parts: [{ type: "text", content: `classify ${PROMPT_CANARY}` }] },
    ]);
    const output = JSON.parse(String(attempt?.attributes["gen_ai.output.messages"]));
    expect(output).toEqual([
      {
        role: "assistant",
        parts: [{ type: "text", content: JSON.stringify({ label: ANSWER_CANARY }) }],
        finish_reason: "stop",
      },
    ]);
  });

  it("follows OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT, and the option overrides it", async () => {
    vi.stubEnv(CAPTURE_CONTENT_ENV, "TRUE");
    expect(captureContentFromEnvironment()).toBe(true);
    await runOnce();
    expect(allAttributeText(harness.attemptSpans())).toContain(PROMPT_CANARY);

    harness.spanExporter.reset();
    await runOnce(false);
    expect(allAttributeText(harness.spans())).not.toContain(PROMPT_CANARY);

    for (const value of ["1", "yes", "false", " "]) {
      vi.stubEnv(CAPTURE_CONTENT_ENV, value);
      expect(captureContentFromEnvironment(), value).toBe(false);
    }
  });

  it("records the repair prompt the adapter actually received", async () => {
    const middleware = createTelemetryMiddleware({
      tracerProvider: harness.tracerProvider,
      meterProvider: harness.meterProvider,
      captureMessageContent: true,
    });
    const { adapter, router } = scriptedRouter([middleware]);
    adapter.script("standard-model", { reply: "not json" }, { reply: { party: "A" } });
    await router
      .run("extraction", { messages: user(PROMPT_CANARY), schema: z.object({ party: z.string() }), sources: [] })
      .catch(() => undefined);
    const repair = harness.attemptSpans().find((span) => span.attributes["model_policy.attempt.kind"] === "repair");
    const messages = JSON.parse(String(repair?.attributes["gen_ai.input.messages"])) as { role: string }[];
    expect(messages.map((message) => message.role)).toEqual(["user", "assistant", "user"]);
  });
});

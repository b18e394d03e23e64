import { BudgetExceededError } from "@modelpolicy/core";
import { SpanKind, SpanStatusCode, type TracerProvider, trace } from "@opentelemetry/api";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { scriptedRouter, user } from "./__fixtures__/scripted-router.js";
import { TelemetryHarness } from "./__fixtures__/telemetry-harness.js";
import { createTelemetryMiddleware } from "./create-telemetry-middleware.js";
import { runWorkflow } from "./run-workflow.js";

const labelSchema = z.object({ label: z.string() });

let harness: TelemetryHarness;
beforeEach(() => {
  harness = new TelemetryHarness();
});
afterEach(async () => {
  await harness.close();
});

function setup() {
  const middleware = createTelemetryMiddleware({
    tracerProvider: harness.tracerProvider,
    meterProvider: harness.meterProvider,
  });
  return scriptedRouter([middleware]);
}

const workflowSpans = () => harness.spans().filter((span) => span.name.startsWith("invoke_workflow "));

describe("runWorkflow", () => {
  it("wraps one unit of work in an invoke_workflow span that its routed calls nest under", async () => {
    const { adapter, router } = setup();
    adapter.script("fast-model", { reply: { label: "nda" } }, { reply: { label: "msa" } });
    const labels = await runWorkflow(
      "contract_analysis",
      { key: "contract-007", attributes: { "app.batch": "b1" }, tracerProvider: harness.tracerProvider },
      async () => {
        const first = await router.run("classification", { messages: user("a"), schema: labelSchema });
        const second = await router.run("classification", { messages: user("b"), schema: labelSchema });
        return [first.output.label, second.output.label];
      },
    );
    expect(labels).toEqual(["nda", "msa"]);

    const [workflow, ...others] = workflowSpans();
    expect(others).toHaveLength(0);
    expect(workflow?.name).toBe("invoke_workflow contract_analysis");
    expect(workflow?.kind).toBe(SpanKind.INTERNAL);
    expect(workflow?.status.code).toBe(SpanStatusCode.UNSET);
    expect(workflow?.attributes).toEqual({
      "gen_ai.operation.name": "invoke_workflow",
      "gen_ai.workflow.name": "contract_analysis",
      "model_policy.workflow.key": "contract-007",
      "app.batch": "b1",
    });
    expect(workflow?.instrumentationScope.schemaUrl).toBe("https://opentelemetry.io/schemas/1.41.0");
    const routed = harness.routedSpans();
    expect(routed).toHaveLength(2);
    for (const span of routed) {
      expect(span.parentSpanContext?.spanId).toBe(workflow?.spanContext().spanId);
      expect(span.spanContext().traceId).toBe(workflow?.spanContext().traceId);
    }
  });

  it("records a failure with its error class, ends the span and rethrows the same error", async () => {
    const { router } = setup();
    const error = await runWorkflow("contract_analysis", { tracerProvider: harness.tracerProvider }, () =>
      router.run("classification", { messages: user("word ".repeat(5000)) }),
    ).catch((caught: unknown) => caught);
    expect(BudgetExceededError.isInstance(error)).toBe(true);

    const [workflow] = workflowSpans();
    expect(workflow?.status).toEqual({ code: SpanStatusCode.ERROR, message: (error as Error).message });
    expect(workflow?.attributes["error.type"]).toBe("budget_exceeded");
    expect(workflow?.attributes).not.toHaveProperty("model_policy.workflow.key");
    expect(workflow?.events.map((event) => event.name)).toEqual(["exception"]);
    expect(harness.routedSpans()[0]?.parentSpanContext?.spanId).toBe(workflow?.spanContext().spanId);
  });

  it("names a thrown error that is not the router's by its name", async () => {
    const thrown = new TypeError("not a document");
    await expect(
      runWorkflow("invoice_processing", { key: "INV-1", tracerProvider: harness.tracerProvider }, () => {
        throw thrown;
      }),
    ).rejects.toBe(thrown);
    expect(workflowSpans()[0]?.attributes["error.type"]).toBe("TypeError");
  });

  it("runs the work without a span when the tracer cannot start one, and reports why", async () => {
    const broken: TracerProvider = {
      getTracer: () => {
        throw new Error("tracer provider broke");
      },
    };
    const reports: string[] = [];
    let recording: boolean | undefined;
    const result = await runWorkflow(
      "contract_analysis",
      { tracerProvider: broken, onError: (message) => reports.push(message) },
      (span) => {
        recording = span.isRecording();
        return trace.getActiveSpan() === undefined ? "ran outside any span" : "ran inside a span";
      },
    );
    expect(result).toBe("ran outside any span");
    expect(recording).toBe(false);
    expect(reports).toEqual(["could not start a span; the call goes on without one"]);
  });
});

import { BudgetExceededError } from "@modelpolicy/core";
import { FakeOpenAIServer, reply } from "@modelpolicy/testkit";
import { context, trace } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } from "@opentelemetry/sdk-trace";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTicketService } from "../src/ticket-service.js";

// The host's own OTel setup, as an existing service would have it.
const exporter = new InMemorySpanExporter();
const provider = new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter })] });
const server = new FakeOpenAIServer();
let client: OpenAI;

beforeAll(async () => {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  trace.setGlobalTracerProvider(provider);
  client = new OpenAI({ apiKey: "sk-existing", baseURL: (await server.start()).baseURL });
});
afterAll(async () => {
  await server.close();
  await provider.shutdown();
});

describe("an existing service with modelpolicy added", () => {
  it("answers through its own client and shows the routed call in its own traces", async () => {
    server.script("gpt-4.1-mini", [reply.serverError(503), reply.serverError(503)]);
    server.script("gpt-4.1", [reply.ok("Customer cannot log in after the password reset; escalate to identity team.")]);
    const service = createTicketService(client);
    const summary = await service.summarise("Customer: I reset my password and still cannot log in...");
    expect(summary).toContain("cannot log in");
    const routed = exporter.getFinishedSpans().find((span) => span.name === "route ticket_summary");
    expect(routed?.attributes).toMatchObject({
      "model_policy.id": "tickets.summary",
      "model_policy.fallback.used": true,
      "model_policy.fallback.reason": "server_error",
      "model_policy.model.served": "gpt-4.1",
    });
    const attempts = exporter.getFinishedSpans().filter((span) => span.name.startsWith("chat "));
    expect(attempts.map((span) => span.parentSpanContext?.spanId)).toEqual(
      attempts.map(() => routed?.spanContext().spanId),
    );
  });

  it("refuses an oversized thread before the client sends anything", async () => {
    const before = server.requestCount;
    const error = await createTicketService(client)
      .summarise("log line\n".repeat(20_000))
      .catch((caught: unknown) => caught);
    expect(BudgetExceededError.isInstance(error)).toBe(true);
    expect(server.requestCount).toBe(before);
  });
});

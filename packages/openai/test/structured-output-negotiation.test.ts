import {
  type AdapterCall,
  createRouter,
  defineTable,
  type FinishPart,
  ProviderError,
  RoutedCallError,
} from "@modelpolicy/core";
import { dialects, FakeOpenAIServer, reply } from "@modelpolicy/testkit";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { type OpenAIAdapterOptions, openAIAdapter } from "../src/openai-adapter.js";
import type { OpenAIClientLike } from "../src/openai-client-like.js";
import { SDK_MAJORS } from "./sdk-majors.js";

// Issue 17: against llama.cpp's Python server every routed call failed. It refuses
// `response_format: json_schema` (it takes `json_object` + `schema`) and answers that validation
// error with a 500; the router retried it as transient, and the 500s opened the circuit breaker.
const MODEL = "smollm2-135m-instruct";
const server = new FakeOpenAIServer({ dialect: dialects.llamaCppPython });
const schema = { type: "object", properties: { label: { type: "string" } }, required: ["label"] };

beforeAll(async () => {
  await server.start();
});
afterAll(() => server.close());
beforeEach(() => server.reset());

function call(overrides: Partial<AdapterCall> = {}): AdapterCall {
  return {
    model: MODEL,
    messages: [
      { role: "system", content: "Classify the contract." },
      { role: "user", content: "MUTUAL NON-DISCLOSURE AGREEMENT" },
    ],
    maxOutputTokens: 64,
    responseFormat: { name: "label", schema },
    signal: new AbortController().signal,
    ...overrides,
  };
}

async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!ProviderError.isInstance(error)) throw new Error(`expected a ProviderError, got ${String(error)}`);
  return error;
}

const formats = () => server.requests.map((request) => request.body?.response_format?.type ?? "none");

describe.each(SDK_MAJORS)("structured-output negotiation over %s", (_major, makeClient) => {
  let client: OpenAIClientLike;
  beforeAll(() => {
    client = makeClient({ apiKey: "sk-test", baseURL: server.baseURL, maxRetries: 5 });
  });
  const adapter = (options?: OpenAIAdapterOptions) => openAIAdapter(client, options);

  it("moves from json_schema to json_object + schema within one call, one request per mode, and remembers it", async () => {
    server.setDefault(reply.ok({ label: "nda" }));
    const negotiating = adapter();
    const first = await negotiating.generate(call());
    expect(first).toMatchObject({ text: '{"label":"nda"}', structuredOutputMode: "json_object_schema" });
    expect(formats()).toEqual(["json_schema", "json_object"]);
    expect(server.requests.map((request) => request.status)).toEqual([500, 200]);
    expect(server.requests[1]?.body?.response_format).toEqual({ type: "json_object", schema });
    expect(negotiating.structuredOutputMode(MODEL)).toBe("json_object_schema");

    server.reset();
    server.setDefault(reply.ok({ label: "msa" }));
    const second = await negotiating.generate(call());
    expect(second.structuredOutputMode).toBe("json_object_schema");
    expect(formats()).toEqual(["json_object"]);
  });

  it("negotiates once for calls in flight together: one refused request, whatever the concurrency", async () => {
    server.setDefault(reply.ok({ label: "nda" }));
    const negotiating = adapter();
    const streamed = async () => {
      let finish: FinishPart | undefined;
      for await (const part of negotiating.stream(call())) if (part.type === "finish") finish = part;
      return finish;
    };
    const answers = await Promise.all([
      negotiating.generate(call()),
      negotiating.generate(call()),
      streamed(),
      negotiating.generate(call()),
    ]);
    expect(answers.map((answer) => answer?.structuredOutputMode)).toEqual(Array(4).fill("json_object_schema"));
    expect(server.requests.filter((request) => request.status === 500)).toHaveLength(1);
    expect(formats().filter((format) => format === "json_schema")).toHaveLength(1);
  });

  it("lets the next call find out when the call negotiating fails for another reason", async () => {
    server.script(MODEL, [reply.serverError(503)]);
    server.setDefault(reply.ok({ label: "nda" }));
    const negotiating = adapter();
    const [first, second] = await Promise.allSettled([negotiating.generate(call()), negotiating.generate(call())]);
    expect(first.status).toBe("rejected");
    expect(second).toMatchObject({ status: "fulfilled", value: { structuredOutputMode: "json_object_schema" } });
  });

  it("remembers per model: another model on the same server negotiates afresh", async () => {
    server.setDefault(reply.ok({ label: "nda" }));
    const negotiating = adapter();
    await negotiating.generate(call());
    expect(negotiating.structuredOutputMode("other-model")).toBe("json_schema");
    expect(negotiating.structuredOutputMode(MODEL)).toBe("json_object_schema");
  });

  it("under a fixed json_schema mode, the 500 is a bad_request in exactly one HTTP request", async () => {
    server.script(MODEL, [reply.ok({ label: "an SDK or adapter retry reached this" })]);
    const error = await failure(adapter({ structuredOutput: { mode: "json_schema" } }).generate(call()));
    expect(error).toMatchObject({ errorClass: "bad_request", retryable: false, status: 500 });
    expect(error.message).toContain("response_format");
    expect(server.requestCount).toBe(1);
    expect(server.pendingReplies(MODEL)).toBe(1);
  });

  it("uses a mode fixed per model, and the schema goes in the prompt in prompt mode", async () => {
    server.setDefault(reply.ok({ label: "nda" }));
    const fixed = adapter({ structuredOutput: { mode: "json_schema", byModel: { [MODEL]: "prompt" } } });
    const response = await fixed.generate(call());
    expect(response.structuredOutputMode).toBe("prompt");
    const body = server.requests[0]?.body;
    expect(body?.response_format).toBeUndefined();
    expect(body?.messages?.[0]?.content).toContain(JSON.stringify(schema));
    expect(server.requestCount).toBe(1);
  });

  it("does not change mode on a genuine server error: one request, retryable server_error", async () => {
    server.setDialect(dialects.openai);
    server.script(MODEL, [reply.serverError(500), reply.ok({ label: "nda" })]);
    const negotiating = adapter();
    const error = await failure(negotiating.generate(call()));
    expect(error).toMatchObject({ errorClass: "server_error", retryable: true });
    expect(server.requestCount).toBe(1);
    expect(negotiating.structuredOutputMode(MODEL)).toBe("json_schema");
  });

  it("classifies a 500 whose body is a request validation error as bad_request, not retried", async () => {
    const validation = reply.error(500, null, {
      type: "internal_server_error",
      message:
        "1 validation error:\n  {'type': 'less_than_equal', 'loc': ('body', 'temperature'), 'msg': 'Input should be less than or equal to 2', 'input': 9}",
    });
    server.script(MODEL, [validation, reply.ok("a retry reached this")]);
    const error = await failure(adapter().generate(call({ responseFormat: undefined, temperature: 9 })));
    expect(error).toMatchObject({ errorClass: "bad_request", retryable: false, status: 500 });
    expect(server.requestCount).toBe(1);
  });

  it("estimates usage when the server reports none, and says so", async () => {
    server.setDialect(dialects.noUsage);
    server.script(MODEL, [reply.ok("0123456789abcdef")]);
    const response = await adapter().generate(call({ responseFormat: undefined }));
    expect(server.requests[0]?.status).toBe(200);
    expect(response.usageSource).toBe("estimated");
    // 22 + 31 characters → 14 tokens, plus 4 per message and 3 for the reply; 16 characters → 4.
    expect(response.usage).toEqual({ inputTokens: 14 + 8 + 3, outputTokens: 4 });
  });

  it("sends max_tokens to a server that is not OpenAI's (llama-cpp-python ignores max_completion_tokens)", async () => {
    server.setDefault(reply.ok({ label: "nda" }));
    await adapter().generate(call({ responseFormat: undefined }));
    expect(server.requests[0]?.body).toMatchObject({ max_tokens: 64 });
    expect(server.requests[0]?.body).not.toHaveProperty("max_completion_tokens");
  });
});

describe("a router over a llama.cpp-like server", () => {
  const table = defineTable({
    version: "t17",
    tiers: { local: { provider: "openai", model: MODEL } },
    policies: [
      {
        id: "classify",
        version: "1",
        task: "document_classification",
        model_tier: "local",
        max_input_tokens: 500,
        max_output_tokens: 50,
        evidence_required: false,
        review_required: false,
        fallback_policy: "stop",
        latency_tier: "fast",
        retry: { max_attempts: 3, base_delay_ms: 1 },
      },
    ],
  });
  const messages = [{ role: "user" as const, content: "MUTUAL NON-DISCLOSURE AGREEMENT" }];
  const label = z.object({ label: z.enum(["nda", "msa"]) });
  const [, makeClient] = SDK_MAJORS[SDK_MAJORS.length - 1]!;

  it("answers every call: one negotiation, then one request per call, and the circuit stays closed", async () => {
    server.setDefault(reply.ok({ label: "nda" }));
    const client = makeClient({ apiKey: "sk-test", baseURL: server.baseURL });
    const router = createRouter(table, { adapters: [openAIAdapter(client)], onDiagnostic: () => {} });
    const outcomes: string[] = [];
    for (let index = 0; index < 8; index += 1) {
      const result = await router.run("document_classification", { messages, schema: label });
      outcomes.push(result.outcome);
      expect(result.attempts).toHaveLength(1);
    }
    expect(outcomes).toEqual(Array(8).fill("ok"));
    expect(formats()).toEqual(["json_schema", ...Array(8).fill("json_object")]);
  });

  it("with a fixed mode the server refuses: each call fails as bad_request in one request, and the breaker never opens", async () => {
    const client = makeClient({ apiKey: "sk-test", baseURL: server.baseURL });
    const adapter = openAIAdapter(client, { structuredOutput: { mode: "json_schema" } });
    const router = createRouter(table, { adapters: [adapter], onDiagnostic: () => {} });
    const classes: string[] = [];
    for (let index = 0; index < 7; index += 1) {
      const error = await router.run("document_classification", { messages, schema: label }).catch((e) => e);
      expect(RoutedCallError.isInstance(error)).toBe(true);
      classes.push((error as RoutedCallError).errorClass);
    }
    // Seven calls, three attempts allowed each: a transient class would have sent 21 requests
    // and opened the breaker after five failures (circuit_open from the third call on).
    expect(classes).toEqual(Array(7).fill("bad_request"));
    expect(server.requestCount).toBe(7);
  });
});

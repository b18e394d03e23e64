import OpenAI, { InternalServerError } from "openai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { FakeOpenAIServer } from "./fake-openai-server.js";
import { reply } from "./reply.js";
import { dialects } from "./server-dialect.js";

const server = new FakeOpenAIServer({ dialect: dialects.llamaCppPython });
let sdk: OpenAI;
const schema = { type: "object", properties: { answer: { type: "number" } } };
const question = { model: "smollm2", messages: [{ role: "user" as const, content: "What is 6 times 7?" }] };

beforeAll(async () => {
  const { baseURL } = await server.start();
  sdk = new OpenAI({ apiKey: "sk-testkit", baseURL, maxRetries: 0 });
});
beforeEach(() => server.reset());
afterAll(() => server.close());

describe("FakeOpenAIServer dialects", () => {
  it("llamaCppPython: refuses json_schema with llama-cpp-python's 500, before the script", async () => {
    server.script("smollm2", [reply.ok({ answer: 42 })]);
    const request = sdk.chat.completions.create({
      ...question,
      response_format: { type: "json_schema", json_schema: { name: "answer", schema } },
    });
    const error = await request.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InternalServerError);
    expect((error as InternalServerError).message).toContain("'loc': ('body', 'response_format', 'type')");
    expect((error as InternalServerError).type).toBe("internal_server_error");
    expect(server.requests[0]).toMatchObject({ status: 500, replyKind: "rejected" });
    expect(server.pendingReplies("smollm2")).toBe(1);
  });

  it("llamaCppPython: accepts json_object with a schema, and plain requests", async () => {
    server.script("smollm2", [reply.ok({ answer: 42 }), reply.ok("42")]);
    const structured = await sdk.chat.completions.create({
      ...question,
      // llama-cpp-python's own extension of json_object, which the SDK's types do not know.
      response_format: { type: "json_object", schema } as { type: "json_object" },
    });
    expect(structured.choices[0]?.message.content).toBe('{"answer":42}');
    expect(server.requests[0]?.body?.response_format).toEqual({ type: "json_object", schema });
    expect((await sdk.chat.completions.create(question)).choices[0]?.message.content).toBe("42");
  });

  it("noUsage: completions without a usage member; reset() restores the constructor's dialect", async () => {
    server.setDialect(dialects.noUsage);
    const completion = await sdk.chat.completions.create({
      ...question,
      response_format: { type: "json_schema", json_schema: { name: "answer", schema } },
    });
    expect(completion.choices[0]?.message.content).toContain("echo:");
    expect(completion).not.toHaveProperty("usage");
    server.reset();
    const refused = await sdk.chat.completions
      .create({ ...question, response_format: { type: "json_schema", json_schema: { name: "answer", schema } } })
      .catch((caught: unknown) => caught);
    expect(refused).toBeInstanceOf(InternalServerError);
  });
});

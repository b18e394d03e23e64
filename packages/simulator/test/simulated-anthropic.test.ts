import { readFileSync } from "node:fs";
import Anthropic, { InternalServerError, RateLimitError } from "@anthropic-ai/sdk";
import { encode } from "gpt-tokenizer/encoding/o200k_base";
import OpenAI from "openai";
import { afterEach, describe, expect, it } from "vitest";
import {
  SIMULATED_HEADER,
  type SimulatedProvider,
  type SimulatedProviderOptions,
  type SimulatedRequest,
  startSimulatedProvider,
} from "../src/index.js";

const running: SimulatedProvider[] = [];

async function start(options: SimulatedProviderOptions): Promise<{ provider: SimulatedProvider; client: Anthropic }> {
  const provider = await startSimulatedProvider(options);
  running.push(provider);
  const client = new Anthropic({ apiKey: "sk-ant-simulated", baseURL: provider.anthropicBaseURL, maxRetries: 0 });
  return { provider, client };
}

afterEach(async () => {
  await Promise.all(running.splice(0).map((provider) => provider.close()));
});

const MODEL = "claude-haiku-4-5";
const SYSTEM = "Judge the contract's risk.";
const USER = "Document ID: msa-1\nThe liability cap is removed.";
const messages = [{ role: "user" as const, content: USER }];
const riskTool = {
  name: "risk_judgement_output",
  input_schema: { type: "object" as const, properties: { risk_level: { type: "string" } } },
};

describe("startSimulatedProvider, Anthropic Messages API (real @anthropic-ai/sdk over HTTP)", () => {
  it("answers on the same port as OpenAI, with the system prompt as the responder's first message", async () => {
    const seen: SimulatedRequest[] = [];
    const { client, provider } = await start({
      responder: (request) => {
        seen.push(request);
        return "Low risk.";
      },
      snapshots: { [MODEL]: "claude-haiku-4-5-20251001" },
    });
    expect(new URL(provider.baseURL).port).toBe(new URL(provider.anthropicBaseURL).port);
    const { data: message, response } = await client.messages
      .create({ model: MODEL, max_tokens: 300, system: SYSTEM, messages })
      .withResponse();
    expect(response.headers.get(SIMULATED_HEADER)).toBe("true");
    expect(message).toMatchObject({
      model: "claude-haiku-4-5-20251001",
      content: [{ type: "text", text: "Low risk." }],
      stop_reason: "end_turn",
    });
    expect(message.id).toMatch(/^msg_simulated_\d+$/);
    const inputTokens = 3 + 4 + encode(SYSTEM).length + 4 + encode(USER).length;
    expect(message.usage).toMatchObject({ input_tokens: inputTokens, output_tokens: encode("Low risk.").length });
    expect(seen.map((request) => [request.api, request.model, request.maxTokens])).toEqual([["anthropic", MODEL, 300]]);
    expect(seen[0]!.messages).toEqual([
      { role: "system", content: SYSTEM },
      { role: "user", content: USER },
    ]);
    expect(provider.stats.byModel[MODEL]).toMatchObject({ requests: 1, completions: 1, promptTokens: inputTokens });
  });

  it("answers a forced tool with the fixture as the tool's input, and wraps a non-object answer", async () => {
    const { client } = await start({
      responder: (request) =>
        request.responseFormat?.name === "risk_judgement_output" ? { risk_level: "high" } : ["a", "b"],
    });
    const forced = await client.messages.create({
      model: MODEL,
      max_tokens: 300,
      messages,
      tools: [riskTool],
      tool_choice: { type: "tool", name: riskTool.name },
    });
    expect(forced.stop_reason).toBe("tool_use");
    expect(forced.content).toMatchObject([{ type: "tool_use", name: riskTool.name, input: { risk_level: "high" } }]);
    const listTool = { name: "list_output", input_schema: { type: "object" as const } };
    const wrapped = await client.messages.create({
      model: MODEL,
      max_tokens: 300,
      messages,
      tools: [listTool],
      tool_choice: { type: "tool", name: listTool.name },
    });
    expect(wrapped.content).toMatchObject([{ type: "tool_use", name: listTool.name, input: { output: ["a", "b"] } }]);
  });

  it("cuts an answer at max_tokens and says so with stop_reason max_tokens", async () => {
    const { client, provider } = await start({ responder: () => "word ".repeat(100) });
    const message = await client.messages.create({ model: MODEL, max_tokens: 10, messages });
    expect(message.stop_reason).toBe("max_tokens");
    expect(message.usage.output_tokens).toBe(10);
    expect(provider.stats.byModel[MODEL]?.truncated).toBe(1);
  });

  it("scripts faults by model in Anthropic's error shape, while the same script fails a GPT model in OpenAI's", async () => {
    const { client, provider } = await start({
      responder: () => "ok",
      faults: [
        { model: MODEL, kind: "rate_limit", retryAfterMs: 1500 },
        { model: MODEL, kind: "outage", status: 529 },
        { model: "gpt-4.1", kind: "outage" },
      ],
    });
    const limited = await client.messages.create({ model: MODEL, max_tokens: 50, messages }).catch((error) => error);
    expect(limited).toBeInstanceOf(RateLimitError);
    expect((limited as RateLimitError).headers?.get("retry-after")).toBe("2");
    expect((limited as RateLimitError).error).toMatchObject({ type: "error", error: { type: "rate_limit_error" } });
    const overloaded = await client.messages.create({ model: MODEL, max_tokens: 50, messages }).catch((error) => error);
    expect(overloaded).toBeInstanceOf(InternalServerError);
    expect((overloaded as InternalServerError).status).toBe(529);
    expect(String((overloaded as Error).message)).toContain("SIMULATED outage");
    expect((await client.messages.create({ model: MODEL, max_tokens: 50, messages })).content).toEqual([
      { type: "text", text: "ok" },
    ]);
    const openai = new OpenAI({ apiKey: "sk-simulated", baseURL: provider.baseURL, maxRetries: 0 });
    const down = await openai.chat.completions
      .create({ model: "gpt-4.1", messages: [{ role: "user", content: USER }] })
      .catch((error) => error);
    expect(down).toMatchObject({ status: 503, error: { type: "server_error", code: null } });
    expect(provider.stats.faults.map((fault) => fault.injected)).toEqual([1, 1, 1]);
  });

  it("refuses what the Messages API refuses, before any fixture or fault runs", async () => {
    const { provider } = await start({ responder: () => "never", faults: [{ model: MODEL, kind: "outage" }] });
    const response = await fetch(`${provider.anthropicBaseURL}/v1/messages`, {
      method: "POST",
      headers: { "content-type": "application/json", "anthropic-version": "2023-06-01" },
      body: JSON.stringify({ model: MODEL, messages }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      type: "error",
      error: { type: "invalid_request_error", message: "max_tokens: Field required" },
    });
    expect(provider.stats.requests).toBe(0);
    expect(provider.stats.faults).toEqual([{ model: MODEL, kind: "outage", injected: 0 }]);
  });

  it("streams a message as the API's server-sent events when asked to", async () => {
    const { client } = await start({ responder: () => "A streamed judgement of the contract." });
    const stream = client.messages.stream({ model: MODEL, max_tokens: 100, messages });
    const deltas: string[] = [];
    stream.on("text", (text) => deltas.push(text));
    const message = await stream.finalMessage();
    expect(message.content).toEqual([{ type: "text", text: "A streamed judgement of the contract." }]);
    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.join("")).toBe("A streamed judgement of the contract.");
  });
});

describe("the simulator's boundary", () => {
  it("depends at run time on the shared fake-provider core and a tokenizer, never on the testkit", () => {
    const manifest = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
      dependencies: Record<string, string>;
    };
    expect(Object.keys(manifest.dependencies).sort()).toEqual(["@modelpolicy/fake-provider", "gpt-tokenizer"]);
  });
});

import { encode } from "gpt-tokenizer/encoding/o200k_base";
import OpenAI, { InternalServerError, RateLimitError } from "openai";
import { afterEach, describe, expect, it } from "vitest";
import { type SimulatedProvider, type SimulatedProviderOptions, startSimulatedProvider } from "../src/index.js";

const running: SimulatedProvider[] = [];

async function start(options: SimulatedProviderOptions): Promise<{ provider: SimulatedProvider; client: OpenAI }> {
  const provider = await startSimulatedProvider(options);
  running.push(provider);
  return { provider, client: new OpenAI({ apiKey: "sk-simulated", baseURL: provider.baseURL, maxRetries: 0 }) };
}

afterEach(async () => {
  await Promise.all(running.splice(0).map((provider) => provider.close()));
});

const messages = [
  { role: "system" as const, content: "Classify the contract." },
  { role: "user" as const, content: "MUTUAL NON-DISCLOSURE AGREEMENT between Northwind and Helix." },
];

describe("startSimulatedProvider, OpenAI chat completions (real openai SDK over HTTP)", () => {
  it("answers with the fixture, real token counts and the requested (or snapshot) model", async () => {
    const seen: unknown[] = [];
    const { client, provider } = await start({
      responder: (request) => {
        seen.push({
          api: request.api,
          model: request.model,
          format: request.responseFormat?.name,
          maxTokens: request.maxTokens,
        });
        return { label: "nda", confidence: 0.96 };
      },
      snapshots: { "gpt-4.1-nano": "gpt-4.1-nano-2025-04-14" },
    });
    const completion = await client.chat.completions.create({
      model: "gpt-4.1-nano",
      messages,
      max_tokens: 200,
      response_format: { type: "json_schema", json_schema: { name: "classification", schema: { type: "object" } } },
    });
    const content = completion.choices[0]!.message.content!;
    expect(JSON.parse(content)).toEqual({ label: "nda", confidence: 0.96 });
    expect(completion.model).toBe("gpt-4.1-nano-2025-04-14");
    expect(completion.id).toMatch(/^chatcmpl-simulated-\d+$/);
    expect(completion.choices[0]!.finish_reason).toBe("stop");
    const promptTokens = 3 + messages.reduce((sum, message) => sum + 4 + encode(message.content).length, 0);
    expect(completion.usage).toMatchObject({ prompt_tokens: promptTokens, completion_tokens: encode(content).length });
    expect(seen).toEqual([{ api: "openai", model: "gpt-4.1-nano", format: "classification", maxTokens: 200 }]);
    expect(provider.stats.requests).toBe(1);
    expect(provider.stats.byModel["gpt-4.1-nano"]).toMatchObject({ requests: 1, completions: 1, promptTokens });
  });

  it("honours max tokens: a longer answer is cut and reported as length", async () => {
    const { client } = await start({ responder: () => "word ".repeat(100) });
    const completion = await client.chat.completions.create({
      model: "gpt-4.1-mini",
      messages,
      max_completion_tokens: 10,
    });
    expect(completion.choices[0]!.finish_reason).toBe("length");
    expect(completion.usage?.completion_tokens).toBe(10);
  });

  it("answers unknown requests with a deterministic generic answer (JSON when JSON was asked for)", async () => {
    const { client, provider } = await start({ responder: () => undefined });
    const text = await client.chat.completions.create({ model: "m", messages });
    expect(text.choices[0]!.message.content).toBe("SIMULATED provider: no fixture answer for this request (model m).");
    const json = await client.chat.completions.create({
      model: "m",
      messages,
      response_format: { type: "json_schema", json_schema: { name: "x", schema: { type: "object" } } },
    });
    expect(JSON.parse(json.choices[0]!.message.content!)).toMatchObject({ simulated: true });
    expect(provider.stats.byModel.m?.genericAnswers).toBe(2);
  });

  it("scripts a 429 with Retry-After and an outage, in order per model, and counts them", async () => {
    const { client, provider } = await start({
      responder: () => "ok",
      faults: [
        { model: "fast", kind: "rate_limit", retryAfterMs: 200, times: 1 },
        { model: "strong", kind: "outage", status: 503, times: 2 },
      ],
    });
    const limited = await client.chat.completions.create({ model: "fast", messages }).catch((error: unknown) => error);
    expect(limited).toBeInstanceOf(RateLimitError);
    expect((limited as RateLimitError).headers?.get("retry-after-ms")).toBe("200");
    expect((limited as RateLimitError).headers?.get("retry-after")).toBe("1");
    expect((await client.chat.completions.create({ model: "fast", messages })).choices[0]!.message.content).toBe("ok");
    for (let index = 0; index < 2; index += 1) {
      const down = await client.chat.completions.create({ model: "strong", messages }).catch((error: unknown) => error);
      expect(down).toBeInstanceOf(InternalServerError);
      expect((down as InternalServerError).status).toBe(503);
    }
    expect((await client.chat.completions.create({ model: "strong", messages })).choices[0]!.message.content).toBe(
      "ok",
    );
    expect(provider.stats.faults).toEqual([
      { model: "fast", kind: "rate_limit", injected: 1 },
      { model: "strong", kind: "outage", injected: 2 },
    ]);
    expect(provider.stats.byModel.strong).toMatchObject({ requests: 3, faults: 2, completions: 1 });
  });

  it("holds an answer back for at least the model's base latency", async () => {
    const { client } = await start({
      responder: () => "a short answer",
      latency: { slow: { baseMs: 150, perOutputTokenMs: 1, jitterMs: 50 } },
    });
    const started = performance.now();
    await client.chat.completions.create({ model: "slow", messages });
    // A lower bound only: the timer guarantees it, while an upper bound would measure the machine.
    expect(performance.now() - started).toBeGreaterThanOrEqual(150);
  });

  it("turns a failing responder into a 500 that says so", async () => {
    const { client } = await start({
      responder: () => {
        throw new Error("fixture missing");
      },
    });
    const error = await client.chat.completions.create({ model: "m", messages }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InternalServerError);
    expect(String((error as Error).message)).toContain("fixture missing");
  });
});

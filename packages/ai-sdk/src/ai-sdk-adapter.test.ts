import { NoSuchModelError } from "@ai-sdk/provider";
import { type AdapterCall, ConfigurationError, ProviderError, RequestShapeError } from "@modelpolicy/core";
import { describe, expect, it } from "vitest";
import { aiSdkAdapter, DEFAULT_INPUT_TOKEN_ESTIMATE } from "./ai-sdk-adapter.js";
import type {
  AiSdkCallOptions,
  AiSdkGenerateResult,
  AiSdkLanguageModelLike,
  AiSdkProviderLike,
} from "./ai-sdk-provider-like.js";

/**
 * A provider whose models record their calls and answer `result`; `created` lists every
 * languageModel() call. Any spec version, even one the types refuse (v1), as a JavaScript caller
 * could pass.
 */
function stubProvider(result: AiSdkGenerateResult, providerId = "openai.chat", specificationVersion = "v4") {
  const calls: AiSdkCallOptions[] = [];
  const created: string[] = [];
  const provider: AiSdkProviderLike = {
    languageModel(modelId: string): AiSdkLanguageModelLike {
      created.push(modelId);
      return {
        specificationVersion,
        provider: providerId,
        modelId,
        async doGenerate(options: AiSdkCallOptions) {
          calls.push(options);
          return result;
        },
      } as AiSdkLanguageModelLike;
    },
  };
  return { provider, calls, created };
}

const v4Result: AiSdkGenerateResult = {
  content: [
    { type: "reasoning", text: "thinking it over" },
    { type: "text", text: '{"label":' },
    { type: "text", text: '"nda"}' },
  ],
  finishReason: { unified: "stop", raw: "stop" },
  usage: {
    inputTokens: { total: 120, noCache: 20, cacheRead: 100, cacheWrite: undefined },
    outputTokens: { total: 9, text: 9, reasoning: undefined },
  },
  response: { id: "resp_1", modelId: "gpt-4o-mini-2024-07-18" },
};

function call(overrides: Partial<AdapterCall> = {}): AdapterCall {
  return {
    model: "gpt-4o-mini",
    messages: [
      { role: "system", content: "Classify." },
      { role: "user", content: "NDA" },
      { role: "assistant", content: "?" },
    ],
    maxOutputTokens: 50,
    signal: new AbortController().signal,
    ...overrides,
  };
}

describe("aiSdkAdapter", () => {
  it("sends one doGenerate with a text prompt, the output limit and the call's signal, and maps the result", async () => {
    const { provider, calls } = stubProvider(v4Result);
    const request = call();
    expect(await aiSdkAdapter(provider).generate(request)).toEqual({
      text: '{"label":"nda"}',
      usage: { inputTokens: 120, outputTokens: 9, cachedInputTokens: 100 },
      finishReason: "stop",
      servedModel: "gpt-4o-mini-2024-07-18",
      responseId: "resp_1",
    });
    expect(calls).toEqual([
      {
        prompt: [
          { role: "system", content: "Classify." },
          { role: "user", content: [{ type: "text", text: "NDA" }] },
          { role: "assistant", content: [{ type: "text", text: "?" }] },
        ],
        maxOutputTokens: 50,
        abortSignal: request.signal,
      },
    ]);
    expect(calls[0]?.abortSignal).toBe(request.signal);
  });

  it("reads a spec v2 result: a string finish reason and flat usage", async () => {
    const { provider } = stubProvider(
      {
        content: [{ type: "text", text: "ok" }],
        finishReason: "tool-calls",
        usage: { inputTokens: 30, outputTokens: 4, totalTokens: 34, cachedInputTokens: 10 },
      },
      "openai.chat",
      "v2",
    );
    expect(await aiSdkAdapter(provider).generate(call())).toEqual({
      text: "ok",
      usage: { inputTokens: 30, outputTokens: 4, cachedInputTokens: 10 },
      finishReason: "tool_calls",
      servedModel: "gpt-4o-mini",
    });
  });

  it("asks for JSON with a sanitised name, prefers structuredOutputText then, and maps strict for OpenAI models", async () => {
    const { provider, calls } = stubProvider({ ...v4Result, structuredOutputText: '{"label":"msa"}' });
    const adapter = aiSdkAdapter(provider, { providerOptions: { openai: { serviceTier: "flex" } } });
    const schema = { type: "object" };
    expect((await adapter.generate(call())).text).toBe('{"label":"nda"}');
    const response = await adapter.generate(call({ responseFormat: { name: "doc class/v2", schema, strict: false } }));
    expect(response.text).toBe('{"label":"msa"}');
    expect(calls[1]?.responseFormat).toEqual({ type: "json", schema, name: "doc_class_v2" });
    expect(calls[1]?.providerOptions).toEqual({
      openai: { serviceTier: "flex", strictJsonSchema: false },
      azure: { strictJsonSchema: false },
    });
    expect(calls[0]?.providerOptions).toEqual({ openai: { serviceTier: "flex" } });
  });

  it("leaves strict to the provider's default for models outside the OpenAI family", async () => {
    const { provider, calls } = stubProvider(v4Result, "anthropic.messages");
    await aiSdkAdapter(provider).generate(call({ responseFormat: { name: "x", schema: {}, strict: true } }));
    expect(calls[0]).not.toHaveProperty("providerOptions");
  });

  it("turns an error finish into a retryable server_error that keeps the usage", async () => {
    const { provider } = stubProvider({ ...v4Result, finishReason: { unified: "error", raw: undefined } });
    const error = await aiSdkAdapter(provider)
      .generate(call())
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ errorClass: "server_error", retryable: true, usage: { inputTokens: 120 } });
  });

  it("creates each model once and reads its default name from a probe model", async () => {
    const { provider, created } = stubProvider(v4Result, "google.generative-ai");
    const adapter = aiSdkAdapter(provider);
    expect(adapter.provider).toBe("gcp.gemini");
    await adapter.generate(call());
    await adapter.generate(call());
    await adapter.generate(call({ model: "gemini-2.5-pro" }));
    expect(created).toEqual(["modelpolicy-provider-probe", "gpt-4o-mini", "gemini-2.5-pro"]);
  });

  it("takes the provider name from options, and creates no probe model when the estimate is given too", () => {
    const { provider, created } = stubProvider(v4Result);
    const estimate = { safetyFactor: 1.2 };
    const adapter = aiSdkAdapter(provider, { provider: "openai-eu", inputTokenEstimate: estimate });
    expect(adapter.provider).toBe("openai-eu");
    expect(adapter.inputTokenEstimate).toBe(estimate);
    expect(created).toEqual([]);
  });

  it("asks for options.provider when the provider refuses the probe id", () => {
    const strict: AiSdkProviderLike = {
      languageModel(modelId) {
        throw new NoSuchModelError({ modelId, modelType: "languageModel" });
      },
    };
    expect(() => aiSdkAdapter(strict)).toThrow(ConfigurationError);
    expect(() => aiSdkAdapter(strict)).toThrow(/pass \{ provider \}/);
  });

  it("maps a model the provider does not know to not_found", async () => {
    const strict: AiSdkProviderLike = {
      languageModel(modelId) {
        throw new NoSuchModelError({ modelId, modelType: "languageModel" });
      },
    };
    const error = await aiSdkAdapter(strict, { provider: "custom" })
      .generate(call())
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ errorClass: "not_found", retryable: false, model: "gpt-4o-mini" });
  });

  it("refuses a spec v1 model (AI SDK 4) with bad_request, without calling it", async () => {
    const { provider, calls } = stubProvider(v4Result, "openai.chat", "v1");
    const error = await aiSdkAdapter(provider)
      .generate(call())
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ errorClass: "bad_request", retryable: false });
    expect(String((error as Error).message)).toMatch(/spec v1; aiSdkAdapter supports v2, v3 and v4/);
    expect(calls).toEqual([]);
  });

  it("declares tools, images and files, and sends each model the file data of its spec version", async () => {
    const v4 = stubProvider(v4Result, "anthropic.messages", "v4");
    const v3 = stubProvider(v4Result, "anthropic.messages", "v3");
    const image = call({
      messages: [
        { role: "user", content: [{ type: "image", url: "https://example.com/a.png", mediaType: "image/png" }] },
      ],
    });
    const adapter = aiSdkAdapter(v4.provider);
    expect(adapter.accepts).toEqual({ tools: true, images: true, files: true });
    await adapter.generate(image);
    await aiSdkAdapter(v3.provider).generate(image);
    const url = new URL("https://example.com/a.png");
    expect(v4.calls[0]?.prompt).toEqual([
      { role: "user", content: [{ type: "file", mediaType: "image/png", data: { type: "url", url } }] },
    ]);
    expect(v3.calls[0]?.prompt).toEqual([
      { role: "user", content: [{ type: "file", mediaType: "image/png", data: url }] },
    ]);
  });

  it("refuses a history no provider could take before calling the model", async () => {
    const { provider, calls } = stubProvider(v4Result);
    const error = await aiSdkAdapter(provider)
      .generate(call({ messages: [{ role: "tool", toolCallId: "call_1", content: "done" }] }))
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RequestShapeError);
    expect(error).toMatchObject({ provider: "openai", part: "tools" });
    expect(calls).toEqual([]);
  });

  it.each([
    ["openai.chat", undefined],
    ["openai.responses", undefined],
    ["azure.chat", undefined],
    ["anthropic.messages", DEFAULT_INPUT_TOKEN_ESTIMATE],
    ["google.generative-ai", DEFAULT_INPUT_TOKEN_ESTIMATE],
    ["amazon-bedrock", DEFAULT_INPUT_TOKEN_ESTIMATE],
    ["mistral.chat", DEFAULT_INPUT_TOKEN_ESTIMATE],
  ])("for %s models declares input token estimate %j", (providerId, expected) => {
    const { provider } = stubProvider(v4Result, providerId);
    expect(aiSdkAdapter(provider).inputTokenEstimate).toEqual(expected);
    // The adapter's own name does not change the vendor the probe model reports.
    expect(aiSdkAdapter(provider, { provider: "primary" }).inputTokenEstimate).toEqual(expected);
  });

  it("reads the estimate's vendor from options.provider when the provider refuses the probe id", () => {
    const strict = (languageModel: AiSdkProviderLike["languageModel"]): AiSdkProviderLike => ({ languageModel });
    const refuse = (modelId: string): never => {
      throw new NoSuchModelError({ modelId, modelType: "languageModel" });
    };
    expect(aiSdkAdapter(strict(refuse), { provider: "openai" }).inputTokenEstimate).toBeUndefined();
    expect(aiSdkAdapter(strict(refuse), { provider: "bedrock-claude" }).inputTokenEstimate).toEqual({
      safetyFactor: 1.6,
    });
  });

  it("maps a result without a content array to server_error", async () => {
    const { provider } = stubProvider({ finishReason: "stop" } as unknown as AiSdkGenerateResult);
    const error = await aiSdkAdapter(provider)
      .generate(call())
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ errorClass: "server_error", retryable: true });
  });
});

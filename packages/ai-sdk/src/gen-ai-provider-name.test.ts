import { describe, expect, it } from "vitest";
import { GEN_AI_PROVIDER_NAMES, genAiProviderName } from "./gen-ai-provider-name.js";

describe("genAiProviderName", () => {
  it.each([
    ["openai.chat", "openai"],
    ["openai.responses", "openai"],
    ["openai.completion", "openai"],
    ["azure.chat", "azure.ai.openai"],
    ["azure.responses", "azure.ai.openai"],
    ["azure-openai.chat", "azure.ai.openai"],
    ["anthropic.messages", "anthropic"],
    ["google.generative-ai", "gcp.gemini"],
    ["google.vertex.chat", "gcp.vertex_ai"],
    ["vertex.anthropic.messages", "gcp.vertex_ai"],
    ["amazon-bedrock", "aws.bedrock"],
    ["bedrock.anthropic.messages", "aws.bedrock"],
    ["mistral.chat", "mistral_ai"],
    ["groq.chat", "groq"],
    ["xai.chat", "x_ai"],
    ["xai.responses", "x_ai"],
    ["deepseek.chat", "deepseek"],
    ["cohere.chat", "cohere"],
    ["perplexity", "perplexity"],
    ["OpenAI.Chat", "openai"],
  ])("maps %s to %s", (id, name) => {
    expect(genAiProviderName(id)).toBe(name);
    expect(GEN_AI_PROVIDER_NAMES).toContain(name);
  });

  it("gives the first segment of an id with no well-known value", () => {
    expect(genAiProviderName("togetherai.chat")).toBe("togetherai");
    expect(genAiProviderName("lmstudio.chat")).toBe("lmstudio");
    expect(genAiProviderName("gateway")).toBe("gateway");
    expect(GEN_AI_PROVIDER_NAMES).not.toContain(genAiProviderName("togetherai.chat"));
  });
});

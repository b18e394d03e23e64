import { describe, expect, it } from "vitest";
import { completionUsage, estimateTokens } from "./completion-usage.js";
import type { ChatCompletionRequest } from "./openai-client-like.js";

const request: ChatCompletionRequest = {
  model: "m",
  messages: [
    { role: "system", content: "x".repeat(40) },
    { role: "user", content: "y".repeat(21) },
  ],
};

describe("completionUsage", () => {
  it("takes the server's counts when it sent them", () => {
    const usage = { prompt_tokens: 12, completion_tokens: 5, prompt_tokens_details: { cached_tokens: 3 } };
    expect(completionUsage(usage, request, "answer")).toEqual({
      usage: { inputTokens: 12, outputTokens: 5, cachedInputTokens: 3 },
      usageSource: "provider",
    });
  });

  it("estimates characters/4 plus the chat overhead when the server sent no usage", () => {
    // 61 characters → 16 tokens, plus 4 per message and 3 for the reply; 10 characters → 3.
    expect(completionUsage(undefined, request, "0123456789")).toEqual({
      usage: { inputTokens: 16 + 8 + 3, outputTokens: 3 },
      usageSource: "estimated",
    });
    expect(completionUsage(null, request, "")).toMatchObject({ usage: { outputTokens: 0 }, usageSource: "estimated" });
  });

  it("estimates only what is missing or unusable, and says so", () => {
    expect(completionUsage({ prompt_tokens: 50, completion_tokens: "7" }, request, "abcdefgh")).toEqual({
      usage: { inputTokens: 50, outputTokens: 2 },
      usageSource: "estimated",
    });
  });

  it("rounds partial tokens up", () => {
    expect([0, 1, 4, 5].map(estimateTokens)).toEqual([0, 1, 1, 2]);
  });
});

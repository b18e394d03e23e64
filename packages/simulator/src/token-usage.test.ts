import { encode } from "gpt-tokenizer/encoding/o200k_base";
import { describe, expect, it } from "vitest";
import { countCompletionTokens, countPromptTokens, truncateToTokens } from "./token-usage.js";

describe("token usage", () => {
  it("counts prompt tokens with o200k_base plus the chat overhead", () => {
    const messages = [
      { role: "system", content: "You classify contracts." },
      { role: "user", content: "MUTUAL NON-DISCLOSURE AGREEMENT between two parties." },
    ];
    const expected = 3 + 4 + encode(messages[0]!.content).length + 4 + encode(messages[1]!.content).length;
    expect(countPromptTokens(messages)).toBe(expected);
  });

  it("truncates at the token limit and says so", () => {
    const text = "one two three four five six seven eight nine ten";
    expect(truncateToTokens(text, 1000)).toEqual({ text, tokens: countCompletionTokens(text), truncated: false });
    const cut = truncateToTokens(text, 3);
    expect(cut.truncated).toBe(true);
    expect(cut.tokens).toBe(3);
    expect(text.startsWith(cut.text)).toBe(true);
  });
});

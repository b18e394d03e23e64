import { describe, expect, it } from "vitest";
import { chatCompletionBody, echoContent } from "./chat-completion-body.js";

describe("chatCompletionBody", () => {
  const request = { model: "gpt-4.1", messages: [{ role: "user", content: "twelve chars" }] };

  it("JSON-encodes object answers and estimates the usage an answer leaves out", () => {
    const body = chatCompletionBody({ json: { total: 42 } }, request, 3);
    expect(body.choices[0]!.message.content).toBe('{"total":42}');
    expect(body.usage).toMatchObject({ prompt_tokens: 3, completion_tokens: 3, total_tokens: 6 });
    expect(body).toMatchObject({ id: "chatcmpl-testkit-3", model: "gpt-4.1", system_fingerprint: "fp_testkit" });
  });

  it("reports the given usage, finish reason, served model and id tag", () => {
    const body = chatCompletionBody(
      {
        json: "cut",
        usage: { promptTokens: 100, completionTokens: 5 },
        finishReason: "length",
        model: "gpt-4.1-2025-04-14",
      },
      request,
      9,
      "simulated",
    );
    expect(body).toMatchObject({ id: "chatcmpl-simulated-9", model: "gpt-4.1-2025-04-14" });
    expect(body.choices[0]!.finish_reason).toBe("length");
    expect(body.usage.total_tokens).toBe(105);
    expect(echoContent(request)).toBe("echo: twelve chars");
  });
});

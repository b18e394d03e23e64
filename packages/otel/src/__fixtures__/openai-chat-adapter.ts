import type { ModelAdapter } from "@modelpolicy/core";
import type OpenAI from "openai";

/**
 * The smallest adapter over an `OpenAI` client's chat completions, for tests that need the real
 * `openai` package on the wire (so `@opentelemetry/instrumentation-openai` sees the calls).
 * `@modelpolicy/openai` is not a dependency of this package, and these tests are about spans,
 * not about mapping errors, so successes are all it handles.
 */
export function openAIChatAdapter(client: OpenAI): ModelAdapter {
  return {
    specificationVersion: "v1",
    provider: "openai",
    async generate(call) {
      const completion = await client.chat.completions.create(
        {
          model: call.model,
          // Text turns only: the tests using this adapter send nothing else.
          messages: call.messages.map((message) => ({
            role: message.role === "assistant" ? "assistant" : message.role === "system" ? "system" : "user",
            content: typeof message.content === "string" ? message.content : "",
          })),
          max_tokens: call.maxOutputTokens,
        },
        { signal: call.signal },
      );
      return {
        text: completion.choices[0]?.message.content ?? "",
        usage: {
          inputTokens: completion.usage?.prompt_tokens ?? 0,
          outputTokens: completion.usage?.completion_tokens ?? 0,
        },
        finishReason: "stop",
        servedModel: completion.model,
        responseId: completion.id,
      };
    },
  };
}

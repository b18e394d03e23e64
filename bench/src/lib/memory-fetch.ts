import { extractionAnswer, extractionUsage, MODEL } from "./fixtures.js";

const completion = JSON.stringify({
  id: "chatcmpl-bench",
  object: "chat.completion",
  created: 1_764_000_000,
  model: MODEL,
  choices: [
    {
      index: 0,
      message: { role: "assistant", content: JSON.stringify(extractionAnswer), refusal: null },
      finish_reason: "stop",
      logprobs: null,
    },
  ],
  usage: {
    prompt_tokens: extractionUsage.promptTokens,
    completion_tokens: extractionUsage.completionTokens,
    total_tokens: extractionUsage.promptTokens + extractionUsage.completionTokens,
  },
});

/**
 * A `fetch` for the OpenAI client that answers every request in memory with the same chat
 * completion the fake server sends: no socket, no server, so what is left to time is the CPU of
 * the client stack (SDK, instrumentation, router). Used for the noise-free overhead table and the
 * CPU profiles; the loopback numbers stay the headline.
 */
export const memoryFetch: typeof fetch = async (_input, init) => {
  // The SDK serialises the body either way; reading its length keeps the work honest.
  if (typeof init?.body === "string" && init.body.length === 0) throw new Error("empty body");
  return new Response(completion, {
    status: 200,
    headers: { "content-type": "application/json", "x-request-id": "req_bench" },
  });
};

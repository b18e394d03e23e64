import { type ChatCompletionBody, chatCompletionChunks, formatDataEvent } from "@modelpolicy/testkit";
import { MODEL } from "../lib/fixtures.js";
import { B5_CHUNK_CHARS, b5Answer } from "./stream-answer.js";

/** The server-sent events of one streamed answer of `contentChunks` text chunks, encoded once. */
function answerEvents(contentChunks: number): Uint8Array[] {
  const completion: ChatCompletionBody = {
    id: "chatcmpl-bench",
    object: "chat.completion",
    created: 1_764_000_000,
    model: MODEL,
    system_fingerprint: "fp_bench",
    choices: [
      {
        index: 0,
        message: { role: "assistant", content: b5Answer(contentChunks), refusal: null },
        logprobs: null,
        finish_reason: "stop",
      },
    ],
    usage: {
      prompt_tokens: 1100,
      completion_tokens: contentChunks * 2,
      total_tokens: 1100 + contentChunks * 2,
      prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0 },
    },
  };
  const encoder = new TextEncoder();
  const events = chatCompletionChunks(completion, { chunkSize: B5_CHUNK_CHARS, includeUsage: true }).map((chunk) =>
    formatDataEvent(chunk),
  );
  events.push(formatDataEvent("[DONE]"));
  return events.map((event) => encoder.encode(event));
}

/** A `fetch` that streams prebuilt answers, and the answer length it streams next. */
export interface MemoryStreamFetch {
  readonly fetch: typeof fetch;
  /** Text chunks per answer from now on; each length's events are built once. */
  answerChunks: number;
}

/**
 * B5m's transport: a `fetch` for the OpenAI client that answers every streamed request in
 * memory with a `Response` whose body is a `ReadableStream` handing out the same server-sent
 * events the fake server writes (role chunk, text chunks, finish chunk, usage chunk, `[DONE]`),
 * one event per read as a socket delivering each flushed write would. No socket and no server,
 * so what is timed is the client stack's CPU: the SDK's event parsing and whatever the caller
 * runs on top of it.
 */
export function memoryStreamFetch(answerChunks: number): MemoryStreamFetch {
  const answers = new Map<number, Uint8Array[]>();
  const state: MemoryStreamFetch = {
    answerChunks,
    fetch: async (_input, init) => {
      // Both variants must ask for a stream with usage, or they would be reading different bytes.
      if (typeof init?.body !== "string" || !init.body.includes('"include_usage":true'))
        throw new Error("B5m expects a streamed request with stream_options.include_usage");
      let events = answers.get(state.answerChunks);
      if (events === undefined) {
        events = answerEvents(state.answerChunks);
        answers.set(state.answerChunks, events);
      }
      const queue = events;
      let next = 0;
      const body = new ReadableStream<Uint8Array>(
        {
          pull(controller) {
            const event = queue[next];
            next += 1;
            if (event === undefined) controller.close();
            else controller.enqueue(event);
          },
        },
        { highWaterMark: 0 },
      );
      return new Response(body, {
        status: 200,
        headers: { "content-type": "text/event-stream; charset=utf-8", "x-request-id": "req_bench" },
      });
    },
  };
  return state;
}

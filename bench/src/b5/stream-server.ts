/**
 * B5's fake OpenAI server in a process of its own (the server's CPU never counts as client CPU):
 * every call, asked with `stream: true`, gets a scripted text answer as server-sent events,
 * {@link B5_CONTENT_CHUNKS} content chunks of {@link B5_CHUNK_CHARS} characters with no delay
 * between them, then the finish and usage chunks and `[DONE]`.
 */
import { FakeOpenAIServer } from "@modelpolicy/testkit";
import { serveRequests } from "../lib/ipc.js";
import { B5_CHUNK_CHARS, B5_CONTENT_CHUNKS, b5Answer } from "./stream-answer.js";

const server = new FakeOpenAIServer();
server.setDefault(() => ({
  json: b5Answer(),
  usage: { promptTokens: 1100, completionTokens: B5_CONTENT_CHUNKS * 2 },
  stream: { chunkSize: B5_CHUNK_CHARS },
}));

// A run sends tens of thousands of requests; the recorded ones are for tests, so forget them.
const forget = setInterval(() => {
  server.requests.length = 0;
}, 500);

serveRequests(
  {
    async start() {
      return server.start();
    },
  },
  async () => {
    clearInterval(forget);
    await server.close();
  },
);

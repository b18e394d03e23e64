/**
 * The fake OpenAI server (and, on request, an OTLP receiver) in a process of its own, so the
 * server's CPU never counts as client CPU and the client's event loop is the only thing measured.
 * Configured by the parent: a reply delay per model (B3), and the JSON answer every call gets.
 */
import { FakeOpenAIServer, type FakeReply, OtlpReceiver } from "@modelpolicy/testkit";
import { extractionAnswer, extractionUsage } from "./lib/fixtures.js";
import { serveRequests } from "./lib/ipc.js";

const server = new FakeOpenAIServer();
let receiver: OtlpReceiver | undefined;
let delays: Record<string, number> = {};

const okReply: FakeReply = { json: extractionAnswer, usage: extractionUsage };
server.setDefault((request) => {
  const delayMs = request.model === undefined ? 0 : (delays[request.model] ?? 0);
  return delayMs > 0 ? { ...okReply, delayMs } : okReply;
});

// Requests and spans are recorded for tests; a benchmark sends tens of thousands, so forget them.
const forget = setInterval(() => {
  server.requests.length = 0;
  receiver?.clear();
}, 500);

serveRequests(
  {
    async startOpenAI(payload: { delays?: Record<string, number> }) {
      delays = payload.delays ?? {};
      return server.start();
    },
    setDelays(payload: { delays: Record<string, number> }) {
      delays = payload.delays;
      return true;
    },
    async startReceiver() {
      receiver ??= new OtlpReceiver();
      const started = await receiver.start();
      return { ...started, tracesUrl: receiver.tracesUrl };
    },
    receiverStats() {
      return { spansReceived: receiver?.spansReceived ?? 0 };
    },
  },
  async () => {
    clearInterval(forget);
    await server.close();
    await receiver?.close();
  },
);

import { type AdapterCall, type ModelAdapter, ProviderError, type StreamPart } from "@modelpolicy/core";

/** One scripted stream: its deltas, a pause before each, and an optional failure after N deltas. */
export interface StreamScript {
  deltas: string[];
  delayMs?: number;
  failAfter?: number;
  /** A failure before the first part. */
  refuse?: boolean;
}

/**
 * A v2 adapter that streams scripted deltas in process, for the middleware's streaming tests.
 * `released` counts streams whose signal was aborted, how a test sees the router let go.
 */
export function streamingAdapter(scripts: Record<string, StreamScript[]>, provider = "scripted") {
  const state = { calls: [] as AdapterCall[], released: 0 };
  const adapter: ModelAdapter = {
    specificationVersion: "v2",
    provider,
    endpoint: { address: "llm.internal", port: 443 },
    async generate() {
      throw new Error("this adapter only streams");
    },
    stream(call) {
      state.calls.push(call);
      call.signal.addEventListener("abort", () => {
        state.released += 1;
      });
      return parts(call, scripts[call.model]?.shift() ?? { deltas: ["ok"] });
    },
  };
  return { adapter, state };
}

async function* parts(call: AdapterCall, script: StreamScript): AsyncGenerator<StreamPart> {
  if (script.refuse) throw new ProviderError({ errorClass: "server_error", message: "503", status: 503 });
  yield { type: "response-metadata", servedModel: `${call.model}-2026`, responseId: "resp-1" };
  for (const [index, text] of script.deltas.entries()) {
    if (index === script.failAfter) throw new ProviderError({ errorClass: "connection", message: "reset" });
    if (script.delayMs) await pause(script.delayMs, call.signal);
    yield { type: "text-delta", text };
  }
  yield {
    type: "finish",
    finishReason: "stop",
    usage: { inputTokens: 20, outputTokens: script.deltas.length },
    servedModel: `${call.model}-2026`,
  };
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      "abort",
      () => {
        clearTimeout(timer);
        reject(new ProviderError({ errorClass: "aborted", message: "aborted", retryable: false }));
      },
      { once: true },
    );
  });
}

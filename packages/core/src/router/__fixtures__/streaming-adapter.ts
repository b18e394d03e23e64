import type {
  AdapterCall,
  AdapterResponse,
  FinishReason,
  ModelAdapter,
  TokenUsage,
} from "../../adapter/model-adapter.js";
import type { StreamPart } from "../../adapter/stream-part.js";
import type { AdapterToolCall } from "../../adapter/tool-definition.js";
import { ProviderError, type ProviderErrorInit } from "../../errors/provider-error.js";

/** One scripted stream: its deltas, how it ends, and where it breaks. */
export interface StreamScript {
  deltas?: string[];
  usage?: TokenUsage;
  finishReason?: FinishReason;
  servedModel?: string;
  /** Tool calls delivered whole on the finish part (finish reason `tool_calls` by default). */
  toolCalls?: AdapterToolCall[];
  /** Milliseconds before each part. */
  delayMs?: number;
  /** Thrown before the first part (a refused request). */
  error?: ProviderErrorInit;
  /** Thrown after this many deltas (a mid-stream failure). */
  failAfter?: { deltas: number; error: ProviderErrorInit };
  /** Goes silent after this many deltas, until the signal aborts. */
  stallAfter?: number;
}

/** How one stream the adapter served ended. */
export type StreamEnding = "finished" | "stopped early" | "threw";

/**
 * An in-process v2 adapter with a stream per scripted call, for the router's streaming tests.
 * It records how each stream ended and whether its signal was aborted, which is how a test
 * proves the router released the connection.
 */
export class StreamingAdapter implements ModelAdapter {
  readonly specificationVersion = "v2" as const;
  readonly accepts = { tools: true };
  readonly calls: AdapterCall[] = [];
  readonly endings: StreamEnding[] = [];
  private readonly scripts = new Map<string, StreamScript[]>();

  constructor(readonly provider = "scripted") {}

  script(model: string, ...scripts: StreamScript[]): this {
    this.scripts.set(model, [...(this.scripts.get(model) ?? []), ...scripts]);
    return this;
  }

  callsTo(model: string): AdapterCall[] {
    return this.calls.filter((call) => call.model === model);
  }

  async generate(): Promise<AdapterResponse> {
    throw new Error("StreamingAdapter only streams");
  }

  stream(call: AdapterCall): AsyncIterable<StreamPart> {
    this.calls.push(call);
    const script = this.scripts.get(call.model)?.shift() ?? { deltas: ["ok"] };
    return this.parts(call, script);
  }

  private async *parts(call: AdapterCall, script: StreamScript): AsyncGenerator<StreamPart> {
    let ending: StreamEnding = "stopped early";
    try {
      if (script.error) throw new ProviderError({ model: call.model, ...script.error });
      const deltas = script.deltas ?? [];
      for (const [index, text] of deltas.entries()) {
        if (script.failAfter?.deltas === index)
          throw new ProviderError({ model: call.model, ...script.failAfter.error });
        if (script.stallAfter === index) await aborted(call.signal);
        if (script.delayMs) await sleep(script.delayMs, call.signal);
        yield { type: "text-delta", text };
      }
      // The router stops reading at the finish part, so the stream counts as finished here.
      ending = "finished";
      yield {
        type: "finish",
        finishReason: script.finishReason ?? (script.toolCalls ? "tool_calls" : "stop"),
        usage: script.usage ?? { inputTokens: 50, outputTokens: deltas.length },
        servedModel: script.servedModel ?? call.model,
        responseId: `resp-${this.calls.length}`,
        ...(script.toolCalls ? { toolCalls: script.toolCalls } : {}),
      };
    } catch (error) {
      ending = "threw";
      throw error;
    } finally {
      this.endings.push(ending);
    }
  }
}

function aborted(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    const fail = () => reject(new ProviderError({ errorClass: "aborted", message: "aborted", retryable: false }));
    if (signal.aborted) fail();
    else signal.addEventListener("abort", fail, { once: true });
  });
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return Promise.race([new Promise<void>((resolve) => setTimeout(resolve, ms)), aborted(signal)]);
}

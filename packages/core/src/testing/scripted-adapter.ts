import type { AdapterCall, AdapterResponse, FinishReason, ModelAdapter, TokenUsage } from "../adapter/model-adapter.js";
import { ProviderError, type ProviderErrorInit } from "../errors/provider-error.js";

/** One scripted answer of a {@link ScriptedAdapter}. */
export type ScriptedStep =
  | {
      /** The answer: a string as is, anything else as JSON. */
      reply: unknown;
      usage?: Partial<TokenUsage>;
      finishReason?: FinishReason;
      servedModel?: string;
      delayMs?: number;
    }
  | { error: ProviderErrorInit; delayMs?: number }
  /** Never answers; settles only when the call's signal aborts. */
  | { hang: true };

/**
 * An in-process {@link ModelAdapter} that answers from a script per model, for unit tests of
 * routing logic and of users' own workflows. Over-the-wire behaviour (the real SDK, HTTP
 * faults) is tested with the testkit's fake server instead.
 */
export class ScriptedAdapter implements ModelAdapter {
  readonly specificationVersion = "v1" as const;
  /** Every call received, in order. */
  readonly calls: AdapterCall[] = [];
  private readonly scripts = new Map<string, ScriptedStep[]>();

  constructor(
    readonly provider = "scripted",
    private readonly fallbackStep: (call: AdapterCall) => ScriptedStep = () => ({ reply: "ok" }),
  ) {}

  /** Queues steps for a model; each call takes the next one, then the default applies. */
  script(model: string, ...steps: ScriptedStep[]): this {
    this.scripts.set(model, [...(this.scripts.get(model) ?? []), ...steps]);
    return this;
  }

  /** Calls made to one model. */
  callsTo(model: string): AdapterCall[] {
    return this.calls.filter((call) => call.model === model);
  }

  async generate(call: AdapterCall): Promise<AdapterResponse> {
    this.calls.push(call);
    const step = this.scripts.get(call.model)?.shift() ?? this.fallbackStep(call);
    if ("hang" in step) return new Promise<never>((_, reject) => abortable(call.signal, reject));
    if (step.delayMs) await sleep(step.delayMs, call.signal);
    if ("error" in step) throw new ProviderError({ model: call.model, ...step.error });
    const text = typeof step.reply === "string" ? step.reply : JSON.stringify(step.reply);
    return {
      text,
      usage: {
        inputTokens: step.usage?.inputTokens ?? 100,
        outputTokens: step.usage?.outputTokens ?? 20,
        ...(step.usage?.cachedInputTokens !== undefined ? { cachedInputTokens: step.usage.cachedInputTokens } : {}),
        ...(step.usage?.cacheWriteInputTokens !== undefined
          ? { cacheWriteInputTokens: step.usage.cacheWriteInputTokens }
          : {}),
      },
      finishReason: step.finishReason ?? "stop",
      servedModel: step.servedModel ?? call.model,
    };
  }
}

function abortable(signal: AbortSignal, reject: (reason: unknown) => void): void {
  const fail = () => reject(new ProviderError({ errorClass: "aborted", message: "aborted", retryable: false }));
  if (signal.aborted) fail();
  else signal.addEventListener("abort", fail, { once: true });
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    abortable(signal, (reason) => {
      clearTimeout(timer);
      reject(reason);
    });
  });
}

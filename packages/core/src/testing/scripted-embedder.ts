import type { EmbedCall, EmbedResponse } from "../adapter/embedding-adapter.js";
import type { AdapterResponse, ModelAdapter } from "../adapter/model-adapter.js";
import { ProviderError, type ProviderErrorInit } from "../errors/provider-error.js";

/** One scripted answer of a {@link ScriptedEmbedder}: vectors of a size, or a provider error. */
export type EmbedStep = { dimensions?: number; servedModel?: string } | { error: ProviderErrorInit };

/**
 * An in-process adapter that embeds, for unit tests of `router.embed` and of users' own
 * indexing code: each call takes the next scripted step of its model, else answers with
 * deterministic vectors (`[text length, item index in the batch, 1, …]`, 3 long unless the
 * call asks for a size) and one input token per four characters, so tests can check order,
 * batching, usage and cost. Over-the-wire behaviour is the testkit's fake server's job.
 */
export class ScriptedEmbedder implements ModelAdapter {
  readonly specificationVersion = "v2" as const;
  /** Every call received, in order. */
  readonly calls: EmbedCall[] = [];
  private readonly scripts = new Map<string, EmbedStep[]>();

  constructor(
    readonly provider = "emb",
    readonly maxEmbeddingBatchItems?: number,
  ) {}

  /** Queues steps for a model; each call takes the next one, then the default vectors apply. */
  script(model: string, ...steps: EmbedStep[]): this {
    this.scripts.set(model, [...(this.scripts.get(model) ?? []), ...steps]);
    return this;
  }

  /** Calls made to one model. */
  callsTo(model: string): EmbedCall[] {
    return this.calls.filter((call) => call.model === model);
  }

  /** Chat is not scripted here: use `ScriptedAdapter`. */
  async generate(): Promise<AdapterResponse> {
    throw new Error("ScriptedEmbedder only embeds");
  }

  async embed(call: EmbedCall): Promise<EmbedResponse> {
    this.calls.push(call);
    const step = this.scripts.get(call.model)?.shift() ?? {};
    if ("error" in step) throw new ProviderError({ model: call.model, ...step.error });
    const size = step.dimensions ?? call.dimensions ?? 3;
    const embeddings = call.input.map((text, index) =>
      Array.from({ length: size }, (_, position) => (position === 0 ? text.length : position === 1 ? index : 1)),
    );
    let inputTokens = 0;
    for (const text of call.input) inputTokens += Math.ceil(text.length / 4);
    return { embeddings, usage: { inputTokens }, servedModel: step.servedModel ?? call.model };
  }
}

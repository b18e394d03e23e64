import { ConfigurationError } from "@modelpolicy/core";
import {
  STRUCTURED_OUTPUT_MODES,
  type StructuredOutputMode,
  type StructuredOutputOptions,
} from "./structured-output-mode.js";

/**
 * Chooses the structured-output modes one adapter tries, and remembers what each server taught
 * it. The memory is in-process and per adapter, keyed by base URL and model: two models behind
 * one server (or one model name behind two servers) can differ, and a restarted process simply
 * negotiates again, one rejected request per mode it skips.
 */
export class StructuredOutputNegotiator {
  private readonly fixed: ReadonlyMap<string, StructuredOutputMode>;
  private readonly fallbackMode: StructuredOutputMode | undefined;
  private readonly order: readonly StructuredOutputMode[];
  /** `baseURL \0 model` → index in `order` of the first mode not yet rejected there. */
  private readonly learned = new Map<string, number>();
  /** Keys for which some mode was accepted: calls no longer wait for one another there. */
  private readonly settled = new Set<string>();
  /** Keys a call is finding a mode for now, and the promise that ends when it knows. */
  private readonly probes = new Map<string, Promise<void>>();

  constructor(
    private readonly baseURL: string,
    options: StructuredOutputOptions = {},
  ) {
    this.fixed = new Map(Object.entries(options.byModel ?? {}));
    this.fallbackMode = options.mode;
    this.order = options.negotiate ?? STRUCTURED_OUTPUT_MODES;
    if (this.order.length === 0) {
      throw new ConfigurationError("openAIAdapter: structuredOutput.negotiate needs at least one mode");
    }
  }

  /**
   * The modes to try for `model`, in order: one fixed mode, or the negotiable modes from the
   * first one this server has not rejected. The last mode is always kept, so a server that
   * rejected everything still gets a request (whose rejection the caller then reports).
   */
  modesFor(model: string): { modes: readonly StructuredOutputMode[]; negotiated: boolean } {
    const fixed = this.fixed.get(model) ?? this.fallbackMode;
    if (fixed !== undefined) return { modes: [fixed], negotiated: false };
    const start = Math.min(this.learned.get(this.key(model)) ?? 0, this.order.length - 1);
    return { modes: this.order.slice(start), negotiated: true };
  }

  /**
   * Records that the server at this adapter's base URL rejected `mode` for `model`. Only ever
   * moves forward: a concurrent call that still held an older mode cannot move it back.
   */
  rejected(model: string, mode: StructuredOutputMode): void {
    const key = this.key(model);
    const next = this.order.indexOf(mode) + 1;
    if (next > (this.learned.get(key) ?? 0)) this.learned.set(key, next);
  }

  /**
   * Runs `attempt` in the modes for `model` until one is not refused (`refuses(error)`: the
   * server rejected the request's shape), remembering each refusal; any other error is thrown as
   * is. Until some mode has been accepted for this server and model, concurrent calls wait for
   * the one call that is finding out, so a server that refuses a mode sees one refused request,
   * not one per call in flight. A fixed mode is sent as is.
   */
  async negotiate<T>(
    model: string,
    signal: AbortSignal,
    attempt: (mode: StructuredOutputMode) => Promise<T>,
    refuses: (error: unknown) => boolean,
  ): Promise<T> {
    const key = this.key(model);
    if (this.modesFor(model).negotiated) {
      for (let probe = this.probes.get(key); probe !== undefined && !signal.aborted; probe = this.probes.get(key)) {
        await Promise.race([probe, aborted(signal)]);
      }
    }
    const { modes, negotiated } = this.modesFor(model);
    const probing = negotiated && !this.settled.has(key) && !this.probes.has(key);
    let release = () => {};
    if (probing) this.probes.set(key, new Promise<void>((resolve) => (release = resolve)));
    try {
      for (let index = 0; ; index += 1) {
        const mode = modes[index]!;
        try {
          const result = await attempt(mode);
          if (negotiated) this.settled.add(key);
          return result;
        } catch (error) {
          if (!(negotiated && index < modes.length - 1 && !signal.aborted && refuses(error))) throw error;
          this.rejected(model, mode);
        }
      }
    } finally {
      if (probing) {
        this.probes.delete(key);
        release();
      }
    }
  }

  /** The mode a call for `model` would start with now (for diagnostics and tests). */
  currentMode(model: string): StructuredOutputMode {
    return this.modesFor(model).modes[0]!;
  }

  private key(model: string): string {
    return `${this.baseURL}\u0000${model}`;
  }
}

/** Settles when `signal` aborts (never rejects: the caller's own request reports the abort). */
function aborted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener("abort", () => resolve(), { once: true });
  });
}

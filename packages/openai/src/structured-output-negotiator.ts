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

  /** The mode a call for `model` would start with now (for diagnostics and tests). */
  currentMode(model: string): StructuredOutputMode {
    return this.modesFor(model).modes[0]!;
  }

  private key(model: string): string {
    return `${this.baseURL}\u0000${model}`;
  }
}

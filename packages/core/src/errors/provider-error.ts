import type { TokenUsage } from "../adapter/model-adapter.js";
import type { ErrorClass } from "./error-class.js";
import { TRANSIENT_ERROR_CLASSES } from "./error-class.js";
import { hasMarker, ModelPolicyError } from "./model-policy-error.js";

const MARKER = Symbol.for("modelpolicy.error.provider");

/** What an adapter knows about a failed provider call. */
export interface ProviderErrorInit {
  errorClass: ErrorClass;
  message: string;
  /** HTTP status, when there was a response. */
  status?: number;
  /** Whether a retry on the same model may succeed; defaults from the class. */
  retryable?: boolean;
  /** The provider's Retry-After, in milliseconds. */
  retryAfterMs?: number;
  /** Tokens the failed call consumed (an output-limit stop still bills its tokens). */
  usage?: TokenUsage;
  /** The model that failed. */
  model?: string;
  /**
   * The answer's text as far as the provider got, for an `output_limit` stop: a policy's
   * `partial` step can keep what of it is whole (the fields that parse and validate, or the text).
   */
  text?: string;
  cause?: unknown;
}

/**
 * A provider call failed, normalised by the adapter to one of the router's error classes. The
 * router decides retry and fallback from `errorClass`, `retryable` and `retryAfterMs` alone and
 * never looks at vendor error types.
 */
export class ProviderError extends ModelPolicyError {
  /** Brand checked by `isInstance`; a symbol key survives duplicate installs where `instanceof` fails. */
  readonly [MARKER] = true;
  readonly errorClass: ErrorClass;
  readonly status: number | undefined;
  readonly retryable: boolean;
  readonly retryAfterMs: number | undefined;
  readonly usage: TokenUsage | undefined;
  readonly model: string | undefined;
  readonly text: string | undefined;

  constructor(init: ProviderErrorInit) {
    super(init.message, { cause: init.cause });
    this.name = "ProviderError";
    this.errorClass = init.errorClass;
    this.status = init.status;
    this.retryable = init.retryable ?? TRANSIENT_ERROR_CLASSES.has(init.errorClass);
    this.retryAfterMs = init.retryAfterMs;
    this.usage = init.usage;
    this.model = init.model;
    this.text = init.text;
  }

  static override isInstance(error: unknown): error is ProviderError {
    return hasMarker(error, MARKER);
  }
}

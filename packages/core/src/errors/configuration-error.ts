import { hasMarker, ModelPolicyError } from "./model-policy-error.js";

const MARKER = Symbol.for("modelpolicy.error.configuration");

/**
 * The router was set up wrongly: a tier or fallback step names a provider with no adapter, a
 * request's schema cannot give a JSON Schema. Fix the code, not the traffic.
 */
export class ConfigurationError extends ModelPolicyError {
  /** Brand checked by `isInstance`; a symbol key survives duplicate installs where `instanceof` fails. */
  readonly [MARKER] = true;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "ConfigurationError";
  }

  static override isInstance(error: unknown): error is ConfigurationError {
    return hasMarker(error, MARKER);
  }
}

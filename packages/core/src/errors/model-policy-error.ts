const MARKER = Symbol.for("modelpolicy.error");

/**
 * Base of every error modelpolicy throws. The `Symbol.for` marker makes
 * {@link ModelPolicyError.isInstance} work across duplicate installs of the package, where
 * `instanceof` fails; each subclass adds a marker of its own the same way.
 */
export class ModelPolicyError extends Error {
  /** Brand checked by `isInstance`; a symbol key survives duplicate installs where `instanceof` fails. */
  readonly [MARKER] = true;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "ModelPolicyError";
  }

  /** True for any modelpolicy error, whichever copy of the package made it. */
  static isInstance(error: unknown): error is ModelPolicyError {
    return hasMarker(error, MARKER);
  }
}

/** Shared by the `isInstance` checks of every error class: a marker lookup that never throws. */
export function hasMarker(error: unknown, marker: symbol): boolean {
  return typeof error === "object" && error !== null && marker in error;
}

import { hasMarker, ModelPolicyError } from "./model-policy-error.js";

const MARKER = Symbol.for("modelpolicy.error.request_shape");

/**
 * A request holds something a provider on its chain cannot take (tools, images, files), as
 * the provider's adapter declares in `accepts`. Raised before any request is sent, since
 * dropping the part silently would change what the model is asked.
 */
export class RequestShapeError extends ModelPolicyError {
  /** Brand checked by `isInstance`; a symbol key survives duplicate installs where `instanceof` fails. */
  readonly [MARKER] = true;
  /** The provider whose adapter cannot take the request. */
  readonly provider: string;
  /** What it cannot take: `tools`, `images` or `files`. */
  readonly part: string;

  constructor(message: string, provider: string, part: string) {
    super(message);
    this.name = "RequestShapeError";
    this.provider = provider;
    this.part = part;
  }

  static override isInstance(error: unknown): error is RequestShapeError {
    return hasMarker(error, MARKER);
  }
}

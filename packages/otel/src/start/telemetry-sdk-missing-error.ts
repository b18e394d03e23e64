import { ModelPolicyError } from "@modelpolicy/core";

const MARKER = Symbol.for("modelpolicy.error.telemetry_sdk_missing");

/**
 * `startTelemetry()` found no usable OpenTelemetry SDK: neither line is installed, or the trace
 * SDK of one line is there but a package it needs (resources, metrics, an OTLP exporter) is
 * missing or from the other line. The SDK packages are optional peers, so this is a set-up
 * mistake to fix with the install command in `install`, not a runtime failure; it is thrown at
 * start-up, before anything is registered, never while the app serves calls.
 */
export class TelemetrySdkMissingError extends ModelPolicyError {
  /** Brand checked by `isInstance`; a symbol key survives duplicate installs where `instanceof` fails. */
  readonly [MARKER] = true;
  /** The line that was chosen (its trace SDK was found), or undefined when neither was. */
  readonly line: 2 | 3 | undefined;
  /** One entry per package that is missing or of the wrong line, e.g. `@opentelemetry/sdk-metrics 2.12.1 (needs ^3)`. */
  readonly problems: readonly string[];
  /** A `pnpm add` command that installs what is missing. */
  readonly install: string;

  constructor(line: 2 | 3 | undefined, problems: readonly string[], install: string) {
    const found =
      line === undefined
        ? "startTelemetry() needs the OpenTelemetry SDK, an optional peer of @modelpolicy/otel, and found neither @opentelemetry/sdk-trace 3 nor @opentelemetry/sdk-trace-node 2" +
          (problems.length > 0 ? ` (${problems.join("; ")})` : "")
        : `startTelemetry() found OpenTelemetry SDK ${line}, but: ${problems.join("; ")}`;
    super(`${found}. Install: ${install}`);
    this.name = "TelemetrySdkMissingError";
    this.line = line;
    this.problems = problems;
    this.install = install;
  }

  /** True for this error from any copy of the package. */
  static override isInstance(error: unknown): error is TelemetrySdkMissingError {
    return typeof error === "object" && error !== null && MARKER in error;
  }
}

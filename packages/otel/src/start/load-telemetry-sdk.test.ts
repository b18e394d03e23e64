import { describe, expect, it } from "vitest";
import { replacing, sdk2Packages, without, workspacePackages } from "./__fixtures__/package-finders.js";
import { loadTelemetrySdk } from "./load-telemetry-sdk.js";
import { TelemetrySdkMissingError } from "./telemetry-sdk-missing-error.js";

const everything = { otlpTraces: true, otlpMetrics: true };
const noOtlp = { otlpTraces: false, otlpMetrics: false };

function thrownBy(load: () => unknown): TelemetrySdkMissingError {
  try {
    load();
  } catch (error) {
    if (TelemetrySdkMissingError.isInstance(error)) return error;
    throw error;
  }
  throw new Error("expected a TelemetrySdkMissingError");
}

describe("loadTelemetrySdk", () => {
  it("picks SDK 3 when @opentelemetry/sdk-trace 3 is installed", () => {
    expect(workspacePackages("@opentelemetry/sdk-trace")?.major).toBe(3);
    expect(loadTelemetrySdk(workspacePackages, everything).line).toBe(3);
  });

  it("falls back to SDK 2 (@opentelemetry/sdk-trace-node) when SDK 3 is absent", () => {
    expect(sdk2Packages("@opentelemetry/sdk-trace-node")?.major).toBe(2);
    expect(loadTelemetrySdk(sdk2Packages, noOtlp).line).toBe(2);
  });

  it("prefers SDK 3 when both lines are installed", () => {
    const both = replacing(workspacePackages, "@opentelemetry/sdk-trace-node", sdk2Packages);
    expect(loadTelemetrySdk(both, everything).line).toBe(3);
  });

  it("names both lines' packages when neither trace SDK is installed", () => {
    const error = thrownBy(() => loadTelemetrySdk(() => undefined, noOtlp));
    expect(error.line).toBeUndefined();
    expect(error.message).toContain("found neither @opentelemetry/sdk-trace 3 nor @opentelemetry/sdk-trace-node 2");
    expect(error.install).toContain("pnpm add @opentelemetry/sdk-trace@^3 ");
    expect(error.install).toContain("@opentelemetry/context-async-hooks@^3");
    expect(error.install).toContain("'@opentelemetry/exporter-trace-otlp-http@>=0.300.0 <0.400.0'");
    expect(error.install).toContain("for SDK 2: pnpm add @opentelemetry/sdk-trace-node@^2 ");
    expect(error.install).toContain("'@opentelemetry/exporter-metrics-otlp-http@>=0.200.0 <0.300.0'");
  });

  it("refuses a metrics SDK of the other line, and lists every gap at once", () => {
    const mixed = without(
      replacing(workspacePackages, "@opentelemetry/sdk-metrics", sdk2Packages),
      "@opentelemetry/exporter-trace-otlp-http",
    );
    const error = thrownBy(() => loadTelemetrySdk(mixed, everything));
    expect(error.line).toBe(3);
    expect(error.problems).toEqual([
      expect.stringMatching(/^@opentelemetry\/sdk-metrics is 2\.\d+\.\d+ \(SDK 3 needs \^3\)$/),
      "@opentelemetry/exporter-trace-otlp-http is not installed",
    ]);
    expect(error.install).toBe(
      "pnpm add @opentelemetry/sdk-metrics@^3 '@opentelemetry/exporter-trace-otlp-http@>=0.300.0 <0.400.0'",
    );
  });

  it("needs the OTLP exporters only for the signals exported over OTLP", () => {
    const noExporters = without(
      workspacePackages,
      "@opentelemetry/exporter-trace-otlp-http",
      "@opentelemetry/exporter-metrics-otlp-http",
    );
    expect(loadTelemetrySdk(noExporters, noOtlp).line).toBe(3);
    const error = thrownBy(() => loadTelemetrySdk(noExporters, { otlpTraces: false, otlpMetrics: true }));
    expect(error.problems).toEqual(["@opentelemetry/exporter-metrics-otlp-http is not installed"]);
  });

  it("needs a context manager on SDK 3, which has no register()", () => {
    const error = thrownBy(() =>
      loadTelemetrySdk(without(workspacePackages, "@opentelemetry/context-async-hooks"), noOtlp),
    );
    expect(error.install).toBe("pnpm add @opentelemetry/context-async-hooks@^3");
  });
});

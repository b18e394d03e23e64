import { describe, expect, it } from "vitest";
import { ledgerDir, ledgerExporters, otlpEndpoint, telemetryNote } from "./demo-telemetry.js";

const CONTRACTS = { serviceName: "contract-analysis", featuredTask: "risk_judgement" };

describe("demo telemetry settings", () => {
  it("prefers the traces endpoint, and treats blank values as unset", () => {
    expect(otlpEndpoint({})).toBeUndefined();
    expect(otlpEndpoint({ OTEL_EXPORTER_OTLP_ENDPOINT: " " })).toBeUndefined();
    expect(
      otlpEndpoint({ OTEL_EXPORTER_OTLP_ENDPOINT: "http://a:4318", OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: "http://b" }),
    ).toBe("http://b");
  });

  it("keeps the ledger on by default and off with MODELPOLICY_LEDGER=off", () => {
    expect(ledgerDir({})).toBe(".modelpolicy/ledger");
    expect(ledgerDir({ MODELPOLICY_LEDGER_DIR: " /tmp/l " })).toBe("/tmp/l");
    expect(ledgerDir({ MODELPOLICY_LEDGER: " OFF " })).toBeUndefined();
    expect(ledgerExporters({ MODELPOLICY_LEDGER: "off" })).toEqual([]);
  });

  it("names the demo's service and the operation to look for in Jaeger", () => {
    const note = telemetryNote(
      { MODELPOLICY_LEDGER: "off", OTEL_EXPORTER_OTLP_ENDPOINT: "http://localhost:4318" },
      undefined,
      CONTRACTS,
    );
    expect(note).toBe(
      'telemetry: spans and metrics go to http://localhost:4318 over OTLP/HTTP (service "contract-analysis"; in Jaeger: operation "route risk_judgement")',
    );
  });

  it("says when nothing was exported", () => {
    expect(telemetryNote({ MODELPOLICY_LEDGER: "off" }, undefined, CONTRACTS)).toMatch(
      /^telemetry: no OTLP endpoint set: spans were not exported/,
    );
  });
});

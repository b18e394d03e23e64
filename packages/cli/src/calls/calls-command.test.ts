import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CannedHttpServer } from "../__fixtures__/canned-http-server.js";
import { ledgerRecord, writeLedger } from "../__fixtures__/ledger-fixture.js";
import { runCli } from "../run-cli.js";

const at = (minute: number) => `2026-11-25T10:${String(minute).padStart(2, "0")}:00.000Z`;

describe("modelpolicy calls over the ledger", () => {
  let ledger: string;
  beforeAll(async () => {
    ledger = await writeLedger({
      "2026-11-25.jsonl": [
        ledgerRecord({ time: at(1), trace_id: "a1" }),
        ledgerRecord({
          time: at(2),
          trace_id: "a2",
          outcome: "failed",
          error_type: "RoutingFailedError",
          fallback_reason: "timeout",
        }),
        ledgerRecord({
          time: at(3),
          trace_id: "a3",
          outcome: "fallback_ok",
          fallback_used: true,
          fallback_reason: "rate_limit",
          model_served: "big-model",
        }),
        ledgerRecord({
          time: at(4),
          trace_id: "a4",
          outcome: "rejected",
          error_type: "BudgetExceededError",
          model_served: null,
        }),
        ledgerRecord({ time: at(5), trace_id: "a5", outcome: "review", review_triggered: true }),
        ledgerRecord({ time: at(6), trace_id: "a6", outcome: "failed", service: "billing-service" }),
      ],
    });
  });

  it("lists failed, rejected and fallback calls newest first, with the reason and a trace link", async () => {
    const result = await runCli([
      "calls",
      "--failed",
      "--ledger",
      ledger,
      "--format",
      "json",
      "--jaeger-ui",
      "http://jaeger.local:16686/",
    ]);
    expect(result.exitCode).toBe(0);
    const calls = JSON.parse(result.stdout);
    expect(calls.map((call: { trace_id: string }) => call.trace_id)).toEqual(["a6", "a4", "a3", "a2"]);
    expect(calls[1]).toEqual({
      time: at(4),
      task: "field_extraction",
      policy_id: "extract-fields",
      policy_version: "3",
      outcome: "rejected",
      fallback_used: false,
      reason: "BudgetExceededError",
      model_served: null,
      trace_id: "a4",
      time_to_first_chunk_ms: null,
      link: "http://jaeger.local:16686/trace/a4",
    });
    expect(calls[2]).toMatchObject({ reason: "rate_limit", model_served: "big-model" });
  });

  it("limits, filters by service and time, and without --failed lists every call", async () => {
    const json = async (...args: string[]) =>
      JSON.parse((await runCli(["calls", "--ledger", ledger, "--format", "json", ...args])).stdout);
    expect((await json("--failed", "--limit", "2")).map((call: { trace_id: string }) => call.trace_id)).toEqual([
      "a6",
      "a4",
    ]);
    expect(
      (await json("--failed", "--service", "invoice-service")).map((call: { trace_id: string }) => call.trace_id),
    ).toEqual(["a4", "a3", "a2"]);
    expect((await json("--failed", "--since", "2026-11-25T10:03Z", "--until", "2026-11-25T10:05Z")).length).toBe(2);
    expect((await json()).length).toBe(6);
  });

  it("prints a table with policy@version and the default Jaeger UI link", async () => {
    const { stdout } = await runCli(["calls", "--failed", "--ledger", ledger, "--limit", "1"]);
    expect(stdout.split("\n")[0]).toMatch(/^time +task +policy +outcome +reason +model_served +trace_id +link$/);
    expect(stdout).toContain("extract-fields@3");
    expect(stdout).toContain("http://localhost:16686/trace/a6");
  });
});

describe("modelpolicy calls --jaeger", () => {
  const tags = (entries: Record<string, unknown>) =>
    Object.entries(entries).map(([key, value]) => ({
      key,
      type: typeof value === "boolean" ? "bool" : "string",
      value,
    }));
  const route = (traceID: string, minute: number, extra: Record<string, unknown>) => ({
    traceID,
    spanID: `${traceID}-route`,
    operationName: "route extraction",
    startTime: Date.parse(at(minute)) * 1000 - 500_000,
    duration: 500_000,
    processID: "p1",
    tags: tags({
      "model_policy.task": "extraction",
      "model_policy.id": "extract",
      "model_policy.version": "3",
      ...extra,
    }),
  });
  const trace = (traceID: string, spans: unknown[]) => ({
    traceID,
    spans,
    processes: { p1: { serviceName: "contracts" } },
  });
  const fallbackTrace = trace("t1", [
    route("t1", 1, {
      "model_policy.outcome": "fallback_ok",
      "model_policy.fallback.used": true,
      "model_policy.fallback.reason": "rate_limit",
      "model_policy.model.served": "big-model",
    }),
    {
      traceID: "t1",
      spanID: "t1-chat",
      operationName: "chat small-model",
      startTime: 0,
      duration: 1,
      processID: "p1",
      tags: tags({ error: true }),
    },
  ]);
  const failedTrace = trace("t2", [
    route("t2", 2, {
      "model_policy.outcome": "failed",
      "model_policy.fallback.used": false,
      "error.type": "RoutingFailedError",
    }),
  ]);
  const okTrace = trace("t3", [route("t3", 3, { "model_policy.outcome": "ok", "model_policy.fallback.used": false })]);

  let server: CannedHttpServer;
  let url: string;
  beforeAll(async () => {
    server = new CannedHttpServer((request) => {
      const filter = request.searchParams.get("tags") ?? "";
      if (filter.includes("fallback.used")) return { json: { data: [fallbackTrace, okTrace, failedTrace] } };
      if (filter.includes('"failed"')) return { json: { data: [failedTrace] } };
      if (filter.includes('"rejected"')) return { json: { data: [] } };
      return { json: { data: [okTrace, failedTrace, fallbackTrace] } };
    });
    url = await server.start();
  });
  afterAll(async () => {
    await server.close();
  });

  it("searches once per reason and keeps only routed spans that match themselves", async () => {
    const now = new Date("2026-11-25T12:00:00Z");
    const result = await runCli(["calls", "--failed", "--jaeger", url, "--service", "contracts", "--format", "json"], {
      now,
    });
    expect(result.stderr).toBe("");
    const calls = JSON.parse(result.stdout);
    expect(calls).toEqual([
      {
        time: at(2),
        task: "extraction",
        policy_id: "extract",
        policy_version: "3",
        outcome: "failed",
        fallback_used: false,
        reason: "RoutingFailedError",
        model_served: null,
        trace_id: "t2",
        time_to_first_chunk_ms: null,
        link: "http://localhost:16686/trace/t2",
      },
      expect.objectContaining({
        trace_id: "t1",
        outcome: "fallback_ok",
        reason: "rate_limit",
        model_served: "big-model",
      }),
    ]);
    const searches = server.requests.map((request) => Object.fromEntries(request.searchParams));
    expect(searches.map((search) => search.tags).sort()).toEqual([
      '{"model_policy.fallback.used":"true"}',
      '{"model_policy.outcome":"failed"}',
      '{"model_policy.outcome":"rejected"}',
    ]);
    expect(searches[0]).toMatchObject({
      service: "contracts",
      start: String((now.getTime() - 24 * 3_600_000) * 1000),
      end: String(now.getTime() * 1000),
      limit: "20",
    });
    expect(server.requests[0]?.pathname).toBe("/api/traces");
  });

  it("lists every routed call without --failed", async () => {
    const result = await runCli(
      ["calls", "--jaeger", url, "--service", "contracts", "--format", "json", "--since", "2026-11-25"],
      {
        now: new Date("2026-11-25T12:00:00Z"),
      },
    );
    expect(JSON.parse(result.stdout).map((call: { trace_id: string }) => call.trace_id)).toEqual(["t3", "t2", "t1"]);
  });
});

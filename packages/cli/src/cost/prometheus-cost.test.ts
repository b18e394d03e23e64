import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CannedHttpServer, promVector } from "../__fixtures__/canned-http-server.js";
import { runCli } from "../run-cli.js";

const task = (name: string) => ({ model_policy_task: name });

// Canned answers keyed on what distinguishes each query the CLI sends.
function answer(query: string): unknown {
  if (query.startsWith("histogram_quantile(0.5, sum by (le)")) return promVector([{ labels: {}, value: 0.15 }]);
  if (query.startsWith("histogram_quantile(0.95, sum by (le)")) return promVector([{ labels: {}, value: 0.8 }]);
  if (query.startsWith("histogram_quantile(0.5"))
    return promVector([
      { labels: task("extraction"), value: 0.2 },
      { labels: task("triage"), value: 0.1 },
    ]);
  if (query.startsWith("histogram_quantile(0.95"))
    return promVector([
      { labels: task("extraction"), value: 0.9 },
      { labels: task("triage"), value: "NaN" },
    ]);
  if (query.includes('model_policy_fallback_used="true"'))
    return promVector([{ labels: task("extraction"), value: 2.1 }]);
  if (query.includes('model_policy_review_triggered="true"')) return promVector([{ labels: task("triage"), value: 1 }]);
  if (query.includes('model_policy_outcome="ok"')) return promVector([{ labels: task("extraction"), value: 7 }]);
  if (query.includes('model_policy_cost_known!="true"'))
    return promVector([
      { labels: task("extraction"), value: 1 },
      { labels: task("triage"), value: 4 },
    ]);
  if (query.includes("model_policy_cost_USD_total")) return promVector([{ labels: task("extraction"), value: 0.5 }]);
  if (query.includes("model_policy_tokens_total")) {
    return promVector([
      { labels: { ...task("extraction"), gen_ai_token_type: "input" }, value: 1000 },
      { labels: { ...task("extraction"), gen_ai_token_type: "output" }, value: 200 },
      { labels: { ...task("triage"), gen_ai_token_type: "input" }, value: 400 },
    ]);
  }
  if (query.includes("model_policy_calls_total"))
    return promVector([
      { labels: task("extraction"), value: 9.6 },
      { labels: task("triage"), value: 4 },
    ]);
  return { status: "error", errorType: "bad_data", error: `unexpected query ${query}` };
}

let server: CannedHttpServer;
let url: string;
beforeAll(async () => {
  server = new CannedHttpServer((request) => ({ json: answer(request.searchParams.get("query") ?? "") }));
  url = await server.start();
});
afterAll(async () => {
  await server.close();
});

const NOW = new Date("2026-11-25T12:00:00Z");

describe("modelpolicy cost --prometheus", () => {
  it("maps counters and histograms to the same report as the ledger's", async () => {
    const result = await runCli(["cost", "--prometheus", url, "--format", "json"], { now: NOW });
    expect(result.stderr).toBe("");
    expect(result.exitCode).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report).toMatchObject({ by: ["task"], approximate_quantiles: true });
    expect(report.rows).toEqual([
      {
        task: "extraction",
        calls: 10,
        input_tokens: 1000,
        output_tokens: 200,
        cost_usd: 0.5,
        cost_known: false,
        cost_per_call: 0.05,
        fallback_rate: 0.2,
        review_rate: 0,
        p50_ms: 200,
        p95_ms: 900,
        cost_per_trusted_unit: expect.closeTo(0.5 / 7, 9),
        streamed_calls: null,
        ttfc_p50_ms: null,
        ttfc_p95_ms: null,
      },
      {
        task: "triage",
        calls: 4,
        input_tokens: 400,
        output_tokens: 0,
        cost_usd: null,
        cost_known: false,
        cost_per_call: null,
        fallback_rate: 0,
        review_rate: 0.25,
        p50_ms: 100,
        p95_ms: null,
        cost_per_trusted_unit: null,
        streamed_calls: null,
        ttfc_p50_ms: null,
        ttfc_p95_ms: null,
      },
    ]);
    expect(report.total).toMatchObject({ calls: 14, input_tokens: 1400, cost_usd: 0.5, p50_ms: 150, p95_ms: 800 });
  });

  it("sends counter sums at the current time when no window is given", async () => {
    server.requests.length = 0;
    await runCli(["cost", "--prometheus", url], { now: NOW });
    const queries = server.requests.map((request) => request.searchParams.get("query"));
    expect(
      server.requests.every((request) => request.pathname === "/api/v1/query" && !request.searchParams.has("time")),
    ).toBe(true);
    expect(queries).toContain("sum by (model_policy_task) (model_policy_calls_total{})");
    expect(queries).toContain(
      'sum by (model_policy_task) (model_policy_calls_total{model_policy_fallback_used="true"})',
    );
    expect(queries).toContain("sum by (model_policy_task, gen_ai_token_type) (model_policy_tokens_total{})");
    expect(queries).toContain(
      "histogram_quantile(0.95, sum by (model_policy_task, le) (model_policy_duration_seconds_bucket{}))",
    );
  });

  it("uses increase() over the window, evaluated at --until, with the service label and group labels", async () => {
    server.requests.length = 0;
    const result = await runCli(
      [
        "cost",
        "--prometheus",
        `${url}/`,
        "--since",
        "2026-11-24T12:00Z",
        "--until",
        "2026-11-25T06:00Z",
        "--service",
        "billing",
        "--by",
        "version",
      ],
      { now: NOW },
    );
    expect(result.exitCode).toBe(0);
    const queries = server.requests.map((request) => request.searchParams.get("query"));
    expect(queries).toContain(
      'sum by (model_policy_id, model_policy_version) (increase(model_policy_cost_USD_total{job="billing"}[64800s]))',
    );
    expect(server.requests.every((request) => request.searchParams.get("time") === "1795586400.000")).toBe(true);
  });

  it("says in the table that quantiles are estimates and marks unknown costs", async () => {
    const { stdout } = await runCli(["cost", "--prometheus", url], { now: NOW });
    expect(stdout).toMatch(/^extraction .* ≥0\.5000 /m);
    expect(stdout).toMatch(/^triage .* unknown /m);
    expect(stdout).toContain("estimated from Prometheus histogram buckets");
  });
});

it("measures a relative --since window on the run's clock", async () => {
  const server = new CannedHttpServer((request) => ({ json: answer(request.searchParams.get("query") ?? "") }));
  const url = await server.start();
  try {
    await runCli(["cost", "--prometheus", url, "--since", "6h"], { now: NOW });
    expect(server.requests.map((request) => request.searchParams.get("query"))).toContain(
      "sum by (model_policy_task) (increase(model_policy_calls_total{}[21600s]))",
    );
  } finally {
    await server.close();
  }
});

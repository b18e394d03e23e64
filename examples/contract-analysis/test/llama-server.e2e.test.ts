import { execFile } from "node:child_process";
import { cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runBuiltDemo } from "@modelpolicy/example-workflow-kit/testing";
import {
  LLAMA_CPP_PYTHON_RESPONSE_FORMAT_ERROR,
  OtlpReceiver,
  type RunningLlamaServer,
  type SpanRecord,
  startLlamaServer,
} from "@modelpolicy/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DemoSummary } from "../src/demo-summary.js";
import { assertBuilt, EXAMPLE_DIR, REPO_ROOT } from "./built-demo.js";

// The real-server lane (issue 17): the built demo, run as a user runs it (OPENAI_BASE_URL and
// the tier-model variables), against llama.cpp's Python server serving SmolLM2-135M-Instruct on
// this machine's CPU. Install both once with `bash scripts/install-llama-server.sh`.
//
// Bounded to ONE document: the whole demo (4 documents, then 22 routed calls) took 8 min 40 s
// here on 2 shared cores, most of it spent in calls that had already passed their policy
// deadline. The server serves one request at a time and finishes a non-streaming generation even
// after its client gave up, so one call past its deadline delays every call queued behind it. For
// the same reason the copy's latency-tier timeouts are LATENCY_SCALE times the demo's (20 s for a
// fast call is a hosted model's budget, not a 135M model's on a busy CPU). Everything else in
// policies.yaml is unchanged.
const DOCUMENTS = ["sow-001-atlas-data-platform.txt"];
const ANSWERED = new Set(["ok", "fallback_ok", "review", "partial"]);
/**
 * The share of routed calls that must end with an answer (`ok`, `fallback_ok`, `review` or
 * `partial`), as issue 17 asks. SmolLM2-135M gets 7 of the SOW's 7 here: its off-schema and
 * over-long answers end `partial` where the policy has a partial step (the fields that validate,
 * or the summary as far as it got), flagged for review. Before partial steps kept cut answers it
 * got 3 of 6.
 */
const ANSWER_FLOOR = 0.8;
/**
 * Why a call of this lane may fail: what the model did (too long, off-schema, unverified), the
 * machine's speed, or a fallback provider without a key. Never the request's shape
 * (`bad_request`), an outage the router made up (`server_error` for a refused shape), or a
 * circuit it opened on that (`circuit_open`).
 */
const MODEL_OR_SETUP_FAILURES = new Set(["output_limit", "schema_invalid", "evidence_missing", "timeout", "auth"]);
const LATENCY_SCALE = 5;

let server: RunningLlamaServer;
let receiver: OtlpReceiver;
let folder: string;
let summary: DemoSummary;
let spans: SpanRecord[];

/**
 * A copy of the built example with fewer documents and longer latency-tier timeouts:
 * `dist/main.js` reads its documents, playbook and policies from next to itself, and resolves
 * its packages through the example's own `node_modules` (linked).
 */
async function copyBuiltDemo(documents: readonly string[]): Promise<string> {
  const copy = await mkdtemp(join(tmpdir(), "contract-analysis-llama-"));
  await cp(join(EXAMPLE_DIR, "dist"), join(copy, "dist"), { recursive: true });
  await cp(join(EXAMPLE_DIR, "playbook.yaml"), join(copy, "playbook.yaml"));
  const policies = await readFile(join(EXAMPLE_DIR, "policies.yaml"), "utf8");
  let scaled = 0;
  const slower = policies.replace(/timeout_ms: (\d+)/g, (_match, ms: string) => {
    scaled += 1;
    return `timeout_ms: ${Number(ms) * LATENCY_SCALE}`;
  });
  if (scaled === 0) throw new Error("policies.yaml has no latency-tier timeout_ms to scale");
  await writeFile(join(copy, "policies.yaml"), slower);
  await mkdir(join(copy, "documents"));
  for (const name of documents) await cp(join(EXAMPLE_DIR, "documents", name), join(copy, "documents", name));
  await symlink(join(EXAMPLE_DIR, "node_modules"), join(copy, "node_modules"), "dir");
  return copy;
}

beforeAll(async () => {
  assertBuilt();
  server = await startLlamaServer({ seed: 1234 });
  receiver = new OtlpReceiver();
  await receiver.start();
  folder = await copyBuiltDemo(DOCUMENTS);
  const run = await runBuiltDemo<DemoSummary>(
    { main: join(folder, "dist", "main.js"), cwd: folder, name: "contract-analysis" },
    {
      OPENAI_API_KEY: "sk-local-llama-server",
      OPENAI_BASE_URL: server.baseURL,
      MODELPOLICY_MODEL_FAST: server.model,
      MODELPOLICY_MODEL_STANDARD: server.model,
      MODELPOLICY_MODEL_STRONG: server.model,
      MODELPOLICY_LEDGER: "off",
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint,
    },
  );
  summary = run.summary;
  // The demo's own report: what the model answered and why calls failed, for the lane's log.
  console.log(run.stdout);
  await receiver.waitForSpans((span) => span.name.startsWith("route "), 10_000);
  spans = receiver.spans;
  // Per route: the outcome, and the error class of every attempt that failed on the way.
  const outcomes: Record<string, string[]> = {};
  for (const span of spans.filter((candidate) => candidate.name.startsWith("route "))) {
    const task = String(span.attributes["model_policy.task"]);
    const failures = attemptsOf(span)
      .map((attempt) => attempt.attributes["error.type"])
      .filter((type) => type !== undefined);
    const outcome = String(span.attributes["model_policy.outcome"]);
    outcomes[task] ??= [];
    outcomes[task]!.push(failures.length > 0 ? `${outcome} (attempts failed: ${failures.join(", ")})` : outcome);
  }
  // The measured per-route outcomes, for the README's honest numbers about a real model.
  const refused = server.log().match(/"POST \/v1\/chat\/completions HTTP\/1\.1" 500/g)?.length ?? 0;
  const types = summary.documents.map((document) => `${document.id}: ${document.type}`).join(", ");
  console.log(
    `llama-server e2e: outcomes ${JSON.stringify(outcomes)}; classified ${types}; ${refused} refused request(s)`,
  );
}, 900_000);

function attemptsOf(routed: SpanRecord): SpanRecord[] {
  return spans.filter((span) => span.parentSpanId === routed.spanId && span.name.startsWith("chat "));
}

afterAll(async () => {
  await server?.stop();
  await receiver?.close();
  if (folder) await rm(folder, { recursive: true, force: true });
});

describe("the contract-analysis demo against llama.cpp's Python server (SmolLM2-135M)", () => {
  it("ran against the real server, not the simulator", () => {
    expect(summary.provider).toBe("openai-compatible");
    expect(summary.baseURL).toBe(server.baseURL);
    expect(summary.simulatorFaults).toBeNull();
  });

  it(`gets an answer for at least ${ANSWER_FLOOR * 100}% of routed calls`, () => {
    const answered = summary.calls.filter((call) => ANSWERED.has(call.outcome)).length;
    expect(summary.routedCalls).toBeGreaterThanOrEqual(3);
    expect(answered / summary.routedCalls).toBeGreaterThanOrEqual(ANSWER_FLOOR);
  });

  it("fails a call only for what the model did, the machine's speed or a missing key", () => {
    const failed = spans.filter((span) => span.name.startsWith("chat ") && span.attributes["error.type"] !== undefined);
    for (const attempt of failed) expect(MODEL_OR_SETUP_FAILURES).toContain(attempt.attributes["error.type"]);
  });

  it("never retries a refused request shape and never opens a circuit", () => {
    const routed = spans.filter((span) => span.name.startsWith("route "));
    const attempts = spans.filter((span) => span.name.startsWith("chat "));
    expect(routed).toHaveLength(summary.routedCalls);
    expect(attempts.length).toBeGreaterThan(0);
    for (const span of [...routed, ...attempts]) {
      expect(span.attributes["error.type"]).not.toBe("circuit_open");
      expect(span.attributes["error.type"]).not.toBe("bad_request");
      expect(span.attributes["model_policy.fallback.reason"] ?? null).not.toBe("circuit_open");
    }
  });

  it("negotiated once per model: the server refused json_schema with a 500 at most that often", () => {
    const refused = server.log().match(/"POST \/v1\/chat\/completions HTTP\/1\.1" 500/g) ?? [];
    const models = new Set(
      spans.filter((span) => span.name.startsWith("chat ")).map((span) => span.attributes["gen_ai.request.model"]),
    );
    expect(refused.length).toBeGreaterThanOrEqual(1);
    expect(refused.length).toBeLessThanOrEqual(models.size);
  });

  it("still refuses json_schema with the body the testkit's fake sends", async () => {
    const response = await fetch(`${server.baseURL}/chat/completions`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        model: server.model,
        messages: [{ role: "user", content: "hi" }],
        max_tokens: 1,
        response_format: { type: "json_schema", json_schema: { name: "x", schema: { type: "object" } } },
      }),
    });
    const body = (await response.json()) as { error: { message: string; type: string } };
    expect(response.status).toBe(500);
    expect(body.error.type).toBe("internal_server_error");
    const validation = LLAMA_CPP_PYTHON_RESPONSE_FORMAT_ERROR.split("\n\n")[0]!;
    expect(body.error.message.startsWith(validation)).toBe(true);
  });
});

/** Routes `modelpolicy eval` runs against the real server, and how many examples of each. */
const EVAL_ROUTES = ["document_classification", "field_extraction", "exception_handling"];
const EVAL_LIMIT = 3;

/** A route's metrics as `modelpolicy eval --format json` reports them, by key. */
interface EvalRoute {
  route: string;
  examples: number;
  rows: { key: string; values: { value: number | null }[] }[];
}

describe("modelpolicy eval against the same server", () => {
  let report: { provider: { simulated: boolean; description: string }; routes: EvalRoute[] };
  let exitCode: number;

  beforeAll(async () => {
    // The CLI's binary as a user runs it, on the lane's table (slower timeouts) with every tier
    // naming the server's model, pointed at the server by OPENAI_BASE_URL. Named as the OpenAI
    // models, the calls would be priced at OpenAI's list prices; named as what answers, their
    // cost is unknown, which is the truth about a local model.
    const lanePolicies = await readFile(join(folder, "policies.yaml"), "utf8");
    const local = lanePolicies.replace(/model: gpt-[\w.-]+/g, `model: ${server.model}`);
    expect(local).not.toBe(lanePolicies);
    await writeFile(join(folder, "policies-local.yaml"), local);
    const cli = join(REPO_ROOT, "packages", "cli", "dist", "bin.js");
    const args = [
      cli,
      "eval",
      "--suite",
      join(EXAMPLE_DIR, "dist", "eval-suite.js"),
      "--table",
      join(folder, "policies-local.yaml"),
      "--routes",
      EVAL_ROUTES.join(","),
      "--limit",
      String(EVAL_LIMIT),
      "--concurrency",
      "1",
      "--format",
      "json",
    ];
    const env = { PATH: process.env.PATH ?? "", OPENAI_BASE_URL: server.baseURL, OPENAI_API_KEY: "sk-local" };
    const { stdout, code } = await new Promise<{ stdout: string; code: number }>((resolve) => {
      execFile(process.execPath, args, { env, maxBuffer: 16 * 1024 * 1024, timeout: 600_000 }, (error, out) =>
        resolve({ stdout: out, code: error ? Number((error as { code?: number }).code ?? 1) : 0 }),
      );
    });
    exitCode = code;
    report = JSON.parse(stdout);
    const rows = report.routes.map((route) => {
      const metric = (key: string) => route.rows.find((row) => row.key === key)?.values[0]?.value;
      return `${route.route}: ${JSON.stringify(Object.fromEntries(route.rows.map((row) => [row.key, metric(row.key)])))}`;
    });
    console.log(`llama-server eval (${EVAL_LIMIT} examples per route):\n${rows.join("\n")}`);
  }, 900_000);

  it("evaluates real answers: not the simulator, every example of every route run", () => {
    expect(exitCode).toBe(0);
    expect(report.provider.simulated).toBe(false);
    expect(report.provider.description).toContain(server.baseURL);
    expect(report.routes.map((route) => [route.route, route.examples])).toEqual(
      EVAL_ROUTES.map((route) => [route, EVAL_LIMIT]),
    );
  });

  it("gets answers back: classification fails no call, so its accuracy is the model's", () => {
    const classification = report.routes.find((route) => route.route === "document_classification")!;
    const metric = (key: string) => classification.rows.find((row) => row.key === key)?.values[0]?.value;
    expect(metric("failure_rate")).toBe(0);
    expect(metric("accuracy")).toBeTypeOf("number");
    // The server's model has no price: its cost is unknown, never 0.
    expect(metric("cost_usd")).toBeNull();
  });
});

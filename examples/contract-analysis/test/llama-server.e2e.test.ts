import { cp, mkdir, mkdtemp, rm, symlink } from "node:fs/promises";
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
import { assertBuilt, EXAMPLE_DIR } from "./built-demo.js";

// The real-server lane (issue 17): the built demo, run as a user runs it (OPENAI_BASE_URL and
// the tier-model variables), against llama.cpp's Python server serving SmolLM2-135M-Instruct on
// this machine's CPU. Install both once with `bash scripts/install-llama-server.sh`.
//
// Bounded to ONE document: the whole demo (4 documents, 22 routed calls) took 8 min 40 s here on
// 2 shared cores, most of it spent in calls that had already passed their policy deadline (the
// server serves one request at a time and finishes a non-streaming generation even after its
// client gave up, so one timeout queues the next). The SOW alone is 6 routed calls in about
// 4 minutes under the demo's own, unchanged policies.
const DOCUMENTS = ["sow-001-atlas-data-platform.txt"];
const ANSWERED = new Set(["ok", "fallback_ok", "review", "partial"]);

let server: RunningLlamaServer;
let receiver: OtlpReceiver;
let folder: string;
let summary: DemoSummary;
let spans: SpanRecord[];

/**
 * A copy of the built example with fewer documents: `dist/main.js` reads its documents,
 * playbook and policies from next to itself, and resolves its packages through the example's
 * own `node_modules` (linked).
 */
async function copyBuiltDemo(documents: readonly string[]): Promise<string> {
  const copy = await mkdtemp(join(tmpdir(), "contract-analysis-llama-"));
  await cp(join(EXAMPLE_DIR, "dist"), join(copy, "dist"), { recursive: true });
  for (const file of ["policies.yaml", "playbook.yaml"]) await cp(join(EXAMPLE_DIR, file), join(copy, file));
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
  await receiver.waitForSpans((span) => span.name.startsWith("route "), 10_000);
  spans = receiver.spans;
  // Per route: outcome, or for a failed call the error class its routed span carries.
  const outcomes: Record<string, Record<string, number>> = {};
  for (const span of spans.filter((candidate) => candidate.name.startsWith("route "))) {
    const task = String(span.attributes["model_policy.task"]);
    const outcome = String(span.attributes["model_policy.outcome"]);
    const key =
      outcome === "failed" || outcome === "rejected" ? `${outcome}:${span.attributes["error.type"]}` : outcome;
    outcomes[task] ??= {};
    outcomes[task]![key] = (outcomes[task]![key] ?? 0) + 1;
  }
  // The measured per-route outcomes, for the README's honest numbers about a real model.
  const refused = server.log().match(/"POST \/v1\/chat\/completions HTTP\/1\.1" 500/g)?.length ?? 0;
  const types = summary.documents.map((document) => `${document.id}: ${document.type}`).join(", ");
  console.log(
    `llama-server e2e: outcomes ${JSON.stringify(outcomes)}; classified ${types}; ${refused} refused request(s)`,
  );
}, 600_000);

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

  it("gets an answer for at least 80% of routed calls", () => {
    const answered = summary.calls.filter((call) => ANSWERED.has(call.outcome)).length;
    expect(summary.routedCalls).toBeGreaterThanOrEqual(3);
    expect(answered / summary.routedCalls).toBeGreaterThanOrEqual(0.8);
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

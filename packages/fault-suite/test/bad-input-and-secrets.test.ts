import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { MAX_TABLE_TEXT_BYTES, PolicyTableError, parsePolicyTableText } from "@modelpolicy/core";
import { reply } from "@modelpolicy/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { CANARY_API_KEY, CANARY_PROMPT, canariesIn, canaryMessages, errorText } from "../src/canary.js";
import { figures } from "../src/figures.js";
import { captured } from "../src/log-capture.js";
import { FaultStack } from "../src/stack.js";
import { MODELS } from "../src/tables.js";
import { runCliBin } from "./cli-bin.js";

const here = dirname(fileURLToPath(import.meta.url));
const tablesDir = join(here, "fixtures", "tables");
const scratch = mkdtempSync(join(tmpdir(), "fault-suite-bad-input-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Issues of a rejected table as `path code` strings, in the order the error lists them. */
function issuesOf(content: string | Uint8Array, source: string): string[] {
  try {
    parsePolicyTableText(content, { source, format: source.includes("json") ? "json" : "yaml" });
  } catch (error) {
    expect(PolicyTableError.isInstance(error)).toBe(true);
    const tableError = error as PolicyTableError;
    // Every issue is named in the message too, with its path, one a line.
    expect(tableError.message.split("\n")).toHaveLength(tableError.issues.length + 1);
    expect(tableError.message).toContain(source);
    return tableError.issues.map((issue) => `${issue.path.join(".")} ${issue.code}`.trim());
  }
  throw new Error(`${source} was accepted`);
}

describe("[case 15] broken policy tables", () => {
  // Issues come in the order of their place in the file; a missing key is placed at its policy.
  const corpus: [string, string[]][] = [
    [
      "wrong-types.yaml",
      [
        "tiers.fast.context_window invalid_type",
        "policies.0.max_input_tokens invalid_type",
        "policies.0.max_output_tokens too_small",
        "policies.0.evidence_required invalid_type",
        "policies.0.fallback_policy invalid_value",
        "policies.0.retry.max_attempts too_small",
      ],
    ],
    [
      "unknown-tiers.yaml",
      [
        "policies.0.model_tier unknown_tier",
        "policies.0.fallback_steps.0.tier unknown_tier",
        "policies.0.latency_tier unknown_latency_tier",
        "unknown_task unknown_policy",
      ],
    ],
    ["duplicate-ids.yaml", ["policies.1.id duplicate_id", "policies.1.task duplicate_task"]],
    [
      "fallback-cycle.yaml",
      ["policies.0.fallback_steps.1 fallback_cycle", "policies.0.fallback_steps.3 fallback_cycle"],
    ],
    ["typo-key.yaml", ["policies.0.fallback_policy invalid_value", "policies.0.fallback_polcy unrecognized_keys"]],
    ["empty.yaml", ["invalid_type"]],
    ["list.yaml", ["invalid_type"]],
    ["non-utf8.yaml", ["encoding"]],
    ["binary.png", ["encoding"]],
    ["truncated-json.txt", ["syntax"]],
  ];

  it("[case 15] the corpus on disk is exactly the files this test names", () => {
    const named = [...corpus.map(([file]) => file), "many-problems.yaml"].sort();
    expect(readdirSync(tablesDir).sort()).toEqual(named);
  });

  it.each(corpus)("[case 15] %s is rejected with every problem named", (file, expected) => {
    expect(issuesOf(readFileSync(join(tablesDir, file)), file)).toEqual(expected);
  });

  it("[case 15] a huge file (over 1 MiB) is refused before parsing, also when the bytes come as text", () => {
    const path = join(scratch, "huge.yaml");
    const policy = "  - { id: p, version: 1, task: t, model_tier: fast }\n";
    writeFileSync(
      path,
      `version: "t"\npolicies:\n${policy.repeat(Math.ceil(MAX_TABLE_TEXT_BYTES / policy.length) + 10)}`,
    );
    expect(issuesOf(readFileSync(path), "huge.yaml")).toEqual(["too_large"]);
    // 700k characters, but 1.4 MB of UTF-8: the limit is in bytes.
    expect(issuesOf(`# ${"é".repeat(700_000)}\nversion: "t"\n`, "huge-text.yaml")).toEqual(["too_large"]);
  });

  it("[case 15] a policy that fails the schema still has its cross-field problems named", () => {
    // The README's own example: besides the four problems it prints, policies[1] reuses the id of
    // policies[0] and names an undeclared tier and latency tier.
    const issues = issuesOf(readFileSync(join(tablesDir, "many-problems.yaml")), "many-problems.yaml");
    expect(issues).toEqual(
      expect.arrayContaining([
        "policies.0.max_output_tokens above_tier_cap",
        "policies.0.fallback_steps.1 fallback_cycle",
        "policies.1.evidence_required invalid_type",
        "policies.1.review.confidence_below too_big",
        "policies.1.id duplicate_id",
        "policies.1.model_tier unknown_tier",
        "policies.1.latency_tier unknown_latency_tier",
      ]),
    );
  });
});

describe("[case 16] canary API key and prompt", () => {
  let stack: FaultStack;
  let ledgerCopy: string;
  const errors: unknown[] = [];

  beforeAll(async () => {
    stack = await FaultStack.start();
    stack.server.setDefault((request) => {
      const text = JSON.stringify(request.body?.messages);
      if (text.includes("unauthorised")) {
        // What OpenAI really sends: the key, partly masked, in the error message.
        return reply.error(401, "invalid_api_key", {
          message: `Incorrect API key provided: ${CANARY_API_KEY.slice(0, 8)}****${CANARY_API_KEY.slice(-4)}.`,
        });
      }
      if (text.includes("limited") && request.model === MODELS.fast) return reply.rateLimited(undefined);
      if (text.includes("schema")) return reply.ok({ wrong: CANARY_PROMPT });
      return reply.echo();
    });
    const schema = z.object({ label: z.string() });
    const runs = [
      stack.call("retry_then_next", { messages: canaryMessages("plain") }),
      stack.call("retry_then_next", { messages: canaryMessages("limited") }),
      stack.call("fail_fast", { messages: canaryMessages("unauthorised") }),
      stack.call("schema_stop", { messages: canaryMessages("schema"), schema }),
      stack.call("small_budget", { messages: canaryMessages("too long ".repeat(200)) }),
    ];
    for (const settled of await Promise.all(runs)) if (!settled.ok) errors.push(settled.error);
    await stack.flush();
    ledgerCopy = join(scratch, "ledger");
    cpSync(stack.ledgerDir, ledgerCopy, { recursive: true });
  });
  afterAll(async () => {
    expect(await stack.close()).toEqual([]);
  });

  it("[case 16] the canaries really went out: key in the Authorization header, prompt in the body", () => {
    const first = stack.server.requests[0]!;
    expect(first.headers.authorization).toBe(`Bearer ${CANARY_API_KEY}`);
    expect(JSON.stringify(first.body)).toContain(CANARY_PROMPT);
    expect(errors).toHaveLength(3);
  });

  it("[case 16] capture off: neither canary in spans, metrics, ledger, logs or the errors callers got", async () => {
    const text = await stack.exportedText();
    expect(stack.receiver.spans.length).toBeGreaterThan(0);
    expect(stack.receiver.metrics.length).toBeGreaterThan(0);
    const places = { ...text, errors: errors.map(errorText).join("\n") };
    const hits = Object.entries(places).flatMap(([where, content]) =>
      canariesIn(content).map((hit) => `${hit} in ${where}`),
    );
    figures.canaryScans += 1;
    figures.canaryHits += hits.length;
    expect(hits).toEqual([]);
    // The provider's own error text (which echoes a masked key) stays out of telemetry too.
    expect(text.spans).not.toContain("Incorrect API key");
    expect(text.ledger).not.toContain("Incorrect API key");
  });

  it("[case 16] the CLI over that ledger prints no canary", async () => {
    const outputs = await Promise.all([
      runCliBin(["cost", "--ledger", ledgerCopy, "--by", "task,outcome"]),
      runCliBin(["calls", "--failed", "--ledger", ledgerCopy, "--format", "json"]),
    ]);
    for (const output of outputs) {
      expect(output.exitCode).toBe(0);
      const hits = canariesIn(output.stdout + output.stderr);
      figures.canaryScans += 1;
      figures.canaryHits += hits.length;
      expect(hits).toEqual([]);
    }
    expect(outputs[1]!.stdout).toContain("fail_fast");
  });

  it("[case 16] capture on: the prompt only in gen_ai.input/output.messages of attempt spans; the key never", async () => {
    const mark = captured.length;
    const capturing = await FaultStack.start({ captureMessageContent: true });
    try {
      capturing.server.setDefault(reply.echo());
      const settled = await capturing.call("retry_then_next", { messages: canaryMessages("captured") });
      expect(settled.ok).toBe(true);
      await capturing.flush();
      const where = new Set<string>();
      for (const span of capturing.receiver.spans) {
        for (const [key, value] of Object.entries(span.attributes)) {
          const hits = canariesIn(JSON.stringify(value));
          expect(hits).not.toContain("api_key");
          if (hits.includes("prompt")) where.add(`${span.kind} ${key}`);
        }
        expect(canariesIn(JSON.stringify({ ...span, attributes: {} }))).toEqual([]);
      }
      expect([...where].sort()).toEqual(["CLIENT gen_ai.input.messages", "CLIENT gen_ai.output.messages"]);
      const text = await capturing.exportedText();
      for (const place of [
        text.metrics,
        text.ledger,
        captured
          .slice(mark)
          .map((line) => line.text)
          .join("\n"),
      ]) {
        expect(canariesIn(place)).toEqual([]);
      }
    } finally {
      expect(await capturing.close()).toEqual([]);
    }
  });
});

describe("[case 17] the CLI with bad flags, missing or corrupt ledgers", () => {
  const record = (extra: Record<string, unknown> = {}) =>
    JSON.stringify({
      schema: 1,
      time: "2026-11-25T10:00:00.000Z",
      service: "svc",
      duration_ms: 12,
      task: "classify",
      policy_id: "classify",
      policy_version: "1",
      model_served: "m-fast",
      outcome: "ok",
      fallback_used: false,
      review_triggered: false,
      cost_usd: 0.001,
      input_tokens: 10,
      output_tokens: 2,
      trace_id: "4bf92f3577b34da6a3ce929d0e0e4736",
      ...extra,
    });
  const folder = (name: string, files: Record<string, string | Uint8Array>) => {
    const dir = join(scratch, name);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    for (const [file, content] of Object.entries(files)) {
      writeFileSync(join(dir, file), content);
    }
    return dir;
  };

  // Eight bins at once on a 2-core machine: more than the default 30 s when the machine is busy.
  it("[case 17] every failure is one clear stderr line, nothing on stdout, and a distinct exit code", {
    timeout: 120_000,
  }, async () => {
    const good = folder("good", { "2026-11-25.jsonl": `${record()}\n` });
    const empty = folder("empty", {});
    const garbage = folder("garbage", { "2026-11-25.jsonl": Buffer.from([0xff, 0x00, 0x13, 0x37, 0x0a, 0xfe, 0xba]) });
    const cases: [string, string[], number, RegExp][] = [
      ["unknown flag", ["cost", "--bogus", "--ledger", good], 2, /unknown option/],
      ["unknown flag, no ledger", ["cost", "--bogus"], 2, /unknown option/],
      ["bad --by key", ["cost", "--by", "colour", "--ledger", good], 2, /colour/],
      ["bad date", ["cost", "--since", "the day before", "--ledger", good], 2, /since|date/i],
      ["bad format", ["calls", "--format", "xml", "--ledger", good], 2, /xml|format/i],
      ["missing ledger", ["cost", "--ledger", join(scratch, "nowhere")], 3, /^modelpolicy: no ledger at/],
      ["ledger without files", ["cost", "--ledger", empty], 3, /no \.jsonl files/],
      ["garbage bytes", ["cost", "--ledger", garbage], 5, /./],
    ];
    // One process per case, all at once: each pays Node's and DuckDB's start-up.
    const results = await Promise.all(cases.map(([, argv]) => runCliBin(argv)));
    for (const [index, [label, , exitCode, message]] of cases.entries()) {
      const result = results[index]!;
      expect({ label, exitCode: result.exitCode }).toEqual({ label, exitCode });
      expect(result.stdout, label).toBe("");
      expect(result.stderr, label).toMatch(/^(modelpolicy: |error: )/);
      expect(result.stderr, label).toMatch(message);
      expect(result.stderr.trim().split("\n").length, label).toBeLessThanOrEqual(3);
    }
  });

  it("[case 17] a torn last line is skipped and counted; the readable records still answer", async () => {
    const torn = folder("torn", {
      "2026-11-25.jsonl": `${record()}\n${record({ trace_id: "5c" })}\n{"schema":1,"time":"2026-`,
    });
    const result = await runCliBin(["cost", "--ledger", torn, "--format", "json"]);
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.stdout).total.calls).toBe(2);
    expect(result.stderr).toMatch(/torn|skipped/i);
  });
});

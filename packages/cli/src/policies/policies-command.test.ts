import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { EXIT_CODES } from "../exit-codes.js";
import { runCli } from "../run-cli.js";

const TIERS = `tiers:
  fast:   { provider: openai, model: gpt-4.1-nano, context_window: 8000 }
  strong: { provider: openai, model: gpt-4.1, context_window: 1047576 }
`;

function policy(fields: Record<string, string | number | boolean>): string {
  const base: Record<string, string | number | boolean> = {
    max_input_tokens: 4000,
    max_output_tokens: 500,
    evidence_required: false,
    review_required: false,
    fallback_policy: "stop",
    latency_tier: "fast",
    ...fields,
  };
  return `  - ${Object.entries(base)
    .map(([key, value]) => `${key}: ${typeof value === "string" ? JSON.stringify(value) : value}`)
    .join("\n    ")}\n`;
}

const OLD = `version: "1"
${TIERS}policies:
${policy({ id: "classify", version: 1, task: "classification", model_tier: "fast" })}${policy({ id: "risk", version: 4, task: "risk_judgement", model_tier: "strong", evidence_required: true })}${policy({ id: "summary", version: 2, task: "summary", model_tier: "strong" })}`;

const NEW = `version: "2"
${TIERS}policies:
${policy({ id: "classify", version: 1, task: "classification", model_tier: "fast", max_output_tokens: 800 })}${policy({ id: "risk", version: 5, task: "risk_judgement", model_tier: "fast", evidence_required: true, review_required: true })}${policy({ id: "triage", version: 1, task: "triage", model_tier: "fast" })}`;

let dir: string;
const file = (name: string) => join(dir, name);
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "modelpolicy-policies-"));
  await writeFile(file("old.yaml"), OLD);
  await writeFile(file("new.yaml"), NEW);
});

describe("policies show", () => {
  it("prints one row per route with tier, budgets, evidence, review and fallback", async () => {
    const result = await runCli(["policies", "show", "old.yaml"], { cwd: dir });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain("old.yaml: table version 1, 3 routes");
    expect(result.stdout).toMatch(
      /^risk_judgement +risk@4 +strong \(gpt-4\.1\) +4000\/500 +required +never +stop +fast /m,
    );
    expect(result.stdout).toContain("tiers (cheapest first): fast=openai/gpt-4.1-nano, strong=openai/gpt-4.1");
  });
});

describe("policies diff", () => {
  it("shows what changed per route, added and removed routes, and flags an unversioned change", async () => {
    const result = await runCli(["policies", "diff", "old.yaml", "new.yaml"], { cwd: dir });
    expect(result.exitCode).toBe(0);
    const lines = result.stdout.split("\n");
    expect(lines[0]).toBe("policies diff: old.yaml (version 1) -> new.yaml (version 2)");
    expect(result.stdout).toMatch(
      /^classification +UNVERSIONED CHANGE +classify@1 [0-9a-f]{16} +classify@1 [0-9a-f]{16}$/m,
    );
    expect(result.stdout).toMatch(/^ +max_output_tokens +500 +800$/m);
    expect(result.stdout).toMatch(/^risk_judgement +version +4 +5$/m);
    expect(result.stdout).toMatch(/^ +model_tier +strong +fast$/m);
    expect(result.stdout).toMatch(/^ +models +openai\/gpt-4\.1 +openai\/gpt-4\.1-nano$/m);
    expect(result.stdout).toMatch(/^ +review +never +always$/m);
    expect(result.stdout).toMatch(/^summary +REMOVED +summary@2$/m);
    expect(result.stdout).toMatch(/^triage +ADDED +triage@1$/m);
    expect(result.stdout).toContain("table-wide:\n  version: 1 -> 2");
    expect(result.stdout).toMatch(
      /⚠ classification: policy classify@1 changed \(digest \w+ -> \w+\) but kept its version/,
    );
  });

  it("exits 8 with --fail-on-unversioned, still printing the diff", async () => {
    const result = await runCli(["policies", "diff", "old.yaml", "new.yaml", "--fail-on-unversioned"], { cwd: dir });
    expect(result.exitCode).toBe(EXIT_CODES.unversionedChange);
    expect(result.stdout).toContain("UNVERSIONED CHANGE");
    expect(result.stderr).toMatch(/1 policy change\(s\) kept their version \(classification\)/);
    const clean = await runCli(["policies", "diff", "old.yaml", "old.yaml", "--fail-on-unversioned"], { cwd: dir });
    expect(clean.exitCode).toBe(0);
    expect(clean.stdout).toContain("no route changed");
  });

  it("fails --fail-on-unversioned when a tier's model changes under routes that kept their version", async () => {
    const routes = `policies:
${policy({ id: "classify", version: 1, task: "classification", model_tier: "fast" })}${policy({ id: "risk", version: 4, task: "risk_judgement", model_tier: "strong", fallback_policy: "stop" })}${policy({ id: "summary", version: 2, task: "summary", model_tier: "strong" }).replace('fallback_policy: "stop"', "fallback_steps: [{ tier: fast }]\n    fallback_policy: next_tier")}`;
    await writeFile(file("nano.yaml"), `version: "1"\n${TIERS}${routes}`);
    await writeFile(file("mini.yaml"), `version: "2"\n${TIERS.replace("gpt-4.1-nano", "gpt-4o-mini")}${routes}`);
    const result = await runCli(["policies", "diff", "nano.yaml", "mini.yaml", "--fail-on-unversioned"], { cwd: dir });
    expect(result.exitCode).toBe(EXIT_CODES.unversionedChange);
    expect(result.stderr).toMatch(/2 policy change\(s\) kept their version \(classification, summary\)/);
    expect(result.stdout).toMatch(
      /^classification +UNVERSIONED CHANGE +classify@1 [0-9a-f]{16} +classify@1 [0-9a-f]{16}$/m,
    );
    expect(result.stdout).toMatch(/^ +models +openai\/gpt-4\.1-nano +openai\/gpt-4o-mini$/m);
    expect(result.stdout).toMatch(
      /^ +models +openai\/gpt-4\.1 -> openai\/gpt-4\.1-nano +openai\/gpt-4\.1 -> openai\/gpt-4o-mini$/m,
    );
    expect(result.stdout).toContain("unchanged: risk_judgement");
    expect(result.stdout).toContain("tiers.fast: openai/gpt-4.1-nano, window 8000 -> openai/gpt-4o-mini, window 8000");
  });

  it("shows a route newly marked critical, a content change that needs a new version", async () => {
    await writeFile(file("critical-after.yaml"), OLD.replace('task: "summary"', 'task: "summary"\n    critical: true'));
    const result = await runCli(["policies", "diff", "old.yaml", "critical-after.yaml"], { cwd: dir });
    expect(result.stdout).toMatch(/^summary +UNVERSIONED CHANGE +summary@2 /m);
    expect(result.stdout).toMatch(/^ +critical +false +true$/m);
  });

  it("answers JSON", async () => {
    const result = await runCli(["policies", "diff", "old.yaml", "new.yaml", "--format", "json"], { cwd: dir });
    const diff = JSON.parse(result.stdout);
    expect(diff.routes.map((route: { task: string; status: string }) => [route.task, route.status])).toEqual([
      ["classification", "changed"],
      ["risk_judgement", "changed"],
      ["summary", "removed"],
      ["triage", "added"],
    ]);
    expect(diff.routes[0].unversioned).toBe(true);
    expect(diff.routes[1].unversioned).toBe(false);
  });
});

describe("policies lint", () => {
  it("exits 6 listing every schema problem with its path", async () => {
    await writeFile(
      file("broken.yaml"),
      `version: "1"\n${TIERS}policies:\n${policy({ id: "a", version: 1, task: "a", model_tier: "medium" })}${policy({ id: "a", version: 1, task: "b", model_tier: "fast" })}${policy({ id: "c", version: 1, task: "c", model_tier: "fast", max_input_tokens: -1 })}`,
    );
    const result = await runCli(["policies", "lint", "broken.yaml"], { cwd: dir });
    expect(result.exitCode).toBe(EXIT_CODES.invalidInput);
    expect(result.stdout).toBe("");
    expect(result.stderr.split("\n")).toEqual([
      "modelpolicy: invalid policy table broken.yaml: 3 problems",
      '  ✖ broken.yaml:15:17 policies[0] (a).model_tier: tier "medium" is not declared in tiers (declared: fast, strong)',
      '  ✖ broken.yaml:22:9 policies[1] (a).id: duplicate policy id "a" (first at policies[0])',
      "  ✖ broken.yaml:26:23 policies[2] (c).max_input_tokens: Too small: expected number to be >0",
      "",
    ]);
  });

  it("names every problem of a YAML table with line:column, the policy id, a suggestion and 'required'", async () => {
    await writeFile(
      file("three.yaml"),
      `version: "1"
${TIERS}policies:
  - id: contracts.classify
    version: 3
    task: document_classification
    model_tier: fast
    max_input_tokens: 6000
    max_output_tokens: 800
    evidence_required: false
    review_required: false
    fallback_policy: stop
    latency_tier: fast
    temprature: 0.2
  - id: contracts.risk
    version: 1
    task: risk_judgement
    model_tier: strong
    max_input_tokens: 6000
    max_output_tokens: lots
    review_required: false
    fallback_policy: stop
    latency_tier: fast
`,
    );
    const result = await runCli(["policies", "lint", "three.yaml"], { cwd: dir });
    expect(result.exitCode).toBe(EXIT_CODES.invalidInput);
    expect(result.stdout).toBe("");
    expect(result.stderr.split("\n")).toEqual([
      "modelpolicy: invalid policy table three.yaml: 3 problems",
      '  ✖ three.yaml:16:5 policies[0] (contracts.classify).temprature: unknown key "temprature"; did you mean "temperature"?',
      "  ✖ three.yaml:17:5 policies[1] (contracts.risk).evidence_required: required but missing (expected boolean)",
      '  ✖ three.yaml:22:24 policies[1] (contracts.risk).max_output_tokens: expected number, got string "lots"',
      "",
    ]);
  });

  it("advises consolidating look-alike routes and budgets over the context window", async () => {
    await writeFile(
      file("advice.yaml"),
      `version: "1"\n${TIERS}policies:\n${policy({ id: "one", version: 1, task: "one", model_tier: "fast", description: "first" })}${policy({ id: "two", version: 3, task: "two", model_tier: "fast", description: "second" })}${policy({ id: "big", version: 1, task: "big", model_tier: "fast", max_input_tokens: 7800, evidence_required: true })}`,
    );
    const result = await runCli(["policies", "lint", "advice.yaml"], { cwd: dir });
    expect(result.exitCode).toBe(0);
    expect(result.stdout.split("\n")).toEqual([
      "policies lint: advice.yaml (table version 1, 3 routes): schema OK",
      "advice (2):",
      "  ⚠ [consolidate] one (one), two (two) are identical but for name, id and description: consider one policy, so a change reaches all of them.",
      "  ⚠ [context-window] big: max_input_tokens 7800 + max_output_tokens 500 = 8300 is above tier fast's context_window 8000.",
      "not checked:",
      "  - evidence-schema: needs --suite MODULE to read the routes' output schemas",
      "",
    ]);
  });

  it("warns when a critical route's fallback chain stays on one provider, and not once it leaves it", async () => {
    const tiers = `tiers:
  fast:   { provider: openai, model: gpt-4.1-nano, context_window: 1047576 }
  strong: { provider: openai, model: gpt-4.1, context_window: 1047576 }
  claude: { provider: anthropic, model: claude-sonnet-4-6, context_window: 200000 }
`;
    const critical = (id: string, task: string, steps: string) =>
      policy({ id, version: 1, task, model_tier: "fast", critical: true, fallback_policy: "next_tier" }).replace(
        "fallback_policy",
        `fallback_steps: ${steps}\n    fallback_policy`,
      );
    await writeFile(
      file("critical.yaml"),
      `version: "1"\n${tiers}policies:\n${critical("stuck", "stuck", "[next_tier, partial]")}${critical("spread", "spread", "[{ provider: anthropic, model: claude-sonnet-4-6 }]")}${policy({ id: "plain", version: 1, task: "plain", model_tier: "strong" })}`,
    );
    const result = await runCli(["policies", "lint", "critical.yaml", "--format", "json"], { cwd: dir });
    expect(result.exitCode).toBe(0);
    const lint = JSON.parse(result.stdout) as { advice: { rule: string; tasks: string[]; message: string }[] };
    const warnings = lint.advice.filter((advice) => advice.rule === "single-provider");
    expect(warnings).toEqual([
      {
        rule: "single-provider",
        tasks: ["stuck"],
        message:
          "stuck is critical, but its fallback chain stays on openai (gpt-4.1-nano -> gpt-4.1): one openai outage stops the route; add a fallback step on another provider.",
      },
    ]);
  });

  it("warns when a fallback's context window is below the input budget, and says which fallbacks it could not check", async () => {
    const tiers = `tiers:
  small: { provider: openai, model: gpt-4o-mini, context_window: 8000 }
  large: { provider: openai, model: gpt-4.1, context_window: 1047576 }
`;
    const withSteps = (fields: Record<string, string | number | boolean>, steps: string) =>
      policy({ ...fields, fallback_policy: "next_tier" }).replace(
        "fallback_policy",
        `fallback_steps: ${steps}\n    fallback_policy`,
      );
    await writeFile(
      file("windows.yaml"),
      `version: "1"\n${tiers}policies:\n${withSteps({ id: "long", version: 1, task: "long", model_tier: "large", max_input_tokens: 20000 }, "[{ tier: small }, { provider: anthropic, model: claude-haiku-4-5 }]")}${withSteps({ id: "short", version: 1, task: "short", model_tier: "large", max_input_tokens: 6000 }, "[{ tier: small }]")}`,
    );
    const result = await runCli(["policies", "lint", "windows.yaml"], { cwd: dir });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain(
      "  ⚠ [fallback-context-window] long: its fallback openai/gpt-4o-mini has a context_window of 8000, below the route's max_input_tokens 20000: a call near its budget cannot fall back there.\n",
    );
    expect(result.stdout).not.toMatch(/\[fallback-context-window\] short/);
    expect(result.stdout).toContain(
      "  - fallback-context-window: anthropic/claude-haiku-4-5 (a fallback of long) has no known context_window\n",
    );
  });

  it("says when a valid table needs no advice", async () => {
    const result = await runCli(["policies", "lint", "old.yaml", "--format", "json"], { cwd: dir });
    expect(JSON.parse(result.stdout)).toMatchObject({ valid: true, advice: [] });
  });
});

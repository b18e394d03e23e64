import { existsSync } from "node:fs";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { EXIT_CODES } from "../src/exit-codes.js";
import { runCli } from "../src/run-cli.js";

// The contract-analysis example's suite, loaded by path like a user's (vitest reads the .ts
// source; users point at the built dist/eval-suite.js). No OPENAI_* variables: the SIMULATED
// offline provider answers, so every number here is deterministic except latency.
const example = fileURLToPath(new URL("../../../examples/contract-analysis/", import.meta.url));
const SUITE = join(example, "src/eval-suite.ts");
const POLICIES = join(example, "policies.yaml");
const CHROMIUM = "/usr/bin/chromium";
const OFFLINE = { env: {} };
// Timing on a shared 2-core machine is noise; the latency rule has its own unit test.
const QUIET_LATENCY = ["--latency-noise-ms", "5000"];

let dir: string;
let policies: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "modelpolicy-eval-"));
  policies = await readFile(POLICIES, "utf8");
  // The seeded regression: risk_judgement moves from the strong tier to the fast tier.
  const weakened = policies.replace(/(task: risk_judgement[\s\S]*?model_tier: )strong/, "$1fast");
  expect(weakened).not.toBe(policies);
  await writeFile(join(dir, "risk-on-fast.yaml"), weakened);
  // A harmless change: a new table version and a reworded description.
  await writeFile(
    join(dir, "reworded.yaml"),
    policies.replace('version: "2026-11-25"', 'version: "2026-12-01"').replace("A short summary", "A brief summary"),
  );
});

describe("modelpolicy eval --baseline --candidate on the contract-analysis suite", () => {
  it("fails the gate (exit 7) when risk_judgement moves to the fast tier, and writes both reports", async () => {
    const result = await runCli(
      [
        "eval",
        "--suite",
        SUITE,
        "--baseline",
        POLICIES,
        "--candidate",
        "risk-on-fast.yaml",
        "--routes",
        "risk_judgement,exception_handling",
        "--concurrency",
        "8",
        "--report-md",
        "report.md",
        "--report-html",
        "report.html",
        ...QUIET_LATENCY,
      ],
      { ...OFFLINE, cwd: dir },
    );
    expect(result.exitCode, result.stderr).toBe(EXIT_CODES.regression);
    expect(result.stdout).toContain("NOTE: These numbers measure the SIMULATED offline provider");
    expect(result.stdout).toMatch(
      /^risk_judgement \(36\) +false-safe rate +0\.0% +\d+\.\d% +\+\d+\.\dpp +FAIL --max-false-safe-increase 0$/m,
    );
    expect(result.stdout).toMatch(/^exception_handling \(36\) +stop correctness +(\S+) +\1 += +ok$/m);
    expect(result.stdout).toContain("gate: FAILED");
    expect(result.stdout).toMatch(/✖ risk_judgement: false-safe rate 0\.0% -> /);
    expect(result.stderr).toContain("gate FAILED");

    const markdown = await readFile(join(dir, "report.md"), "utf8");
    expect(markdown).toMatch(/^\*\*Gate: FAILED\*\*/m);
    expect(markdown).toContain("> **Note:** These numbers measure the SIMULATED offline provider");
    expect(markdown).toMatch(
      /\| false-safe rate \| 0\.0% \| \d+\.\d% \| \+\d+\.\dpp \| \*\*FAIL --max-false-safe-increase 0\*\* \|/,
    );

    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
    // A fresh profile per run: nothing of an earlier run (or of a person's browser) leaks in.
    const profile = await mkdtemp(join(tmpdir(), "modelpolicy-chromium-"));
    const browser = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      viewport: { width: 1000, height: 900 },
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
    try {
      const page = await browser.newPage();
      await page.goto(`file://${join(dir, "report.html")}`);
      expect(await page.title()).toBe("modelpolicy eval: contract-analysis");
      for (const [route, metrics] of [
        ["risk_judgement", 10],
        ["exception_handling", 9],
      ] as const) {
        const chart = page.locator(`svg.chart[data-route="${route}"]`);
        await expect.poll(() => chart.count()).toBe(1);
        // One bar per metric and run.
        expect(await chart.locator("rect.bar").count()).toBe(metrics * 2);
        const box = await chart.boundingBox();
        expect(box?.width).toBeGreaterThan(300);
      }
      const falseSafe = page.locator('svg.chart[data-route="risk_judgement"] rect.bar[data-metric="false_safe_rate"]');
      expect(await falseSafe.nth(0).getAttribute("width")).toBe("0.0");
      expect(Number(await falseSafe.nth(1).getAttribute("width"))).toBeGreaterThan(50);
      expect(await page.locator("tr.regressed").count()).toBeGreaterThan(0);
      const screenshot = join(process.env.MODELPOLICY_SCREENSHOT_DIR ?? dir, "eval-report.png");
      await page.screenshot({ path: screenshot, fullPage: true });
      expect(existsSync(screenshot)).toBe(true);
    } finally {
      await browser.close();
    }
  });

  it("passes the gate (exit 0) on every route when the change is harmless", async () => {
    const result = await runCli(
      [
        "eval",
        "--suite",
        SUITE,
        "--baseline",
        POLICIES,
        "--candidate",
        "reworded.yaml",
        "--concurrency",
        "8",
        ...QUIET_LATENCY,
      ],
      { ...OFFLINE, cwd: dir },
    );
    expect(result.exitCode, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toContain("suite contract-analysis: 6 routes, 216 golden examples");
    expect(result.stdout).toContain("gate: PASSED");
    expect(result.stdout).not.toContain("FAIL");
    for (const route of ["document_classification", "field_extraction", "clause_matching", "reviewer_summary"]) {
      expect(result.stdout).toMatch(new RegExp(`^${route} \\(36\\) `, "m"));
    }
  });
});

describe("modelpolicy eval --table with --out and --resume", () => {
  it("writes one result line per example and resumes where it stopped", async () => {
    const out = join(dir, "results");
    const args = ["eval", "--suite", SUITE, "--table", POLICIES, "--routes", "exception_handling", "--out", out];
    const first = await runCli([...args, "--format", "json"], { ...OFFLINE, cwd: dir });
    expect(first.exitCode, first.stderr).toBe(0);
    const lines = (await readFile(join(out, "table.jsonl"), "utf8")).trimEnd().split("\n");
    expect(lines).toHaveLength(36);
    expect(JSON.parse(lines[0]!)).toMatchObject({
      schema: 1,
      run: "table",
      route: "exception_handling",
      kind: "exception",
    });

    // Keep 26 results and a torn line, as if the run had been killed mid-write.
    await writeFile(join(out, "table.jsonl"), `${lines.slice(0, 26).join("\n")}\n{"schema":1,"run`);
    const resumed = await runCli([...args, "--format", "json", "--resume"], { ...OFFLINE, cwd: dir });
    expect(resumed.exitCode, resumed.stderr).toBe(0);
    expect(resumed.stderr).toContain("table: resumed 26 result(s)");
    expect(resumed.stderr).toContain("dropped 1 unreadable line(s)");
    const metrics = (stdout: string) =>
      JSON.parse(stdout).routes[0].rows.filter((row: { key: string }) => row.key === "stop_correctness");
    expect(metrics(resumed.stdout)).toEqual(metrics(first.stdout));
    expect((await readFile(join(out, "table.jsonl"), "utf8")).trimEnd().split("\n")).toHaveLength(36);

    const other = await runCli(
      [
        "eval",
        "--suite",
        SUITE,
        "--table",
        "risk-on-fast.yaml",
        "--routes",
        "exception_handling",
        "--out",
        out,
        "--resume",
      ],
      { ...OFFLINE, cwd: dir },
    );
    expect(other.exitCode).toBe(EXIT_CODES.usage);
    expect(other.stderr).toMatch(/holds results of another policy table/);
  });
});

describe("modelpolicy eval --limit", () => {
  it("runs the first n examples of each route, and says so", async () => {
    const result = await runCli(
      ["eval", "--suite", SUITE, "--table", POLICIES, "--routes", "document_classification", "--limit", "5"],
      { ...OFFLINE, cwd: dir },
    );
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout).toContain("1 route, 5 golden examples");
    expect(result.stdout).toMatch(/^document_classification +classification +5 +accuracy /m);
    expect(result.stderr).toContain("--limit 5: the first 5 examples of each route");
  });
});

describe("modelpolicy eval refuses bad input with a distinct exit code", () => {
  it("2 for flag mistakes, 3 for a missing suite, 6 for an invalid golden set", async () => {
    const run = (args: string[]) => runCli(["eval", ...args], { ...OFFLINE, cwd: dir });
    expect((await run(["--suite", SUITE])).stderr).toMatch(/give --table FILE, or --baseline OLD and --candidate NEW/);
    expect((await run(["--suite", SUITE, "--table", POLICIES, "--baseline", POLICIES])).exitCode).toBe(
      EXIT_CODES.usage,
    );
    expect((await run(["--suite", SUITE, "--table", POLICIES, "--resume"])).stderr).toMatch(/--resume needs --out/);
    const unknown = await run(["--suite", SUITE, "--table", POLICIES, "--routes", "nope"]);
    expect(unknown).toMatchObject({ exitCode: EXIT_CODES.usage, stderr: expect.stringMatching(/"nope" not in suite/) });
    expect((await run(["--suite", "nowhere.js", "--table", POLICIES])).exitCode).toBe(EXIT_CODES.noData);

    const golden = join(dir, "bad-golden");
    await writeFile(join(dir, "bad-suite.mjs"), badSuite(golden));
    const { mkdir } = await import("node:fs/promises");
    await mkdir(golden, { recursive: true });
    await writeFile(
      join(golden, "triage.jsonl"),
      `{"id":"a","task":"triage","input":{},"expected":{"label":"x"}}\n{"id":"b","task":"triage","input":{},"expected":{}}\n`,
    );
    const invalid = await run(["--suite", "bad-suite.mjs", "--table", POLICIES]);
    expect(invalid.exitCode).toBe(EXIT_CODES.invalidInput);
    expect(invalid.stderr.split("\n")).toEqual([
      "modelpolicy: invalid golden sets: 2 problems",
      "  ✖ bad-golden/triage.jsonl:2 expected.label: Invalid input: expected string, received undefined (a classification route)",
      '  ✖ bad-golden/summary.jsonl: no golden set for route "summary" (looked for summary.jsonl, .yaml, .yml)',
      "",
    ]);
  });
});

function badSuite(goldenDir: string): string {
  return `const route = (kind) => ({ kind, request: () => ({ messages: [] }), score: () => ({}) });
export const evalSuite = { name: "bad", goldenDir: ${JSON.stringify(goldenDir)}, routes: { triage: route("classification"), summary: route("drafting") } };
`;
}

describe("modelpolicy policies lint --suite", () => {
  it("reads each route's output schema from the suite to check evidence", async () => {
    const table = policies
      .replace(/(task: reviewer_summary[\s\S]*?evidence_required: )false/, "$1true")
      .replace(/(task: exception_handling[\s\S]*?evidence_required: )false/, "$1true");
    await writeFile(join(dir, "evidence.yaml"), table);
    const result = await runCli(["policies", "lint", "evidence.yaml", "--suite", SUITE], { cwd: dir });
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout).toContain("advice (2):");
    expect(result.stdout).toContain(
      "⚠ [evidence-schema] reviewer_summary requires evidence, but the route answers plain text: no evidence can be checked, so every call goes to review.",
    );
    expect(result.stdout).not.toMatch(/evidence-schema\] (field_extraction|clause_matching|risk_judgement)/);
    expect(result.stdout).not.toContain("needs --suite");
    const shipped = await runCli(["policies", "lint", POLICIES, "--suite", SUITE], { cwd: dir });
    expect(shipped.stdout).toMatch(/schema OK\nadvice: none\n/);
  });
});

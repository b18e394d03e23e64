import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CannedHttpServer, refusedUrl } from "./__fixtures__/canned-http-server.js";
import { ledgerRecord, writeLedger } from "./__fixtures__/ledger-fixture.js";
import { EXIT_CODES } from "./exit-codes.js";
import { runCli } from "./run-cli.js";

let ledger: string;
let empty: string;
let hanging: CannedHttpServer;
let garbage: CannedHttpServer;
let hangingUrl: string;
let garbageUrl: string;
beforeAll(async () => {
  ledger = await writeLedger({ "2026-11-25.jsonl": [ledgerRecord()] });
  empty = await mkdtemp(join(tmpdir(), "modelpolicy-empty-"));
  hanging = new CannedHttpServer(() => "hang");
  garbage = new CannedHttpServer((url) =>
    url.pathname.startsWith("/html/") ? { status: 200, text: "<html>" } : { status: 503, text: "down" },
  );
  hangingUrl = await hanging.start();
  garbageUrl = await garbage.start();
});
afterAll(async () => {
  await hanging.close();
  await garbage.close();
});

/** Runs the CLI expecting a failure: one line on stderr, nothing on stdout, the given code. */
async function fails(args: string[], exitCode: number, message: RegExp) {
  const result = await runCli(args, { cwd: empty });
  expect({ exitCode: result.exitCode, stdout: result.stdout }).toEqual({ exitCode, stdout: "" });
  expect(result.stderr).toMatch(message);
  expect(result.stderr.trimEnd().split("\n")).toHaveLength(1);
  expect(result.stderr).not.toMatch(/\n\s+at /);
}

describe("bad input gets one clear line and a distinct exit code", () => {
  it("2 for malformed flags and values", async () => {
    await fails(
      ["cost", "--ledger", ledger, "--since", "last tuesday"],
      EXIT_CODES.usage,
      /"last tuesday" is not a date/,
    );
    await fails(["cost", "--ledger", ledger, "--until", "2026-02-30"], EXIT_CODES.usage, /"2026-02-30" is not a date/);
    await fails(["cost", "--ledger", ledger, "--by", "task,colour"], EXIT_CODES.usage, /"colour" is not a group key/);
    await fails(
      ["cost", "--ledger", ledger, "--format", "xml"],
      EXIT_CODES.usage,
      /Allowed choices are table, json, csv/,
    );
    await fails(["cost", "--ledger", ledger, "--frobnicate"], EXIT_CODES.usage, /unknown option '--frobnicate'/);
    // commander 15 names the surplus arguments, so a stray word (an unquoted glob) is easy to spot.
    await fails(
      ["policies", "show", "a.yaml", "b.yaml"],
      EXIT_CODES.usage,
      /too many arguments for 'show'\. Expected 1 argument but got 2: a\.yaml, b\.yaml/,
    );
    await fails(["policies", "diff", "a.yaml"], EXIT_CODES.usage, /missing required argument 'new'/);
    await fails(
      ["cost", "--ledger", ledger, "--prometheus", "http://127.0.0.1:9"],
      EXIT_CODES.usage,
      /cannot be used with/,
    );
    await fails(["cost", "--prometheus", "localhost:9090"], EXIT_CODES.usage, /not an http\(s\) URL/);
    await fails(
      ["cost", "--ledger", ledger, "--since", "2026-11-26", "--until", "2026-11-25"],
      EXIT_CODES.usage,
      /--since must be before --until/,
    );
    await fails(["calls", "--ledger", ledger, "--limit", "0"], EXIT_CODES.usage, /not a whole number/);
    await fails(["calls", "--jaeger", "http://127.0.0.1:9"], EXIT_CODES.usage, /--jaeger needs --service/);
    await fails(["bill"], EXIT_CODES.usage, /unknown command 'bill'/);
  });

  it("3 when there is no ledger to read", async () => {
    await fails(["cost"], EXIT_CODES.noData, /no ledger at .*\.modelpolicy\/ledger/);
    await fails(["cost", "--ledger", join(empty, "nowhere")], EXIT_CODES.noData, /no ledger at .*nowhere/);
    await mkdir(join(empty, "blank"));
    await fails(["calls", "--failed", "--ledger", join(empty, "blank")], EXIT_CODES.noData, /holds no \.jsonl files/);
    await writeFile(join(empty, "file"), "");
    await fails(["cost", "--ledger", join(empty, "file")], EXIT_CODES.noData, /is not a folder/);
  });

  it("4 when Prometheus or Jaeger does not answer", async () => {
    const refused = await refusedUrl();
    await fails(
      ["cost", "--prometheus", refused],
      EXIT_CODES.unreachable,
      /Prometheus at .* did not answer \(ECONNREFUSED\)/,
    );
    await fails(["calls", "--jaeger", refused, "--service", "s"], EXIT_CODES.unreachable, /Jaeger .* did not answer/);
    await fails(
      ["cost", "--prometheus", hangingUrl, "--timeout", "200"],
      EXIT_CODES.unreachable,
      /no answer within 200 ms/,
    );
    await fails(["cost", "--prometheus", garbageUrl], EXIT_CODES.unreachable, /answered HTTP 503/);
  });

  it("5 when the data cannot be read", async () => {
    await fails(["cost", "--prometheus", `${garbageUrl}/html`], EXIT_CODES.corruptData, /not JSON/);
    const notLedger = await writeLedger({ "2026-11-25.jsonl": "hello\nworld\n" });
    await fails(["cost", "--ledger", notLedger], EXIT_CODES.corruptData, /holds no readable records \(2 line\(s\)/);
  });

  it("0 with help and version on stdout", async () => {
    const help = await runCli(["cost", "--help"]);
    expect(help.exitCode).toBe(0);
    expect(help.stdout).toContain("--by <keys>");
    expect(help.stdout).toContain("3  no data source");
    const version = await runCli(["--version"]);
    expect(version).toEqual({ exitCode: 0, stdout: "0.1.0\n", stderr: "" });
  });
});

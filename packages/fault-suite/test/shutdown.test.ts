import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { FakeOpenAIServer, OtlpReceiver, waitUntil } from "@modelpolicy/testkit";
import { findFreePorts } from "@modelpolicy/testkit/stack";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { figures, measure } from "../src/figures.js";

const here = dirname(fileURLToPath(import.meta.url));
const fixture = join(here, "fixtures", "shutdown-child.mjs");
const packages = join(here, "..", "..");
const CALLS = 20;
const SHUTDOWN_TIMEOUT_MS = 1_000;

interface ChildRun {
  events: Record<string, unknown>[];
  code: number | null;
  signal: NodeJS.Signals | null;
  ms: number;
  stderr: string;
}

const server = new FakeOpenAIServer();
const receiver = new OtlpReceiver();
let closedPort = 0;

beforeAll(async () => {
  for (const built of ["core", "openai", "otel", "testkit"]) {
    const entry = join(packages, built, "dist", "index.js");
    if (!existsSync(entry)) {
      throw new Error(
        `${entry} is missing: case 13 runs the BUILT packages in child processes; run \`npx tsc -b\` first`,
      );
    }
  }
  await server.start();
  await receiver.start();
  [closedPort] = (await findFreePorts(1)) as [number];
});
afterAll(async () => {
  await Promise.all([server.close(), receiver.close()]);
});

/** Runs the fixture service; SIGTERMs it once it says it is ready. Bounded: killed after 20 s. */
function runChild(mode: string, collector: "up" | "down", service: string): Promise<ChildRun> {
  const started = performance.now();
  const child: ChildProcess = spawn(process.execPath, [fixture], {
    cwd: here,
    env: {
      ...process.env,
      MODE: mode,
      SERVICE_NAME: service,
      CALLS: String(CALLS),
      OPENAI_BASE_URL: server.baseURL,
      OTLP_ENDPOINT: collector === "up" ? receiver.endpoint : `http://127.0.0.1:${closedPort}`,
      SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_TIMEOUT_MS),
      OTEL_EXPORTER_OTLP_TIMEOUT: "",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const events: Record<string, unknown>[] = [];
  let stderr = "";
  let buffered = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    buffered += chunk.toString("utf8");
    for (let newline = buffered.indexOf("\n"); newline >= 0; newline = buffered.indexOf("\n")) {
      const line = buffered.slice(0, newline);
      buffered = buffered.slice(newline + 1);
      const event = JSON.parse(line) as Record<string, unknown>;
      events.push(event);
      if (event.event === "ready") child.kill("SIGTERM");
    }
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString("utf8");
  });
  const killer = setTimeout(() => child.kill("SIGKILL"), 20_000);
  return new Promise((resolve) => {
    child.on("exit", (code, signal) => {
      clearTimeout(killer);
      resolve({ events, code, signal, ms: performance.now() - started, stderr });
    });
  });
}

const find = (run: ChildRun, name: string) => run.events.find((event) => event.event === name);

describe("[case 13] shutdown in child processes", () => {
  const modes = ["normal", "sigterm", "explicit"] as const;

  it.each(modes)("[case 13] %s, collector up: every emitted span arrives; nothing calls process.exit", async (mode) => {
    const service = `shutdown-${mode}-up`;
    const run = await runChild(mode, "up", service);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.signal).toBeNull();
    const exit = find(run, "exit");
    expect(exit).toMatchObject({ code: 0, exitCalled: false });
    expect(find(run, "process.exit")).toBeUndefined();
    if (mode === "sigterm") expect(find(run, "host-sigterm")).toBeDefined();
    const emitted = Number(exit?.emitted);
    expect(emitted).toBe(2 * CALLS);
    const received = await waitUntil(
      () => {
        const spans = receiver.spans.filter((span) => span.serviceName === service);
        return spans.length >= emitted ? spans : undefined;
      },
      { timeoutMs: 3_000 },
    );
    expect(received).toHaveLength(emitted);
    figures.spansEmittedCollectorUp += emitted;
    figures.spansReceivedCollectorUp += received.length;
  });

  it.each(modes)(
    "[case 13] %s, collector down: shutdown returns within its timeout; host handlers run",
    async (mode) => {
      const run = await runChild(mode, "down", `shutdown-${mode}-down`);
      expect(run.code).toBe(0);
      expect(run.signal).toBeNull();
      expect(find(run, "exit")).toMatchObject({ code: 0, exitCalled: false, emitted: 2 * CALLS });
      expect(find(run, "process.exit")).toBeUndefined();
      const shutdown = find(run, "shutdown");
      if (mode !== "normal") measure(`shutdownMs.${mode}`, Number(shutdown?.ms), "max");
      if (mode === "sigterm") expect(find(run, "host-sigterm")).toBeDefined();
      // The whole process, node start-up included, ended by itself (the run's own timeout would
      // have killed it otherwise); how long it took is reported, never asserted.
      measure(`processMs.${mode}`, run.ms, "max");
    },
  );
});

import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { createRequire } from "node:module";
import { createConnection, createServer } from "node:net";
import { createRouter, InMemoryStateBackend, parsePolicyTable, type StateBackend } from "@modelpolicy/core";
import { ScriptedAdapter, scriptedTable } from "@modelpolicy/core/testing";
import { type MachineInfo, machineLine } from "../lib/machine.js";
import { fixed, markdownTable } from "../lib/markdown.js";
import { writeResult } from "../lib/results.js";
import { quantileSorted, spread } from "../lib/stats.js";

// @modelpolicy/redis and its client are not dependencies of the bench package (its manifest is
// shared): both are loaded from packages/redis, which must be built (`tsc -b packages/redis`).
const REDIS_PACKAGE = new URL("../../../packages/redis/", import.meta.url);

interface RedisModule {
  redisStateBackend(
    client: unknown,
    options: Record<string, unknown>,
  ): StateBackend & { stats(): { commands: number; localDecisions: number }; close(): Promise<void> };
}
interface RedisClient {
  connect(): Promise<unknown>;
  close(): Promise<void>;
  on(event: string, listener: () => void): unknown;
  sendCommand(args: readonly string[]): Promise<unknown>;
}

interface B6Row {
  backend: string;
  p50Us: { min: number; median: number; max: number };
  p99Us: { min: number; median: number; max: number };
  cpuUsPerCall: { min: number; median: number; max: number };
  redisCommandsPerCall: number;
}

/**
 * B6: what the Redis state backend adds to a routed call against the in-memory default. Every
 * call exercises the fleet paths (a model rate limit and the provider's, a spend budget checked
 * before the target and added to after it) on a scripted in-process adapter, so the router and
 * the backend are all that is measured. Rounds of sequential calls alternate between the two;
 * Redis commands are counted by the server (`INFO commandstats`) and by the backend.
 */
export async function runB6(machine: MachineInfo, options: { quick: boolean }): Promise<B6Row[]> {
  const calls = options.quick ? 2_000 : 10_000;
  const rounds = options.quick ? 3 : 7;
  const redis = await startRedis();
  const require = createRequire(new URL("package.json", REDIS_PACKAGE));
  const { createClient } = require("redis") as { createClient(options: { url: string }): RedisClient };
  const { redisStateBackend } = (await import(new URL("dist/index.js", REDIS_PACKAGE).href)) as RedisModule;
  const client = createClient({ url: `redis://127.0.0.1:${redis.port}` });
  client.on("error", () => undefined);
  await client.connect();
  const fleet = redisStateBackend(client, { prefix: "b6", replicas: 4 });
  try {
    const variants: [string, StateBackend][] = [
      ["in-memory", new InMemoryStateBackend()],
      ["redis", fleet],
    ];
    const samples = new Map(
      variants.map(([name]) => [name, { p50: [] as number[], p99: [] as number[], cpu: [] as number[] }]),
    );
    const routers = new Map(variants.map(([name, state]) => [name, routerOn(state)]));
    for (const [name] of variants) await round(routers.get(name), 500);
    const commandsBefore = await scriptCalls(client);
    const backendBefore = fleet.stats().commands;
    for (let index = 0; index < rounds; index += 1) {
      for (const [name] of index % 2 === 0 ? variants : [...variants].reverse()) {
        const measured = await round(routers.get(name), calls);
        const sample = samples.get(name);
        sample?.p50.push(measured.p50Us);
        sample?.p99.push(measured.p99Us);
        sample?.cpu.push(measured.cpuUs);
      }
    }
    const redisCalls = rounds * calls;
    const serverCommands = (await scriptCalls(client)) - commandsBefore;
    const backendCommands = fleet.stats().commands - backendBefore;
    const { localDecisions } = fleet.stats();
    const rows: B6Row[] = variants.map(([name]) => {
      const sample = samples.get(name) ?? { p50: [], p99: [], cpu: [] };
      return {
        backend: name,
        p50Us: spread(sample.p50),
        p99Us: spread(sample.p99),
        cpuUsPerCall: spread(sample.cpu),
        redisCommandsPerCall: name === "redis" ? serverCommands / redisCalls : 0,
      };
    });
    const [memory, shared] = rows as [B6Row, B6Row];
    const addedP50 = shared.p50Us.median - memory.p50Us.median;
    const addedCpu = shared.cpuUsPerCall.median - memory.cpuUsPerCall.median;
    const markdown = [
      "### B6 — Redis state backend",
      "",
      `${machineLine(machine)}. ${rounds} alternating rounds of ${calls} sequential calls per backend, each with a model and a provider rate limit and a spend budget (scripted in-process adapter; redis-server ${redis.version} on loopback; leases of a tenth of a quarter of 1,000,000 rpm). Cells are min / **median** / max over rounds. Target: ≤ 50 µs added p50 and far fewer than one Redis command per call.`,
      "",
      markdownTable(
        ["backend", "p50 µs", "p99 µs", "CPU µs / call", "Redis commands / call"],
        rows.map((row) => [
          row.backend,
          `${fixed(row.p50Us.min, 1)} / **${fixed(row.p50Us.median, 1)}** / ${fixed(row.p50Us.max, 1)}`,
          `${fixed(row.p99Us.min, 1)} / **${fixed(row.p99Us.median, 1)}** / ${fixed(row.p99Us.max, 1)}`,
          `${fixed(row.cpuUsPerCall.min, 1)} / **${fixed(row.cpuUsPerCall.median, 1)}** / ${fixed(row.cpuUsPerCall.max, 1)}`,
          fixed(row.redisCommandsPerCall, 4),
        ]),
      ),
      "",
      `Added by Redis: **${fixed(addedP50, 1)} µs p50**, ${fixed(addedCpu, 1)} µs CPU per call; ${serverCommands} script calls on the server (\`INFO commandstats\`: evalsha + eval), ${backendCommands} counted by the backend, for ${redisCalls} calls (background refreshes every 250 ms included); ${localDecisions} decisions fell back to local.`,
    ].join("\n");
    console.log(`\n${markdown}\n`);
    writeResult(
      "b6",
      { machine, calls, rounds, rows, addedP50Us: addedP50, addedCpuUs: addedCpu, serverCommands },
      markdown,
    );
    return rows;
  } finally {
    await fleet.close();
    await client.close().catch(() => undefined);
    redis.process.kill("SIGKILL");
  }
}

/** A router whose every call goes through both rate limits and the spend budget. */
function routerOn(state: StateBackend) {
  const base = scriptedTable();
  const policies = base.policies.map((policy) =>
    policy.task === "classification"
      ? { ...policy, spend_budget: { usd: 1_000_000, window: "day" as const, on_exhausted: "stop" as const } }
      : policy,
  );
  const table = parsePolicyTable({
    ...base,
    policies,
    rate_limits: { "scripted/fast-model": { rpm: 1_000_000, tpm: 1_000_000_000 }, scripted: { rpm: 1_000_000 } },
  });
  return createRouter(table, { adapters: [new ScriptedAdapter()], state, onDiagnostic: () => undefined });
}

async function round(router: ReturnType<typeof routerOn> | undefined, calls: number) {
  if (router === undefined) throw new Error("no router");
  const messages = [{ role: "user" as const, content: "Classify: MUTUAL NON-DISCLOSURE AGREEMENT" }];
  const latencies: number[] = [];
  const cpuBefore = process.cpuUsage();
  for (let index = 0; index < calls; index += 1) {
    const started = performance.now();
    await router.run("classification", { messages });
    latencies.push((performance.now() - started) * 1000);
    // A scripted call never leaves the microtask queue; a real one does I/O. Turning the event
    // loop between calls lets the backend's lease replies and refreshes land as they would.
    await new Promise(setImmediate);
  }
  const cpu = process.cpuUsage(cpuBefore);
  latencies.sort((a, b) => a - b);
  return {
    p50Us: quantileSorted(latencies, 0.5),
    p99Us: quantileSorted(latencies, 0.99),
    cpuUs: (cpu.user + cpu.system) / calls,
  };
}

/** Script calls the server has run (`INFO commandstats`, evalsha and eval). */
async function scriptCalls(client: RedisClient): Promise<number> {
  const info = String(await client.sendCommand(["INFO", "commandstats"]));
  let total = 0;
  for (const match of info.matchAll(/^cmdstat_(evalsha|eval):calls=(\d+)/gm)) total += Number(match[2]);
  return total;
}

async function startRedis(): Promise<{ port: number; version: string; process: ChildProcess }> {
  const server = createServer().listen(0, "127.0.0.1");
  await once(server, "listening");
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  const port = typeof address === "object" && address !== null ? address.port : 0;
  const child = spawn(
    "redis-server",
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
    {
      stdio: "ignore",
    },
  );
  const deadline = Date.now() + 10_000;
  for (;;) {
    const version = await pingVersion(port);
    if (version !== undefined) return { port, version, process: child };
    if (Date.now() > deadline || child.exitCode !== null) throw new Error("redis-server did not start");
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** The server's version once it answers, by a raw `INFO server` on a socket. */
function pingVersion(port: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: "127.0.0.1", port });
    const done = (value: string | undefined) => {
      socket.destroy();
      resolve(value);
    };
    socket.on("error", () => done(undefined));
    socket.on("connect", () => socket.write("INFO server\r\n"));
    socket.on("data", (data) => done(/redis_version:([\d.]+)/.exec(data.toString())?.[1] ?? "?"));
  });
}

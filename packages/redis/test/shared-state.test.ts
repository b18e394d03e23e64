import { redisStateBackend } from "@modelpolicy/redis";
import { createClient } from "redis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningRedis, startRedis } from "./redis-server.js";

let redis: RunningRedis;
/** Every client a test connected, closed after all. */
const clients: { close(): Promise<unknown> }[] = [];

/** A connected node-redis client, as a service would hand one over. */
async function client() {
  const connected = createClient({ url: redis.url });
  connected.on("error", () => undefined);
  await connected.connect();
  clients.push(connected);
  return connected;
}

/** Polls until `check` holds (at most 5 s), so no test sleeps for a guessed time. */
async function eventually(check: () => boolean): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("condition not met within 5 s");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await Promise.all(clients.map((connected) => connected.close().catch(() => undefined)));
  await redis?.kill();
});

describe("redisStateBackend on a real Redis", () => {
  it("grants exactly the limit across replicas in a minute, with far fewer commands than calls", async () => {
    // A generous timeout: a slow command on a loaded machine would count as an outage, whose bound is looser.
    const options = { prefix: "t1", replicas: 2, refreshIntervalMs: 60_000, commandTimeoutMs: 1_000 };
    const a = redisStateBackend(await client(), options);
    const b = redisStateBackend(await client(), options);
    let granted = 0;
    for (let call = 0; call < 300; call += 1) {
      const backend = call % 2 === 0 ? a : b;
      if ((await backend.acquire("openai/gpt-4.1", { rpm: 200 }, 1, 0)).granted) granted += 1;
    }
    expect(granted).toBeLessThanOrEqual(200);
    // Leases of 10 (a tenth of each replica's share of 100); what is leased but unspent is at most 2 × 10.
    expect(granted).toBeGreaterThanOrEqual(200 - 2 * 10);
    const commands = a.stats().commands + b.stats().commands;
    expect(commands).toBeLessThan(60);
    await Promise.all([a.close(), b.close()]);
  });

  it("adds spend across replicas and shows each the fleet's total after a refresh", async () => {
    const options = { prefix: "t2", refreshIntervalMs: 20 };
    const a = redisStateBackend(await client(), options);
    const b = redisStateBackend(await client(), options);
    a.addSpend("classify", "day", 1.25);
    b.addSpend("classify", "day", 0.5);
    await eventually(() => a.readSpend("classify", "day") === 1.75 && b.readSpend("classify", "day") === 1.75);
    expect(b.readSpend("extract", "day")).toBe(0);
    await Promise.all([a.close(), b.close()]);
  });

  it("shows a circuit one replica opened to the others, and its closing", async () => {
    const options = { prefix: "t3", refreshIntervalMs: 20 };
    const a = redisStateBackend(await client(), options);
    const b = redisStateBackend(await client(), options);
    const until = Date.now() + 30_000;
    a.publishBreaker("openai/gpt-4.1", until);
    await eventually(() => b.breakerOpenUntil("openai/gpt-4.1") === until);
    a.publishBreaker("openai/gpt-4.1", undefined);
    await eventually(() => b.breakerOpenUntil("openai/gpt-4.1") === undefined);
    await Promise.all([a.close(), b.close()]);
  });

  it("sends a script again after Redis lost its script cache (a restart or SCRIPT FLUSH)", async () => {
    const connected = await client();
    const backend = redisStateBackend(connected, { prefix: "t4", refreshIntervalMs: 60_000 });
    expect((await backend.acquire("k", { rpm: 5 }, 1, 0)).granted).toBe(true);
    await connected.sendCommand(["SCRIPT", "FLUSH"]);
    const fresh = redisStateBackend(connected, { prefix: "t4", refreshIntervalMs: 60_000 });
    expect((await fresh.acquire("k", { rpm: 5 }, 1, 0)).granted).toBe(true);
    expect(fresh.stats()).toMatchObject({ redisUp: true, localDecisions: 0 });
    await Promise.all([backend.close(), fresh.close()]);
  });
});

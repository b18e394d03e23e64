import { existsSync } from "node:fs";
import { FakeOpenAIServer } from "@modelpolicy/testkit";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type RunningRedis, startRedis } from "./redis-server.js";
import { type CallSummary, Replica } from "./replica.js";

// Several router processes share one redis-server and the fake OpenAI server, as a service's
// replicas share Redis and a provider account. Each process runs the built packages (dist/).

let redis: RunningRedis;
const openai = new FakeOpenAIServer();
const replicas: Replica[] = [];
const servers: RunningRedis[] = [];

/** Tiers cheapest first: gpt-4o-mini, then gpt-4.1; the route runs on gpt-4.1 and falls back down. */
function fleetTable(extra: Record<string, unknown> = {}, policy: Record<string, unknown> = {}) {
  return {
    version: "e2e",
    tiers: {
      small: { provider: "openai", model: "gpt-4o-mini" },
      large: { provider: "openai", model: "gpt-4.1" },
    },
    latency_tiers: { fast: { max_concurrent: 16, max_queue: 256, timeout_ms: 10_000 } },
    policies: [
      {
        id: "classify",
        version: "1",
        task: "classification",
        model_tier: "large",
        max_input_tokens: 2_000,
        max_output_tokens: 100,
        evidence_required: false,
        review_required: false,
        fallback_policy: "next_tier",
        fallback_steps: [{ tier: "small" }, "stop"],
        latency_tier: "fast",
        retry: { max_attempts: 1, repair_attempts: 0 },
        ...policy,
      },
    ],
    ...extra,
  };
}

async function fleet(count: number, config: Omit<Parameters<typeof Replica.start>[1], "redisUrl" | "baseURL">) {
  const started = await Promise.all(
    Array.from({ length: count }, (_, index) =>
      Replica.start(`r${index}`, { redisUrl: redis.url, baseURL: openai.baseURL, ...config }),
    ),
  );
  replicas.push(...started);
  return started;
}

const minute = (ms: number) => Math.floor(ms / 60_000);

beforeAll(async () => {
  expect(existsSync(new URL("../dist/index.js", import.meta.url)), "build first: pnpm exec tsc -b packages/redis").toBe(
    true,
  );
  redis = await startRedis();
  servers.push(redis);
  await openai.start();
});
afterEach(async () => {
  await Promise.all(replicas.splice(0).map((replica) => replica.stop()));
  openai.reset();
});
afterAll(async () => {
  await Promise.all(replicas.splice(0).map((replica) => replica.stop()));
  await Promise.all(servers.map((server) => server.kill()));
  await openai.close();
});

describe("a fleet of routers on one Redis", () => {
  it("holds a model's rpm fleet-wide: every request was leased, the rest fell back as rate_limited", async () => {
    const rpm = 30;
    const members = await fleet(4, {
      table: fleetTable({ rate_limits: { "openai/gpt-4.1": { rpm } } }),
      // Four processes start at once on a small machine: a generous timeout keeps a slow first
      // command from being taken for an outage, whose bound is looser (see the outage test).
      backend: { prefix: `rpm-${Date.now()}`, replicas: 4, refreshIntervalMs: 100, commandTimeoutMs: 500 },
    });
    await Promise.all(members.map((replica) => replica.run("classification", 20, 2)));
    for (const replica of members) {
      const { stats, warnings } = await replica.stats();
      expect(stats.outages, `${replica.name}: ${warnings.join("; ")}`).toBe(0);
    }
    const records = members.flatMap((replica) => replica.records);
    expect(records).toHaveLength(80);
    expect(records.every((record) => record.outcome === "ok" || record.outcome === "fallback_ok")).toBe(true);
    const times = records.flatMap((record) => record.attempts.map((attempt) => attempt.startedAt));
    const minutes = minute(Math.max(...times)) - minute(Math.min(...times)) + 1;
    const sent = openai.requestsFor("gpt-4.1").length;
    // Stated bound: no overshoot within a minute while Redis answers; at most replicas × lease (4 × 1) unspent.
    expect(sent).toBeLessThanOrEqual(rpm * minutes);
    expect(sent).toBeGreaterThanOrEqual(rpm - 4);
    const limited = records.filter((record) => record.fallbackReason === "rate_limited");
    expect(limited).toHaveLength(80 - sent);
    expect(limited.every((record) => record.modelServed === "gpt-4o-mini")).toBe(true);
    console.log(`[fleet rpm] ${sent} of 80 calls sent to gpt-4.1 (rpm ${rpm}, ${minutes} minute window(s))`);
  });

  it("degrades every replica's calls to the cheaper tier once the fleet's spend reaches the budget", async () => {
    // gpt-4.1 answers take 120 ms and cost 1000 × $2 + 100 × $8 per million = $0.0028 each.
    const cost = 0.0028;
    openai.setDefault((request) => ({
      json: "nda",
      usage: { promptTokens: 1_000, completionTokens: 100 },
      delayMs: request.model === "gpt-4.1" ? 120 : 0,
    }));
    const budget = 10 * cost;
    const members = await fleet(4, {
      table: fleetTable(
        {},
        { spend_budget: { usd: budget, window: "day", on_exhausted: "degrade", degrade_to: "small" } },
      ),
      backend: { prefix: `spend-${Date.now()}`, replicas: 4, refreshIntervalMs: 50 },
    });
    await Promise.all(members.map((replica) => replica.run("classification", 8, 1)));
    const spentOnLarge = openai.requestsFor("gpt-4.1").length * cost;
    // Stated slack: each replica may start one call on a view one refresh old and have one in flight,
    // and a call (120 ms) outlasts a refresh (50 ms): replicas × 2 calls.
    expect(spentOnLarge).toBeLessThanOrEqual(budget + 4 * 2 * cost + 1e-9);
    for (const replica of members) {
      const degradedAt = replica.records.findIndex((record) => record.spend?.decision?.action === "degrade");
      expect(degradedAt, replica.name).toBeGreaterThanOrEqual(0);
      const after = replica.records.slice(degradedAt);
      expect(
        after.every((record) => record.modelServed === "gpt-4o-mini"),
        replica.name,
      ).toBe(true);
      expect(
        after.every((record) => record.fallbackReason === "budget_exhausted"),
        replica.name,
      ).toBe(true);
      expect(after.at(-1)?.spend?.remainingUsd).toBe(0);
    }
    console.log(`[fleet spend] $${spentOnLarge.toFixed(4)} on gpt-4.1 of a $${budget.toFixed(4)} budget`);
  });

  it("skips a model in every replica once one replica's breaker opened it", async () => {
    openai.setDefault((request) =>
      request.model === "gpt-4.1" ? { status: 503, body: { error: { message: "overloaded" } } } : { json: "nda" },
    );
    const table = fleetTable();
    const backend = { prefix: `breaker-${Date.now()}`, refreshIntervalMs: 50 };
    const [opener] = await fleet(1, { table, backend, breaker: { consecutiveFailures: 2, halfOpenAfterMs: 30_000 } });
    // The others would need 1000 failures to open it themselves: only the shared state can stop them.
    const others = await fleet(2, { table, backend, breaker: { consecutiveFailures: 1_000, halfOpenAfterMs: 30_000 } });
    await opener?.run("classification", 3);
    expect(opener?.records.at(-1)?.attempts[0]).toMatchObject({ model: "gpt-4.1", outcome: "skipped" });
    const opened = Date.now();
    for (const replica of others) {
      const deadline = Date.now() + 10_000;
      while (!skippedLarge(replica.records.at(-1))) {
        expect(Date.now(), `${replica.name} never skipped gpt-4.1`).toBeLessThan(deadline);
        await replica.run("classification", 1);
      }
      const beforeSkip = replica.records.filter((record) => !skippedLarge(record)).length;
      await replica.run("classification", 3);
      expect(replica.records.slice(-3).every(skippedLarge)).toBe(true);
      console.log(
        `[fleet breaker] ${replica.name} honoured it after ${Date.now() - opened} ms (${beforeSkip} call(s) still sent)`,
      );
    }
  });

  it("settles every call under local shares when Redis is killed mid-run, warns once, and shares again after a restart", async () => {
    const own = await startRedis();
    servers.push(own);
    const members = await Promise.all(
      ["a", "b", "c"].map((name) =>
        Replica.start(name, {
          redisUrl: own.url,
          baseURL: openai.baseURL,
          table: fleetTable(
            // Leases of 10 (a tenth of each replica's 100): the fleet keeps leasing through the run,
            // so after the kill each replica goes on under its own share of 100.
            { rate_limits: { "openai/gpt-4.1": { rpm: 300 } } },
            { spend_budget: { usd: 1_000, window: "day", on_exhausted: "stop" } },
          ),
          backend: { prefix: "outage", replicas: 3, refreshIntervalMs: 50, commandTimeoutMs: 50 },
        }),
      ),
    );
    replicas.push(...members);
    const running = members.map((replica) => replica.run("classification", 40, 2));
    while (members.some((replica) => replica.records.length < 10))
      await new Promise((resolve) => setTimeout(resolve, 5));
    await own.kill();
    await Promise.all(running);
    const records = members.flatMap((replica) => replica.records);
    expect(records).toHaveLength(120);
    expect(records.filter((record: CallSummary) => record.outcome !== "ok")).toEqual([]);
    expect(openai.requestsFor("gpt-4.1")).toHaveLength(120);
    let decidedLocally = 0;
    for (const replica of members) {
      const { stats, warnings } = await replica.stats();
      // A loaded machine can make Redis miss a 50 ms timeout before the kill too: each such
      // slow spell counts as an outage, but the warning is rate-limited to one a minute.
      expect(stats.outages, replica.name).toBeGreaterThanOrEqual(1);
      expect(warnings, replica.name).toEqual([expect.stringMatching(/^Redis is out of reach/)]);
      decidedLocally += stats.localDecisions;
    }
    // Which replica runs out of its leased slice during the outage, and so decides locally,
    // depends on scheduling; that the fleet went on deciding without Redis does not.
    expect(decidedLocally).toBeGreaterThan(0);
    const restarted = await startRedis(own.port);
    servers.push(restarted);
    for (const replica of members) {
      const deadline = Date.now() + 10_000;
      while (!(await replica.stats()).stats.redisUp) {
        expect(Date.now(), `${replica.name} never saw Redis again`).toBeLessThan(deadline);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    }
    const local = await Promise.all(members.map(async (replica) => (await replica.stats()).stats.localDecisions));
    console.log(`[fleet outage] 120 calls settled; local decisions per replica: ${local.join(", ")}`);
  });
});

function skippedLarge(record: CallSummary | undefined): boolean {
  const first = record?.attempts[0];
  return first?.model === "gpt-4.1" && first.outcome === "skipped" && first.errorClass === "circuit_open";
}

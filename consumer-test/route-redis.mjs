// The Redis lane's fleet: two router "replicas" in one process, each on its own node-redis client
// and its own `redisStateBackend` (as @modelpolicy/redis's README sets one up), sharing a
// redis-server the lane started, over the user's own `OpenAI` client against the fake server.
// Two scenarios, each under its own key prefix: a model's fleet-wide rpm (calls past it fall back
// as `rate_limited`, never sent) and a policy's spend budget one replica used up and the other
// sees through Redis (its call degrades as `budget_exhausted`). Imports only the installed packages.
import assert from "node:assert/strict";
import { createRouter, defineTable } from "@modelpolicy/core";
import { openAIAdapter } from "@modelpolicy/openai";
import { redisStateBackend } from "@modelpolicy/redis";
import OpenAI from "openai";
import { createClient } from "redis";
import { fakes } from "./route-once.mjs";

export const RATE_TASK = "contract_summary";
export const BUDGET_TASK = "contract_budgeted";
/** The strong model's fleet-wide requests per minute, and how many calls the replicas make together. */
export const RPM = 4;
export const RATE_CALLS = 10;
/** Small enough that the first call on the strong model uses it up. */
const BUDGET_USD = 0.000001;
/** The longest the lane waits on anything (another replica seeing spend), so a hang fails it. */
const SETTLE_MS = 5_000;

const messages = [{ role: "user", content: "When does the contract renew?" }];

/** A connected node-redis client, as a service creates one (README: `disableOfflineQueue`, an error listener). */
export async function connectClient(url) {
  const client = createClient({
    url,
    disableOfflineQueue: true,
    socket: { connectTimeout: 2_000, reconnectStrategy: false },
  });
  client.on("error", () => {}); // node-redis reports connection errors as events; the backend copes with them
  await client.connect();
  return client;
}

/** Tiers cheapest first (small, strong); every task starts on strong and may only go down to small. */
function fleetTable() {
  const policy = {
    version: "1",
    model_tier: "strong",
    max_input_tokens: 2000,
    max_output_tokens: 200,
    evidence_required: false,
    review_required: false,
    fallback_policy: "next_tier",
    fallback_steps: [{ tier: "small" }, "stop"],
    latency_tier: "fast",
    retry: { max_attempts: 1 },
  };
  return defineTable({
    version: "consumer-test-redis-1",
    tiers: {
      small: { provider: "openai", model: fakes.smallModel },
      strong: { provider: "openai", model: fakes.strongModel },
    },
    prices: {
      [fakes.smallModel]: { input_per_million: 0.1, output_per_million: 0.4 },
      [fakes.strongModel]: { input_per_million: 2, output_per_million: 8 },
    },
    rate_limits: { [`openai/${fakes.strongModel}`]: { rpm: RPM } },
    policies: [
      { ...policy, id: "summarise", task: RATE_TASK },
      {
        ...policy,
        id: "budgeted",
        task: BUDGET_TASK,
        spend_budget: { usd: BUDGET_USD, window: "day", on_exhausted: "degrade", degrade_to: "small" },
      },
    ],
  });
}

/** Two replicas on `clients` under `prefix`: a backend and a router each. */
function fleet(clients, prefix) {
  const openai = new OpenAI({ apiKey: "sk-consumer-test", baseURL: fakes.openaiBaseURL, maxRetries: 0 });
  const table = fleetTable();
  return clients.map((client) => {
    // A generous command timeout: a slow first command on a busy machine would count as an outage.
    const state = redisStateBackend(client, {
      prefix,
      replicas: clients.length,
      refreshIntervalMs: 20,
      commandTimeoutMs: 1_000,
    });
    return { state, router: createRouter(table, { adapters: [openAIAdapter(openai)], state }) };
  });
}

/** The fake's chat requests for `model` so far. */
async function chatRequestsFor(model) {
  const requests = await (await fetch(`${fakes.controlURL}/requests`)).json();
  return requests.filter((request) => request.path === "/v1/chat/completions" && request.model === model);
}

const minute = (ms) => Math.floor(ms / 60_000);

/** `RATE_CALLS` calls, alternating replicas: at most `RPM` a minute reach the strong model, the rest fall back. */
export async function rateLimitedCalls(clients, prefix) {
  const replicas = fleet(clients, prefix);
  const sentBefore = (await chatRequestsFor(fakes.strongModel)).length;
  const results = [];
  for (let call = 0; call < RATE_CALLS; call += 1) {
    results.push(await replicas[call % replicas.length].router.run(RATE_TASK, { messages }));
  }
  const sent = (await chatRequestsFor(fakes.strongModel)).length - sentBefore;
  const times = results.flatMap((result) => result.attempts.map((attempt) => attempt.startedAt));
  const minutes = minute(Math.max(...times)) - minute(Math.min(...times)) + 1;
  assert.ok(sent >= 1, "some calls reached the strong model");
  assert.ok(
    sent <= RPM * minutes,
    `${sent} requests to ${fakes.strongModel}: at most rpm ${RPM} a minute (${minutes} minute(s))`,
  );
  const limited = results.filter((result) => result.fallback.reason === "rate_limited");
  assert.equal(limited.length, RATE_CALLS - sent, "every call not sent to the strong model fell back as rate_limited");
  for (const result of limited) {
    assert.equal(result.outcome, "fallback_ok", "a rate-limited call's outcome");
    assert.equal(result.modelServed, fakes.smallModel, "a rate-limited call's model");
    assert.equal(result.attempts[0].outcome, "skipped", "the strong model's attempt was skipped, not sent");
  }
  for (const result of results) assert.equal(result.output, fakes.answer, "every call answered");
  const stats = await closeAll(replicas);
  return { sent, limited: limited.length, minutes, stats };
}

/** Replica 0 spends past the budget; replica 1 sees that spend through Redis and degrades. */
export async function budgetCalls(clients, prefix) {
  const [first, second] = fleet(clients, prefix);
  const spent = await first.router.run(BUDGET_TASK, { messages });
  assert.equal(spent.outcome, "ok", "the first budgeted call runs on the strong model");
  assert.equal(spent.modelServed, fakes.strongModel, "the first budgeted call's model");
  assert.ok(spent.costUsd > BUDGET_USD, `the first call costs more than the budget (got ${spent.costUsd})`);
  // The other replica has spent nothing itself: what it reads is the fleet's total, from Redis.
  const deadline = Date.now() + SETTLE_MS;
  while (second.state.readSpend("budgeted", "day") < spent.costUsd) {
    assert.ok(Date.now() < deadline, `replica 2 did not see replica 1's spend within ${SETTLE_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const degraded = await second.router.run(BUDGET_TASK, { messages });
  assert.equal(degraded.outcome, "fallback_ok", "the second replica's call outcome");
  assert.equal(degraded.fallback.reason, "budget_exhausted", "the second replica's fallback reason");
  assert.equal(degraded.modelServed, fakes.smallModel, "the second replica's call degraded to the small model");
  assert.equal(degraded.spend?.decision?.action, "degrade", "the spend decision");
  const stats = await closeAll([first, second]);
  return { spentUsd: spent.costUsd, degradedUsd: degraded.costUsd, stats };
}

/** Closes the replicas' backends (sending pending spend) and checks none lost Redis on the way. */
async function closeAll(replicas) {
  await Promise.all(replicas.map((replica) => replica.state.close()));
  const stats = replicas.map((replica) => replica.state.stats());
  for (const [index, stat] of stats.entries()) {
    assert.equal(stat.outages, 0, `replica ${index + 1}: no Redis outage (${JSON.stringify(stat)})`);
    assert.equal(stat.localDecisions, 0, `replica ${index + 1}: no decision taken locally`);
    assert.ok(stat.commands > 0, `replica ${index + 1}: sent Redis commands`);
  }
  return stats;
}

// One router replica for the fleet end-to-end tests, run with child_process.fork against the
// built packages (dist/, hence `tsc -b` first): a service's own OpenAI and node-redis clients,
// the router over redisStateBackend, driven by the test over IPC. Each routed call is reported
// back as a summary of its RouteRecord, so the test counts every call's record.
import { createRouter, parsePolicyTable, RoutedCallError } from "@modelpolicy/core";
import { openAIAdapter } from "@modelpolicy/openai";
import { redisStateBackend } from "@modelpolicy/redis";
import OpenAI from "openai";
import { createClient } from "redis";

let router;
let backend;
let client;
const warnings = [];

function summary(record) {
  return {
    outcome: record.outcome,
    errorClass: record.errorClass,
    modelServed: record.modelServed,
    fallbackReason: record.fallback.reason,
    costUsd: record.costUsd,
    spend: record.spend,
    attempts: record.attempts.map((attempt) => ({
      model: attempt.model,
      outcome: attempt.outcome,
      errorClass: attempt.errorClass,
      startedAt: attempt.startedAt,
      costUsd: attempt.costUsd,
    })),
  };
}

async function routeOne(task) {
  try {
    return summary(await router.run(task, { messages: [{ role: "user", content: "Classify this short document." }] }));
  } catch (error) {
    if (RoutedCallError.isInstance(error)) return summary(error.record);
    return { outcome: "thrown", errorClass: String(error) };
  }
}

async function run({ task, calls, concurrency }) {
  let next = 0;
  const worker = async () => {
    while (next < calls) {
      next += 1;
      process.send({ type: "record", record: await routeOne(task) });
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

process.on("message", async (message) => {
  if (message.type === "start") {
    client = createClient({
      url: message.redisUrl,
      disableOfflineQueue: true,
      socket: { connectTimeout: 1_000, reconnectStrategy: (retries) => Math.min(50 * (retries + 1), 250) },
    });
    client.on("error", () => undefined);
    await client.connect();
    backend = redisStateBackend(client, {
      ...message.backend,
      onDiagnostic: (text, error) => warnings.push(error === undefined ? text : `${text}: ${error?.message ?? error}`),
    });
    const openai = new OpenAI({ apiKey: "sk-test", baseURL: message.baseURL, maxRetries: 0 });
    router = createRouter(parsePolicyTable(message.table), {
      adapters: [openAIAdapter(openai)],
      state: backend,
      breaker: message.breaker,
      onDiagnostic: () => undefined,
    });
    process.send({ type: "started" });
  } else if (message.type === "run") {
    await run(message);
    process.send({ type: "ran" });
  } else if (message.type === "stats") {
    process.send({ type: "stats", stats: backend.stats(), warnings });
  } else if (message.type === "close") {
    await backend.close();
    await client.close().catch(() => undefined);
    process.exit(0);
  }
});

// Type check of the Redis lane (copied into the scratch app; compiled with its own typescript,
// never run): the user's node-redis client is accepted by `redisStateBackend` without a cast, and
// the backend is a router's `state`, next to the user's `OpenAI` client, as the README shows.
import { createRouter, defineTable, type StateBackend } from "@modelpolicy/core";
import { openAIAdapter } from "@modelpolicy/openai";
import { type RedisStateBackend, type RedisStateStats, redisStateBackend } from "@modelpolicy/redis";
import OpenAI from "openai";
import { createClient } from "redis";

const redis = createClient({ url: "redis://127.0.0.1:9", disableOfflineQueue: true });
const state: RedisStateBackend = redisStateBackend(redis, { replicas: 4, prefix: "{modelpolicy}" });
const shared: StateBackend = state;
const table = defineTable({
  version: "consumer-test-redis-1",
  tiers: { strong: { provider: "openai", model: "strong-model" } },
  rate_limits: { "openai/strong-model": { rpm: 500 } },
  policies: [
    {
      id: "summarise",
      version: "1",
      task: "contract_summary",
      model_tier: "strong",
      max_input_tokens: 2000,
      max_output_tokens: 200,
      evidence_required: false,
      review_required: false,
      fallback_policy: "stop",
      latency_tier: "fast",
      spend_budget: { usd: 40, window: "day", on_exhausted: "stop" },
    },
  ],
});
export const router = createRouter(table, {
  adapters: [openAIAdapter(new OpenAI({ apiKey: "sk", baseURL: "http://127.0.0.1:9/v1" }))],
  state: shared,
});
export const stats: RedisStateStats = state.stats();
export async function shutdown(): Promise<void> {
  await state.close();
  await redis.close();
}

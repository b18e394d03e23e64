import type { StateBackend } from "@modelpolicy/core";
import { observeStateBackend } from "@modelpolicy/otel";
import { redisStateBackend } from "@modelpolicy/redis";
import { createClient } from "redis";

/** A state backend a demo run shares with other processes, and how to let go of it. */
export interface FleetState {
  readonly state: StateBackend;
  close(): Promise<void>;
}

/**
 * The fleet-wide state backend when `MODELPOLICY_REDIS_URL` is set: rate limits, spend budgets
 * and circuit state shared through Redis by every demo process pointed at the same server, so
 * two processes stay under one budget. Without it each run keeps its state in memory, as one
 * replica would. `MODELPOLICY_REPLICAS` (default 2) sizes each process's fair share of a limit.
 */
export async function fleetStateFromEnv(env: NodeJS.ProcessEnv): Promise<FleetState | undefined> {
  const url = env.MODELPOLICY_REDIS_URL;
  if (!url) return undefined;
  const client = createClient({ url, disableOfflineQueue: true });
  // node-redis reports connection errors as events; the backend answers from local shares meanwhile.
  client.on("error", () => {});
  await client.connect();
  const state = redisStateBackend(client, { replicas: Number(env.MODELPOLICY_REPLICAS ?? 2) });
  // Outages and local decisions as model_policy.state.* counters, beside the one logged warning.
  const stopObserving = observeStateBackend(state);
  return {
    state,
    close: async () => {
      stopObserving();
      await state.close();
      await client.close();
    },
  };
}

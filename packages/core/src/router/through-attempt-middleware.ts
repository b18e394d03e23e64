import type { AttemptCall, AttemptResult } from "./router-middleware.js";
import type { RouterRuntime } from "./router-runtime.js";
import { runLayers } from "./run-layers.js";

/**
 * Sends one attempt (`send`) inside every `onAttempt` middleware, outermost first, and records
 * its outcome in `attempts`: the one path chat, streamed and embeddings attempts all take, so
 * telemetry sees each kind the same way. Without attempt middleware `send` runs as is.
 */
export async function throughAttemptMiddleware<T extends AttemptResult>(
  runtime: RouterRuntime,
  attempt: AttemptCall,
  attempts: AttemptResult["record"][],
  send: () => Promise<T>,
): Promise<T> {
  const sent =
    runtime.attemptMiddleware.length === 0
      ? await send()
      : await runLayers<T>(
          runtime.attemptMiddleware.map((middleware) => (next) => middleware.onAttempt?.(attempt, next)),
          send,
          runtime.report,
          "onAttempt",
        );
  attempts.push(sent.record);
  return sent;
}

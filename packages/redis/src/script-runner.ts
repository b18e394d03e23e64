import type { LuaScript } from "./lua-scripts.js";
import type { RedisClientLike } from "./redis-client-like.js";

/** A Redis command that took longer than the backend's command timeout; the caller went on without it. */
export class RedisTimeoutError extends Error {
  constructor(timeoutMs: number) {
    super(`Redis did not answer within ${timeoutMs} ms`);
    this.name = "RedisTimeoutError";
  }
}

/**
 * Runs the backend's Lua scripts over the user's client: by digest, and by source when Redis
 * answers NOSCRIPT (a restarted or flushed server has lost its script cache). Every run is cut
 * off at the command timeout, whatever the client's own settings (an offline queue can hold a
 * command for as long as a reconnect takes): nothing in a call waits on Redis longer than that.
 * A late reply is still applied by whoever awaits the original promise; only the wait ends.
 */
export class ScriptRunner {
  /** Commands sent so far (EVALSHA and EVAL alike), for `stats()` and the B6 benchmark. */
  commands = 0;

  constructor(
    private readonly client: RedisClientLike,
    private readonly timeoutMs: number,
  ) {}

  /**
   * The script's reply; rejects with the client's error or a {@link RedisTimeoutError} after
   * `timeoutMs` (default: the command timeout).
   */
  run(
    script: LuaScript,
    keys: readonly string[],
    args: readonly string[],
    timeoutMs = this.timeoutMs,
  ): Promise<unknown> {
    return withTimeout(this.evaluate(script, keys, args), timeoutMs);
  }

  private async evaluate(script: LuaScript, keys: readonly string[], args: readonly string[]): Promise<unknown> {
    const tail = [String(keys.length), ...keys, ...args];
    try {
      return await this.send(["EVALSHA", script.sha, ...tail]);
    } catch (error) {
      if (!String((error as Error | undefined)?.message).startsWith("NOSCRIPT")) throw error;
      return await this.send(["EVAL", script.source, ...tail]);
    }
  }

  private send(args: string[]): Promise<unknown> {
    this.commands += 1;
    try {
      return this.client.sendCommand(args);
    } catch (error) {
      // A closed client may throw instead of rejecting.
      return Promise.reject(error);
    }
  }
}

/** `promise`, or a {@link RedisTimeoutError} after `ms`; a late rejection is swallowed, not unhandled. */
export function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  promise.catch(() => undefined);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new RedisTimeoutError(ms)), ms);
    timer.unref();
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

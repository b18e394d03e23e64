import { type ChildProcess, fork } from "node:child_process";

/** A message a bench child sends back for one request. */
export interface Reply {
  readonly id: number;
  readonly ok: boolean;
  readonly value?: unknown;
  readonly error?: string;
}

/**
 * A child process driven by request/response messages over Node's IPC channel. Benchmark
 * variants run in children so each has its own module instances (instrumentations patch the
 * shared `openai` prototype, and OTel providers are process-global), while the parent runs them
 * one at a time, interleaved.
 */
export class BenchChild {
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  private exited: Error | undefined;

  private constructor(
    private readonly child: ChildProcess,
    readonly label: string,
  ) {
    child.on("message", (message: Reply) => {
      const entry = this.waiting.get(message.id);
      if (!entry) return;
      this.waiting.delete(message.id);
      if (message.ok) entry.resolve(message.value);
      else entry.reject(new Error(`${label}: ${message.error}`));
    });
    child.on("exit", (code, signal) => {
      this.exited = new Error(`${label} exited (code ${code}, signal ${signal})`);
      for (const entry of this.waiting.values()) entry.reject(this.exited);
      this.waiting.clear();
    });
  }

  /** Forks `script` with `args` and Node flags `execArgv`; resolves once it says it is ready. */
  static async start(
    script: string,
    args: readonly string[],
    label: string,
    execArgv: readonly string[] = [],
  ): Promise<BenchChild> {
    const child = fork(script, [...args], { execArgv: [...execArgv], stdio: ["ignore", "inherit", "inherit", "ipc"] });
    const handle = new BenchChild(child, label);
    await handle.request("ready", {});
    return handle;
  }

  /** Sends one request and resolves with the child's answer. */
  request<T>(type: string, payload: unknown): Promise<T> {
    if (this.exited) return Promise.reject(this.exited);
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.child.send({ id, type, payload });
    });
  }

  /** Asks the child to finish, then makes sure it is gone (after `graceMs`, by its own pid). */
  async stop(graceMs = 5_000): Promise<void> {
    if (this.exited) return;
    const gone = new Promise<void>((resolve) => this.child.once("exit", () => resolve()));
    this.request("stop", {}).catch(() => {});
    const timer = setTimeout(() => this.child.kill("SIGKILL"), graceMs);
    await gone;
    clearTimeout(timer);
  }
}

/** The child side: answers requests with `handlers`; `ready` and `stop` are built in. */
export function serveRequests(
  handlers: Record<string, (payload: never) => Promise<unknown> | unknown>,
  onStop?: () => Promise<void>,
): void {
  // A parent that dies (or is stopped) must not leave benchmark children behind.
  process.once("disconnect", () => {
    void Promise.resolve(onStop?.()).finally(() => process.exit(0));
  });
  process.on("message", async (message: { id: number; type: string; payload: unknown }) => {
    const send = (reply: Reply) => process.send?.(reply);
    if (message.type === "ready") return send({ id: message.id, ok: true });
    if (message.type === "stop") {
      try {
        await onStop?.();
      } finally {
        send({ id: message.id, ok: true });
        process.disconnect?.();
        setTimeout(() => process.exit(0), 50).unref();
      }
      return;
    }
    const handler = handlers[message.type];
    if (!handler) return send({ id: message.id, ok: false, error: `unknown request ${message.type}` });
    try {
      send({ id: message.id, ok: true, value: await handler(message.payload as never) });
    } catch (error) {
      send({
        id: message.id,
        ok: false,
        error: error instanceof Error ? (error.stack ?? error.message) : String(error),
      });
    }
  });
}

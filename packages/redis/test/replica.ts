import { type ChildProcess, fork } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";

/** A routed call as a replica reports it: its RouteRecord, summarised. */
export interface CallSummary {
  readonly outcome: string;
  readonly errorClass: string | undefined;
  readonly modelServed: string | undefined;
  readonly fallbackReason: string | undefined;
  readonly costUsd: number | null;
  readonly spend: { remainingUsd: number; decision?: { action: string } } | undefined;
  readonly attempts: readonly {
    model: string;
    outcome: string;
    errorClass: string | undefined;
    startedAt: number;
    costUsd: number | null;
  }[];
}

/** What a replica is started with. */
export interface ReplicaConfig {
  readonly redisUrl: string;
  readonly baseURL: string;
  readonly table: unknown;
  readonly backend: Record<string, unknown>;
  readonly breaker?: Record<string, unknown>;
}

/** The backend's counters and the diagnostics it reported. */
export interface ReplicaStats {
  readonly stats: { redisUp: boolean; localDecisions: number; outages: number; commands: number };
  readonly warnings: readonly string[];
}

/**
 * One router process (test/replica-process.mjs, on the built dist/), forked and driven over IPC.
 * Every call's record summary arrives in `records` as it settles.
 */
export class Replica {
  readonly records: CallSummary[] = [];
  private readonly child: ChildProcess;

  private constructor(readonly name: string) {
    this.child = fork(fileURLToPath(new URL("./replica-process.mjs", import.meta.url)), [], {
      // Not the test worker's flags: its source condition would load TypeScript sources, not dist/.
      execArgv: [],
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    this.child.on("message", (message: { type: string; record?: CallSummary }) => {
      if (message.type === "record" && message.record) this.records.push(message.record);
    });
  }

  /** Forks a replica and waits until its router is ready. */
  static async start(name: string, config: ReplicaConfig): Promise<Replica> {
    const replica = new Replica(name);
    await replica.request({ type: "start", ...config }, "started");
    return replica;
  }

  /** Runs `calls` calls of `task`, `concurrency` at a time; resolves when all settled. */
  async run(task: string, calls: number, concurrency = 1): Promise<void> {
    await this.request({ type: "run", task, calls, concurrency }, "ran");
  }

  async stats(): Promise<ReplicaStats> {
    return (await this.request({ type: "stats" }, "stats")) as unknown as ReplicaStats;
  }

  /** Closes the backend and the client, then the process; kills it if it does not exit in 5 s. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = once(this.child, "exit");
    this.child.send({ type: "close" });
    const timer = setTimeout(() => this.child.kill("SIGKILL"), 5_000);
    await exited;
    clearTimeout(timer);
  }

  private request(message: Record<string, unknown>, answer: string): Promise<Record<string, unknown>> {
    return new Promise((resolve, reject) => {
      const onMessage = (reply: Record<string, unknown>) => {
        if (reply.type !== answer) return;
        this.child.off("message", onMessage);
        this.child.off("exit", onExit);
        resolve(reply);
      };
      const onExit = (code: number | null) => reject(new Error(`replica ${this.name} exited (${code})`));
      this.child.on("message", onMessage);
      this.child.once("exit", onExit);
      this.child.send(message);
    });
  }
}

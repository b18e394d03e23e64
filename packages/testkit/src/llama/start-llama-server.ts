import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { findFreePorts } from "../stack/free-port.js";
import { addExitCleanup, type ManagedProcess, startManagedProcess } from "../stack/managed-process.js";
import { pollUntil } from "../stack/poll.js";
import { type LlamaServerInstall, locateLlamaServer } from "./locate-llama-server.js";

/** Options of {@link startLlamaServer}. */
export interface StartLlamaServerOptions {
  /** Server and model; default what `locateLlamaServer()` finds. */
  install?: LlamaServerInstall;
  /** The name `/v1/models` lists and completions echo (default `smollm2-135m-instruct`). */
  modelAlias?: string;
  /**
   * Context window in tokens (default 8192, SmolLM2's trained length). The server's own default
   * of 2048 is shorter than a contract plus an answer.
   */
  contextTokens?: number;
  /** CPU threads (default: all the machine has). */
  threads?: number;
  /**
   * Sampling seed. The server derives each request's seed from the previous one, so with a
   * fixed seed a run that sends the same requests in the same order samples the same answers.
   */
  seed?: number;
  /** Budget for loading the model and answering `/v1/models` (default 60 000 ms). */
  readyTimeoutMs?: number;
}

/** A running llama.cpp Python server. */
export interface RunningLlamaServer {
  /**
   * Everything the server logged so far: uvicorn's access lines (`"POST /v1/chat/completions
   * HTTP/1.1" 500 Internal Server Error`), exceptions, llama.cpp's timings.
   */
  log(): string;
  /** `http://127.0.0.1:PORT/v1`, the OpenAI client's `baseURL`. */
  baseURL: string;
  /** The model alias it serves (it answers any model name with the one model it loaded). */
  model: string;
  process: ManagedProcess;
  /** Stops the server (SIGTERM, then SIGKILL) and removes its log folder. Idempotent. */
  stop(): Promise<void>;
}

/**
 * Starts `python -m llama_cpp.server` with a real GGUF model on a free loopback port and resolves
 * once `GET /v1/models` answers, or rejects with the server's log tail. No chat format is passed:
 * the server takes SmolLM2's own template from the GGUF metadata (ChatML with a default system
 * message), which is what the model was tuned on. The process is killed if the test process
 * dies, like every managed process of the testkit.
 */
export async function startLlamaServer(options: StartLlamaServerOptions = {}): Promise<RunningLlamaServer> {
  const install = options.install ?? locateLlamaServer();
  const model = options.modelAlias ?? "smollm2-135m-instruct";
  const [port] = await findFreePorts(1);
  const folder = mkdtempSync(join(tmpdir(), "modelpolicy-llama-"));
  const forgetFolder = addExitCleanup(() => rmSync(folder, { recursive: true, force: true }));
  const server = startManagedProcess({
    name: "llama-server",
    command: install.python,
    args: [
      ...["-m", "llama_cpp.server", "--model", install.model, "--model_alias", model],
      ...["--host", "127.0.0.1", "--port", String(port)],
      ...["--n_ctx", String(options.contextTokens ?? 8192)],
      ...["--n_threads", String(options.threads ?? availableParallelism())],
      ...(options.seed === undefined ? [] : ["--seed", String(options.seed)]),
    ],
    // Unbuffered, so the log (read by tests and shown on failure) is complete at any moment.
    // Passive OpenMP waits: llama.cpp's threads sleep instead of spinning between steps, which
    // matters on a machine shared with other work (2.5 s per token was seen there, 15 ms idle).
    env: { PYTHONUNBUFFERED: "1", OMP_WAIT_POLICY: "PASSIVE" },
    logPath: join(folder, "llama-server.log"),
  });
  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    await server.stop();
    forgetFolder();
    rmSync(folder, { recursive: true, force: true });
  };
  const baseURL = `http://127.0.0.1:${port}/v1`;
  try {
    await pollUntil(
      async () => {
        const response = await fetch(`${baseURL}/models`);
        return response.ok ? true : undefined;
      },
      {
        timeoutMs: options.readyTimeoutMs ?? 60_000,
        intervalMs: 250,
        describe: () => `llama-server at ${baseURL}/models`,
        abortIf: () => server.exitReason(),
      },
    );
  } catch (error) {
    const tail = server.logTail(30);
    await stop();
    throw new Error(`${(error as Error).message}\n--- llama-server log\n${tail}`);
  }
  return { baseURL, model, process: server, stop, log: () => readFileSync(server.logPath, "utf8") };
}

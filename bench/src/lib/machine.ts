import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { availableParallelism, totalmem } from "node:os";
import { fileURLToPath } from "node:url";

/** What the numbers were measured on: recorded next to every result. */
export interface MachineInfo {
  readonly date: string;
  readonly node: string;
  readonly cpus: number;
  readonly cpuModel: string;
  readonly memoryGiB: number;
  readonly platform: string;
  /** Git HEAD and a short digest of each measured package's built JavaScript (the code that ran). */
  readonly code: Record<string, string>;
}

const REPOSITORY = fileURLToPath(new URL("../../../", import.meta.url));

/**
 * A 12-hex digest of a package's `dist/**\/*.js`: packages change under active development, so each
 * result says exactly which build it measured.
 */
function distDigest(pkg: string): string {
  const hash = createHash("sha256");
  const dist = `${REPOSITORY}packages/${pkg}/dist`;
  try {
    for (const file of (readdirSync(dist, { recursive: true }) as string[])
      .filter((name) => name.endsWith(".js"))
      .sort()) {
      hash.update(file).update(readFileSync(`${dist}/${file}`));
    }
  } catch {
    return "not built";
  }
  return hash.digest("hex").slice(0, 12);
}

function codeVersions(): Record<string, string> {
  let head = "unknown";
  try {
    head = execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: REPOSITORY, encoding: "utf8" }).trim();
    const dirty = execFileSync("git", ["status", "--porcelain", "--", "packages"], {
      cwd: REPOSITORY,
      encoding: "utf8",
    }).trim();
    if (dirty) head += " + uncommitted packages/";
  } catch {
    // not a git checkout
  }
  return {
    git: head,
    core: distDigest("core"),
    openai: distDigest("openai"),
    otel: distDigest("otel"),
    cli: distDigest("cli"),
  };
}

/** The machine and date of this run, with the CPU model as /proc/cpuinfo names it. */
export function machineInfo(): MachineInfo {
  let cpuModel = "unknown";
  try {
    const match = /^model name\s*:\s*(.+)$/m.exec(readFileSync("/proc/cpuinfo", "utf8"));
    if (match?.[1]) cpuModel = match[1].trim();
  } catch {
    // not Linux: keep "unknown"
  }
  return {
    date: new Date().toISOString(),
    node: process.version,
    cpus: availableParallelism(),
    cpuModel,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    platform: `${process.platform}-${process.arch}`,
    code: codeVersions(),
  };
}

/** One line naming the machine, for tables and summaries. */
export function machineLine(machine: MachineInfo): string {
  return `${machine.cpuModel}, ${machine.cpus} CPUs, ${machine.memoryGiB} GiB, Node ${machine.node}, ${machine.platform}, ${machine.date.slice(0, 10)}`;
}

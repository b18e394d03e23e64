/**
 * `node bench/dist/profile/cpu-profile.js [--stream [--chunks=N]] [variant ...] [--calls=N]`: CPU profiles of
 * B1 variants (with `--stream`, of B5's streamed variants) over the in-memory transport (no
 * socket, so the profile is the client stack only). Warm-up is excluded by starting the V8
 * profiler through the inspector after it, which `--cpu-prof` cannot do. Each profile is written
 * to `bench/profiles/<variant>.cpuprofile` (`b5-<variant>` for streams; open it in Chrome
 * DevTools) and summarised as self time per call by where the code lives; `b1-profile.json`
 * (`b5-profile.json`) gets the summary and the diff of each variant against (a).
 */
import { fork } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { fileURLToPath } from "node:url";
import { type B1Variant, prepareVariant } from "../b1/variants.js";
import { type B5Variant, prepareB5Variant } from "../b5/variants.js";
import { fixed, markdownTable } from "../lib/markdown.js";
import { RESULTS_DIR } from "../lib/results.js";

const PROFILES_DIR = fileURLToPath(new URL("../../profiles/", import.meta.url));

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** Where a frame's code lives, coarse enough to act on. */
export function bucketOf(url: string, functionName: string): string {
  if (url === "") return functionName.startsWith("(") ? functionName : `(native) ${functionName || "anonymous"}`;
  const workspace = /\/packages\/(core|otel|openai)\/dist\/(.+)\.js$/.exec(url);
  if (workspace) return `@modelpolicy/${workspace[1]}: ${workspace[2]}`;
  const pkg = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)\//.exec(url);
  if (pkg) {
    const name = pkg[1] as string;
    if (name === "@opentelemetry/sdk-trace" || name.startsWith("@opentelemetry/sdk-trace"))
      return `${name}: ${url.split("/").pop()}`;
    return name;
  }
  if (url.startsWith("node:")) return url.replace(/^node:internal\//, "node:").replace(/\/.*$/, "");
  if (url.includes("/bench/dist/")) return "bench harness";
  return url;
}

/** Self milliseconds per bucket and per function, from sample counts and time deltas. */
export function selfTimes(profile: CpuProfile): {
  buckets: Map<string, number>;
  functions: Map<string, number>;
  totalMs: number;
} {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const buckets = new Map<string, number>();
  const functions = new Map<string, number>();
  let totalMs = 0;
  for (let index = 0; index < profile.samples.length; index += 1) {
    const node = byId.get(profile.samples[index] as number);
    const deltaMs = (profile.timeDeltas[index] ?? 0) / 1000;
    if (!node) continue;
    const { url, functionName, lineNumber } = node.callFrame;
    if (functionName === "(idle)") continue;
    totalMs += deltaMs;
    const bucket = bucketOf(url, functionName);
    buckets.set(bucket, (buckets.get(bucket) ?? 0) + deltaMs);
    const fn = `${functionName || "(anonymous)"} ${url.split("/").slice(-2).join("/")}:${lineNumber + 1}`;
    functions.set(fn, (functions.get(fn) ?? 0) + deltaMs);
  }
  return { buckets, functions, totalMs };
}

/** A variant ready to be called, whichever benchmark it comes from. */
interface Profiled {
  call(): Promise<unknown>;
  telemetry: { flush(): Promise<void>; shutdown(): Promise<void> } | undefined;
}

async function prepared(variant: string, stream: boolean): Promise<Profiled> {
  if (!stream) return prepareVariant(variant as B1Variant, "memory");
  const ready = prepareB5Variant(variant as B5Variant, "memory");
  // `--chunks=N` profiles shorter answers, where the per-stream work stands out.
  const chunks = process.argv.find((arg) => arg.startsWith("--chunks="))?.split("=")[1];
  if (chunks !== undefined && ready.memory) ready.memory.answerChunks = Number(chunks);
  return ready;
}

async function profileVariant(variant: string, calls: number, stream: boolean): Promise<void> {
  // Enabling the profiler before warm-up makes V8 keep detailed source positions for the code it
  // optimises, so time in inlined functions is charged to them and not to their caller.
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.setSamplingInterval", { interval: 50 });
  const ready = await prepared(variant, stream);
  for (let index = 0; index < (stream ? 300 : 3000); index += 1) await ready.call();
  await ready.telemetry?.flush();
  await session.post("Profiler.start");
  const started = performance.now();
  for (let index = 0; index < calls; index += 1) await ready.call();
  await ready.telemetry?.flush();
  const wallMs = performance.now() - started;
  const { profile } = (await session.post("Profiler.stop")) as unknown as { profile: CpuProfile };
  session.disconnect();
  mkdirSync(PROFILES_DIR, { recursive: true });
  writeFileSync(`${PROFILES_DIR}${stream ? "b5-" : ""}${variant}.cpuprofile`, JSON.stringify(profile));
  const { buckets, functions, totalMs } = selfTimes(profile);
  const perCall = (map: Map<string, number>) =>
    Object.fromEntries([...map].sort((a, b) => b[1] - a[1]).map(([key, ms]) => [key, (ms * 1000) / calls]));
  process.send?.({
    variant,
    calls,
    wallUsPerCall: (wallMs * 1000) / calls,
    sampledUsPerCall: (totalMs * 1000) / calls,
    buckets: perCall(buckets),
    functions: perCall(functions),
  });
  await ready.telemetry?.shutdown();
}

interface VariantProfile {
  variant: string;
  calls: number;
  wallUsPerCall: number;
  sampledUsPerCall: number;
  buckets: Record<string, number>;
  functions: Record<string, number>;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const stream = args.includes("--stream");
  const calls = Number(args.find((arg) => arg.startsWith("--calls="))?.split("=")[1] ?? (stream ? 2_000 : 20_000));
  const variants = args.filter((arg) => !arg.startsWith("--"));
  const chosen = variants.length > 0 ? variants : stream ? ["a", "d0", "d1", "d"] : ["a", "d0", "d-otel", "d"];
  const results: VariantProfile[] = [];
  for (const variant of chosen) {
    // One process per variant: instrumentation patches and OTel globals must not meet.
    const child = fork(
      fileURLToPath(import.meta.url),
      [
        "--child",
        variant,
        `--calls=${calls}`,
        ...args.filter((arg) => arg === "--stream" || arg.startsWith("--chunks=")),
      ],
      { stdio: "inherit" },
    );
    const result = await new Promise<VariantProfile>((resolve, reject) => {
      child.once("message", (message) => resolve(message as VariantProfile));
      child.once("exit", (code) => (code === 0 ? undefined : reject(new Error(`${variant} profile exited ${code}`))));
    });
    await new Promise((resolve) => child.once("exit", resolve));
    results.push(result);
    console.log(
      `  profiled ${variant}: ${fixed(result.wallUsPerCall, 1)} µs/call wall, ${fixed(result.sampledUsPerCall, 1)} µs/call sampled`,
    );
  }
  const baseline = results.find((result) => result.variant === "a") ?? results[0]!;
  const keys = [...new Set(results.flatMap((result) => Object.keys(result.buckets)))];
  const rows = keys
    .map((key) => [key, ...results.map((result) => result.buckets[key] ?? 0)] as [string, ...number[]])
    .filter((row) => row.slice(1).some((value) => (value as number) >= 0.5))
    .sort(
      (a, b) =>
        (b[b.length - 1] as number) -
        (baseline.buckets[b[0]] ?? 0) -
        ((a[a.length - 1] as number) - (baseline.buckets[a[0]] ?? 0)),
    );
  const table = markdownTable(
    [
      "where (self time)",
      ...results.map((result) => `${result.variant} µs/call`),
      `${results.at(-1)!.variant} − ${baseline.variant}`,
    ],
    rows.map(([key, ...values]) => [
      key,
      ...values.map((value) => fixed(value as number, 1)),
      fixed((values.at(-1) as number) - (baseline.buckets[key] ?? 0), 1),
    ]),
  );
  console.log(`\n${table}\n`);
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(
    `${RESULTS_DIR}${stream ? "b5" : "b1"}-profile.json`,
    `${JSON.stringify({ calls, variants: results.map((result) => ({ ...result, functions: Object.fromEntries(Object.entries(result.functions).slice(0, 60)) })) }, null, 2)}\n`,
  );
  writeFileSync(`${PROFILES_DIR}${stream ? "b5-" : ""}buckets.md`, `${table}\n`);
}

if (process.argv[2] === "--child") {
  const calls = Number(process.argv.find((arg) => arg.startsWith("--calls="))?.split("=")[1] ?? 20_000);
  await profileVariant(process.argv[3] as string, calls, process.argv.includes("--stream"));
  process.exit(0);
} else {
  await main();
}

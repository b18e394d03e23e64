/**
 * `node bench/dist/profile/stream-pieces.js [--core=<dir>] [--rounds=N] [--streams=N]`: what
 * `router.stream` costs per stream and per chunk on its own, with no SDK and no telemetry. An
 * in-process v2 adapter yields prebuilt parts; the same parts are read bare (the floor) and
 * through the router, long ({@link LONG} text chunks) and short ({@link SHORT}) answers in
 * alternating blocks, so per chunk = (long − short) / (LONG − SHORT) with per-stream work
 * cancelled out. `--core` loads the router from another build of `@modelpolicy/core` (a copy of
 * an older `dist/`), for before/after pairs on the same machine. Also counts the promises a
 * chunk creates (async hooks), which is what most of the per-chunk cost is.
 */
import { createHook } from "node:async_hooks";
import { benchTable, extractionMessages, MODEL, TASK } from "../lib/fixtures.js";
import { fixed, markdownTable } from "../lib/markdown.js";
import { spread } from "../lib/stats.js";

const LONG = 200;
const SHORT = 10;

const args = process.argv.slice(2);
const flag = (name: string) => args.find((arg) => arg.startsWith(`--${name}=`))?.split("=")[1];
const corePath = flag("core");
const rounds = Number(flag("rounds") ?? 15);
const streamsPerBlock = Number(flag("streams") ?? 200);

const core = (await import(
  corePath ? `${corePath}/index.js` : "@modelpolicy/core"
)) as typeof import("@modelpolicy/core");

type Part =
  | { type: "response-metadata"; servedModel: string; responseId: string }
  | { type: "text-delta"; text: string }
  | { type: "finish"; finishReason: "stop"; usage: { inputTokens: number; outputTokens: number }; servedModel: string };

function partsOf(chunks: number): Part[] {
  const parts: Part[] = [{ type: "response-metadata", servedModel: MODEL, responseId: "chatcmpl-bench" }];
  for (let index = 0; index < chunks; index += 1) parts.push({ type: "text-delta", text: "8 chars " });
  parts.push({
    type: "finish",
    finishReason: "stop",
    usage: { inputTokens: 1100, outputTokens: chunks * 2 },
    servedModel: MODEL,
  });
  return parts;
}

const answers = new Map([LONG, SHORT].map((chunks) => [chunks, partsOf(chunks)]));
let answerChunks = LONG;

/** An adapter's stream the way the OpenAI adapter's is built: an async generator over the provider's parts. */
async function* adapterStream(): AsyncGenerator<Part> {
  for (const part of answers.get(answerChunks) ?? []) yield part;
}

const adapter = {
  specificationVersion: "v2" as const,
  provider: "openai",
  generate: async () => {
    throw new Error("streamed only");
  },
  stream: () => adapterStream(),
};
const router = core.createRouter(benchTable, { adapters: [adapter] });
const messages = extractionMessages();

async function bare(): Promise<number> {
  let text = 0;
  for await (const part of adapterStream()) if (part.type === "text-delta") text += part.text.length;
  return text;
}

async function routed(): Promise<number> {
  let text = 0;
  const stream = router.stream(TASK, { messages });
  for await (const delta of stream) text += delta.length;
  const result = await stream.result;
  if (result.outcome !== "ok") throw new Error(`streamed call ended ${result.outcome}`);
  return text;
}

async function cpuPerStream(run: () => Promise<number>, chunks: number): Promise<number> {
  answerChunks = chunks;
  const before = process.cpuUsage();
  for (let index = 0; index < streamsPerBlock; index += 1) {
    if ((await run()) !== chunks * 8) throw new Error("a chunk was lost");
  }
  const used = process.cpuUsage(before);
  return (used.user + used.system) / streamsPerBlock;
}

async function promisesPerStream(run: () => Promise<number>, chunks: number): Promise<number> {
  answerChunks = chunks;
  let count = 0;
  const hook = createHook({
    init(_id, type) {
      if (type === "PROMISE") count += 1;
    },
  }).enable();
  for (let index = 0; index < 50; index += 1) await run();
  hook.disable();
  return count / 50;
}

const ways = { bare, routed };
for (let index = 0; index < 3; index += 1) {
  for (const run of Object.values(ways)) {
    await cpuPerStream(run, LONG);
    await cpuPerStream(run, SHORT);
  }
}
const perChunk: Record<string, number[]> = { bare: [], routed: [] };
const perStream: Record<string, number[]> = { bare: [], routed: [] };
for (let round = 0; round < rounds; round += 1) {
  for (const [name, run] of round % 2 === 0 ? Object.entries(ways) : Object.entries(ways).reverse()) {
    const long = await cpuPerStream(run, LONG);
    const short = await cpuPerStream(run, SHORT);
    const chunk = (long - short) / (LONG - SHORT);
    perChunk[name]!.push(chunk);
    perStream[name]!.push(short - SHORT * chunk);
  }
  process.stdout.write(`\r  round ${round + 1}/${rounds}`);
}
process.stdout.write("\n");
const promises = {
  bare: [await promisesPerStream(bare, LONG), await promisesPerStream(bare, SHORT)],
  routed: [await promisesPerStream(routed, LONG), await promisesPerStream(routed, SHORT)],
};
const row = (name: "bare" | "routed") => {
  const chunk = spread(perChunk[name]!);
  const stream = spread(perStream[name]!);
  const [long, short] = promises[name] as [number, number];
  return [
    name === "bare" ? "adapter stream read bare" : "router.stream over it",
    `${fixed(chunk.min, 2)} / **${fixed(chunk.median, 2)}** / ${fixed(chunk.max, 2)}`,
    `${fixed(stream.min, 1)} / **${fixed(stream.median, 1)}** / ${fixed(stream.max, 1)}`,
    fixed((long - short) / (LONG - SHORT), 2),
    fixed(short - SHORT * ((long - short) / (LONG - SHORT)), 1),
  ];
};
const added = perChunk.routed!.map((value, index) => value - (perChunk.bare![index] ?? Number.NaN));
const addedStream = perStream.routed!.map((value, index) => value - (perStream.bare![index] ?? Number.NaN));
console.log(
  `\n${corePath ? `core from ${corePath}` : "core from the workspace"}; ${rounds} rounds of ${streamsPerBlock} streams per block\n\n` +
    markdownTable(
      ["way", "CPU µs per chunk", "CPU µs per stream", "promises per chunk", "promises per stream"],
      [row("bare"), row("routed")],
    ) +
    `\n\nrouter added per chunk (paired per round): ${fixed(spread(added).min, 2)} / **${fixed(spread(added).median, 2)}** / ${fixed(spread(added).max, 2)} µs; ` +
    `per stream: ${fixed(spread(addedStream).median, 1)} µs`,
);

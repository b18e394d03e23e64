import { loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { BenchChild } from "../lib/ipc.js";
import { type MachineInfo, machineLine } from "../lib/machine.js";
import { fixed, markdownTable, triple } from "../lib/markdown.js";
import { writeResult } from "../lib/results.js";
import { interleavedOrder, quantileSorted, type Spread, spread } from "../lib/stats.js";
import { B5_CHUNK_CHARS, B5_CONTENT_CHUNKS, B5_SHORT_CHUNKS } from "./stream-answer.js";
import { B5_LABELS, B5_VARIANTS, type B5Variant } from "./variants.js";
import type { B5Block } from "./worker.js";

/** B5's knobs; defaults are what the committed results used. */
export interface B5Options {
  repeats: number;
  /** Sequential streamed calls per repeat and variant, split into `rounds` interleaved rounds. */
  callsPerRepeat: number;
  rounds: number;
  /** `loopback`: the fake server process; `memory`: an in-memory fetch (B5m, client CPU only). */
  transport: "loopback" | "memory";
}

export const B5_DEFAULTS: B5Options = { repeats: 5, callsPerRepeat: 400, rounds: 10, transport: "loopback" };

/** B5m's defaults: streams cost a fraction of a millisecond in memory, so more of them. */
export const B5M_DEFAULTS: B5Options = { repeats: 7, callsPerRepeat: 2000, rounds: 10, transport: "memory" };

/** Smoke-run knobs (`--quick`). */
export const B5_QUICK: Omit<B5Options, "transport"> = { repeats: 2, callsPerRepeat: 100, rounds: 4 };

interface B5Repeat {
  firstChunkP50Ms: number;
  firstChunkP99Ms: number;
  cpuUsPerCall: number;
  /** B5m: CPU per call of the {@link B5_SHORT_CHUNKS}-chunk answer, same repeat and rounds. */
  cpuUsPerShortCall: number;
  chunksPerCall: number;
  failures: number;
}

interface B5Summary {
  variant: B5Variant;
  label: string;
  firstChunkP50Ms: Spread;
  firstChunkP99Ms: Spread;
  cpuUsPerCall: Spread;
  /** CPU per call over the answer's chunks: per-call work spread over them included. */
  cpuUsPerChunk: Spread;
  /** B5m: what one more chunk costs, (long − short) / (chunks apart); per-call work cancels out. */
  cpuUsPerExtraChunk: Spread;
  /** B5m: what a stream costs besides its chunks (the short answer minus its chunks at that rate). */
  cpuUsPerStream: Spread;
  /** Paired with (a) within each repeat, then the median over repeats (and its min/max). */
  addedFirstChunkMs: Spread;
  addedCpuUsPerCall: Spread;
  addedCpuUsPerChunk: Spread;
  addedCpuUsPerExtraChunk: Spread;
  addedCpuUsPerStream: Spread;
  chunksPerCall: number;
  failures: number;
  repeats: B5Repeat[];
}

/**
 * B5: what streaming through the router costs over the SDK's own stream. Each variant runs in
 * its own process; every repeat's calls run in rounds that visit the variants in rotating order,
 * so the machine's load lands on all alike. On loopback a fake server in its own process streams
 * every answer as {@link B5_CONTENT_CHUNKS} chunks with no delay; in memory (B5m) the client's
 * `fetch` streams prebuilt events, and each visit also times a {@link B5_SHORT_CHUNKS}-chunk answer
 * so the cost of one more chunk is measured apart from the cost of a stream.
 */
export async function runB5(machine: MachineInfo, options: B5Options = B5_DEFAULTS): Promise<B5Summary[]> {
  const memory = options.transport === "memory";
  const name = memory ? "b5m" : "b5";
  const loadBefore = loadavg();
  const server = memory
    ? undefined
    : await BenchChild.start(fileURLToPath(new URL("./stream-server.js", import.meta.url)), [], "b5:server");
  const children = new Map<B5Variant, BenchChild>();
  try {
    const baseURL = server ? (await server.request<{ baseURL: string }>("start", {})).baseURL : "memory";
    const workerScript = fileURLToPath(new URL("./worker.js", import.meta.url));
    for (const variant of B5_VARIANTS) {
      const child = await BenchChild.start(workerScript, [variant, baseURL], `${name}:${variant}`);
      children.set(variant, child);
      const check = await child.request<{ chunks: number; spans: number; expectedSpansPerCall: number }>("prepare", {});
      if (check.spans !== check.expectedSpansPerCall)
        throw new Error(`${name}:${variant} exported ${check.spans} span(s), expected ${check.expectedSpansPerCall}`);
      if (check.chunks !== B5_CONTENT_CHUNKS)
        throw new Error(`${name}:${variant} got ${check.chunks} text chunks, expected ${B5_CONTENT_CHUNKS}`);
      await child.request("block", { calls: Math.ceil(options.callsPerRepeat / 2) });
      if (memory)
        await child.request("block", { calls: Math.ceil(options.callsPerRepeat / 2), answerChunks: B5_SHORT_CHUNKS });
      console.log(
        `  ${name} ${variant.padEnd(2)} ready and warmed up (${check.chunks} chunks, ${check.spans} span(s) per call)`,
      );
    }
    const repeats = new Map<B5Variant, B5Repeat[]>();
    const perRound = Math.ceil(options.callsPerRepeat / options.rounds);
    for (let repeat = 0; repeat < options.repeats; repeat += 1) {
      const rounds = new Map<B5Variant, B5Block[]>();
      const shortRounds = new Map<B5Variant, B5Block[]>();
      for (let round = 0; round < options.rounds; round += 1) {
        for (const variant of interleavedOrder(B5_VARIANTS, repeat * options.rounds + round)) {
          const child = children.get(variant)!;
          const block = await child.request<B5Block>("block", {
            calls: perRound,
            answerChunks: memory ? B5_CONTENT_CHUNKS : undefined,
          });
          checkBlock(name, variant, block, B5_CONTENT_CHUNKS, memory);
          rounds.set(variant, [...(rounds.get(variant) ?? []), block]);
          if (memory) {
            const short = await child.request<B5Block>("block", { calls: perRound, answerChunks: B5_SHORT_CHUNKS });
            checkBlock(name, variant, short, B5_SHORT_CHUNKS, memory);
            shortRounds.set(variant, [...(shortRounds.get(variant) ?? []), short]);
          }
        }
        process.stdout.write(
          `\r  ${name} repeat ${repeat + 1}/${options.repeats}: round ${round + 1}/${options.rounds}`,
        );
      }
      process.stdout.write("\n");
      for (const variant of B5_VARIANTS) {
        const pooled = pool(rounds.get(variant) ?? [], shortRounds.get(variant) ?? []);
        repeats.set(variant, [...(repeats.get(variant) ?? []), pooled]);
        console.log(
          `  ${name} repeat ${repeat + 1}/${options.repeats} ${variant.padEnd(2)}  first chunk p50 ${fixed(pooled.firstChunkP50Ms, 3)} ms  ` +
            `cpu ${fixed(pooled.cpuUsPerCall, 0)} µs/call` +
            (memory
              ? `, ${fixed(extraChunk(pooled), 2)} µs per extra chunk`
              : `, ${fixed(pooled.cpuUsPerCall / B5_CONTENT_CHUNKS, 2)} µs/chunk`),
        );
      }
    }
    const base = repeats.get("a") ?? [];
    const summaries = B5_VARIANTS.map((variant): B5Summary => {
      const own = repeats.get(variant) ?? [];
      const paired = (pick: (block: B5Repeat) => number) =>
        spread(own.map((block, index) => pick(block) - (base[index] ? pick(base[index]) : Number.NaN)));
      const perChunk = (block: B5Repeat) => block.cpuUsPerCall / B5_CONTENT_CHUNKS;
      return {
        variant,
        label: B5_LABELS[variant],
        firstChunkP50Ms: spread(own.map((block) => block.firstChunkP50Ms)),
        firstChunkP99Ms: spread(own.map((block) => block.firstChunkP99Ms)),
        cpuUsPerCall: spread(own.map((block) => block.cpuUsPerCall)),
        cpuUsPerChunk: spread(own.map(perChunk)),
        cpuUsPerExtraChunk: spread(own.map(extraChunk)),
        cpuUsPerStream: spread(own.map(perStream)),
        addedFirstChunkMs: paired((block) => block.firstChunkP50Ms),
        addedCpuUsPerCall: paired((block) => block.cpuUsPerCall),
        addedCpuUsPerChunk: paired(perChunk),
        addedCpuUsPerExtraChunk: paired(extraChunk),
        addedCpuUsPerStream: paired(perStream),
        chunksPerCall: spread(own.map((block) => block.chunksPerCall)).median,
        failures: own.reduce((sum, block) => sum + block.failures, 0),
        repeats: own,
      };
    });
    const load = { before: loadBefore, after: loadavg() };
    const markdown = memory
      ? b5mMarkdown(summaries, options, machine, load)
      : b5Markdown(summaries, options, machine, load);
    console.log(`\n${markdown}\n`);
    writeResult(
      name,
      {
        machine,
        options,
        load,
        chunksPerAnswer: B5_CONTENT_CHUNKS,
        shortChunks: memory ? B5_SHORT_CHUNKS : undefined,
        variants: summaries,
      },
      markdown,
    );
    return summaries;
  } finally {
    await Promise.all([...children.values()].map((child) => child.stop()));
    await server?.stop();
  }
}

/**
 * A lost or extra chunk would make the variants' work differ: stop rather than time it. In memory
 * nothing can fail but the code, so a failed call stops the run too; on loopback it is counted.
 */
function checkBlock(name: string, variant: B5Variant, block: B5Block, chunks: number, strict: boolean): void {
  if (strict && block.failures > 0)
    throw new Error(`${name}:${variant}: ${block.failures} call(s) failed: ${block.firstError}`);
  if (block.failures < block.calls && block.chunksPerCall !== chunks)
    throw new Error(`${name}:${variant} got ${block.chunksPerCall} text chunks per call, expected ${chunks}`);
}

/** B5m: CPU of one more chunk, from the long and the short answer of the same rounds. */
function extraChunk(block: B5Repeat): number {
  return (block.cpuUsPerCall - block.cpuUsPerShortCall) / (B5_CONTENT_CHUNKS - B5_SHORT_CHUNKS);
}

/** B5m: CPU of a stream apart from its chunks. */
function perStream(block: B5Repeat): number {
  return block.cpuUsPerShortCall - B5_SHORT_CHUNKS * extraChunk(block);
}

function pool(blocks: readonly B5Block[], shortBlocks: readonly B5Block[]): B5Repeat {
  const firstChunks = blocks.flatMap((block) => block.firstChunks).sort((a, b) => a - b);
  const perCall = (of: readonly B5Block[]) =>
    of.reduce((sum, block) => sum + block.cpuUsPerCall * block.calls, 0) /
    of.reduce((sum, block) => sum + block.calls, 0);
  const calls = blocks.reduce((sum, block) => sum + block.calls, 0);
  return {
    firstChunkP50Ms: quantileSorted(firstChunks, 0.5),
    firstChunkP99Ms: quantileSorted(firstChunks, 0.99),
    cpuUsPerCall: perCall(blocks),
    cpuUsPerShortCall: shortBlocks.length > 0 ? perCall(shortBlocks) : Number.NaN,
    chunksPerCall: blocks.reduce((sum, block) => sum + block.chunksPerCall * block.calls, 0) / calls,
    failures: [...blocks, ...shortBlocks].reduce((sum, block) => sum + block.failures, 0),
  };
}

function signed(value: number, decimals: number): string {
  return `${value >= 0 ? "+" : ""}${fixed(value, decimals)}`;
}

function added(spreadOf: Spread, decimals: number): string {
  return `${signed(spreadOf.min, decimals)} / **${signed(spreadOf.median, decimals)}** / ${signed(spreadOf.max, decimals)}`;
}

interface Load {
  before: number[];
  after: number[];
}

function loadLine(load: Load): string {
  return `load average ${fixed(load.before[0] ?? Number.NaN, 1)} at the start, ${fixed(load.after[0] ?? Number.NaN, 1)} at the end`;
}

function b5Markdown(summaries: B5Summary[], options: B5Options, machine: MachineInfo, load: Load): string {
  const rows = summaries.map((summary) => [
    summary.label,
    triple(summary.firstChunkP50Ms, 3),
    summary.variant === "a" ? "—" : added(summary.addedFirstChunkMs, 3),
    triple(summary.firstChunkP99Ms, 3),
    triple(summary.cpuUsPerCall, 0),
    summary.variant === "a" ? "—" : added(summary.addedCpuUsPerCall, 0),
    triple(summary.cpuUsPerChunk, 2),
    summary.variant === "a" ? "—" : added(summary.addedCpuUsPerChunk, 3),
    String(summary.failures),
  ]);
  return [
    "### B5 — streaming overhead",
    "",
    `${machineLine(machine)}, ${loadLine(load)}. Every answer streams as ${B5_CONTENT_CHUNKS} text chunks of ${B5_CHUNK_CHARS} characters ` +
      "(plus role, finish and usage chunks) from the testkit fake server in its own process, no delay between chunks; 4 KB prompt, plain text. " +
      "(a) iterates `client.chat.completions.create({ stream: true, stream_options: { include_usage: true } })`; the routed variants iterate `router.stream(task, request)` and await `result`: " +
      "(d0) with no middleware, (d1) with the otel middleware, (d) with the otel middleware and the `LedgerSpanExporter` (same OTel setup as B1's). " +
      `${options.callsPerRepeat} sequential calls per repeat and variant in ${options.rounds} interleaved rounds, ${options.repeats} repeats, each variant in its own process. ` +
      "Time to first chunk: from the call to the first text delta the caller got. CPU: the client process's user + system time per call, span export flush included; per chunk = per call / " +
      `${B5_CONTENT_CHUNKS}, so a routed variant's added CPU per chunk also carries its per-call cost (routing, spans, ledger) spread over the chunks; B5m separates the two. ` +
      "Added figures are paired with (a) within each repeat: min / **median** / max over repeats. Targets: first chunk added ≤ 0.05 ms, CPU per chunk added ≤ 1 µs.",
    "",
    markdownTable(
      [
        "variant",
        "first chunk p50 ms",
        "added ms (paired)",
        "first chunk p99 ms",
        "CPU µs/call",
        "added µs/call (paired)",
        "CPU µs/chunk",
        "added µs/chunk (paired)",
        "failures",
      ],
      rows,
    ),
  ].join("\n");
}

function b5mMarkdown(summaries: B5Summary[], options: B5Options, machine: MachineInfo, load: Load): string {
  const rows = summaries.map((summary) => {
    const base = summary.variant === "a";
    return [
      summary.label,
      triple(summary.firstChunkP50Ms, 3),
      base ? "—" : added(summary.addedFirstChunkMs, 3),
      triple(summary.firstChunkP99Ms, 3),
      triple(summary.cpuUsPerCall, 0),
      base ? "—" : added(summary.addedCpuUsPerCall, 1),
      triple(summary.cpuUsPerStream, 0),
      base ? "—" : added(summary.addedCpuUsPerStream, 1),
      triple(summary.cpuUsPerExtraChunk, 2),
      base ? "—" : added(summary.addedCpuUsPerExtraChunk, 2),
      base ? "—" : added(summary.addedCpuUsPerChunk, 2),
    ];
  });
  return [
    "### B5m — the same streams with no socket (CPU-only overhead)",
    "",
    `${machineLine(machine)}, ${loadLine(load)}. The OpenAI client gets an in-memory \`fetch\` whose \`Response\` body is a \`ReadableStream\` of the prebuilt server-sent events the fake server writes, one event per read, ` +
      `so the loopback noise is gone and everything timed is client CPU; same variants and setup as B5. Each visit of a variant runs ${Math.ceil(options.callsPerRepeat / options.rounds)} streams of ${B5_CONTENT_CHUNKS} text chunks, then as many of ${B5_SHORT_CHUNKS}: ` +
      `${options.callsPerRepeat} of each per repeat and variant in ${options.rounds} interleaved rounds, ${options.repeats} repeats, each variant in its own process, no failures allowed (a block with a failed call or a lost chunk stops the run). ` +
      `Time to first chunk: from the call to the first text delta the caller got (${B5_CONTENT_CHUNKS}-chunk streams). CPU per call: user + system time per ${B5_CONTENT_CHUNKS}-chunk stream, span export flush included. ` +
      `Per extra chunk: (CPU of a ${B5_CONTENT_CHUNKS}-chunk stream − CPU of a ${B5_SHORT_CHUNKS}-chunk stream) / ${B5_CONTENT_CHUNKS - B5_SHORT_CHUNKS}, what one more chunk costs with the per-call work cancelled out; ` +
      "per stream: the rest (the short stream minus its chunks at that rate). The last column is the loopback table's measure, added CPU per call / " +
      `${B5_CONTENT_CHUNKS}. Added figures are paired with (a) within each repeat: min / **median** / max over repeats. Targets: first chunk added ≤ 0.05 ms, CPU per chunk added ≤ 1 µs.`,
    "",
    markdownTable(
      [
        "variant",
        "first chunk p50 ms",
        "added ms (paired)",
        "first chunk p99 ms",
        `CPU µs/call (${B5_CONTENT_CHUNKS} chunks)`,
        "added µs/call (paired)",
        "CPU µs/stream",
        "added µs/stream (paired)",
        "CPU µs per extra chunk",
        "added µs per extra chunk (paired)",
        `added µs/chunk as per call / ${B5_CONTENT_CHUNKS}`,
      ],
      rows,
    ),
  ].join("\n");
}

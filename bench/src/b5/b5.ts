import { fileURLToPath } from "node:url";
import { BenchChild } from "../lib/ipc.js";
import { type MachineInfo, machineLine } from "../lib/machine.js";
import { fixed, markdownTable, triple } from "../lib/markdown.js";
import { writeResult } from "../lib/results.js";
import { interleavedOrder, quantileSorted, type Spread, spread } from "../lib/stats.js";
import { B5_CHUNK_CHARS, B5_CONTENT_CHUNKS } from "./stream-answer.js";
import { B5_LABELS, B5_VARIANTS, type B5Variant } from "./variants.js";
import type { B5Block } from "./worker.js";

/** B5's knobs; defaults are what the committed results used. */
export interface B5Options {
  repeats: number;
  /** Sequential streamed calls per repeat and variant, split into `rounds` interleaved rounds. */
  callsPerRepeat: number;
  rounds: number;
}

export const B5_DEFAULTS: B5Options = { repeats: 5, callsPerRepeat: 400, rounds: 10 };

/** B5's smoke-run knobs (`--quick`). */
export const B5_QUICK: B5Options = { repeats: 2, callsPerRepeat: 100, rounds: 4 };

interface B5Repeat {
  firstChunkP50Ms: number;
  firstChunkP99Ms: number;
  cpuUsPerCall: number;
  chunksPerCall: number;
  failures: number;
}

interface B5Summary {
  variant: B5Variant;
  label: string;
  firstChunkP50Ms: Spread;
  firstChunkP99Ms: Spread;
  cpuUsPerCall: Spread;
  cpuUsPerChunk: Spread;
  /** Paired with (a) within each repeat, then the median over repeats (and its min/max). */
  addedFirstChunkMs: Spread;
  addedCpuUsPerCall: Spread;
  addedCpuUsPerChunk: Spread;
  chunksPerCall: number;
  failures: number;
  repeats: B5Repeat[];
}

/**
 * B5: what streaming through the router costs over the SDK's own stream. A fake server in its
 * own process streams every answer as {@link B5_CONTENT_CHUNKS} chunks with no delay; each
 * variant runs in its own process; every repeat's calls run in rounds that visit the variants in
 * rotating order, so the machine's load lands on both alike.
 */
export async function runB5(machine: MachineInfo, options: B5Options = B5_DEFAULTS): Promise<B5Summary[]> {
  const server = await BenchChild.start(fileURLToPath(new URL("./stream-server.js", import.meta.url)), [], "b5:server");
  const children = new Map<B5Variant, BenchChild>();
  try {
    const { baseURL } = await server.request<{ baseURL: string }>("start", {});
    const workerScript = fileURLToPath(new URL("./worker.js", import.meta.url));
    for (const variant of B5_VARIANTS) {
      const child = await BenchChild.start(workerScript, [variant, baseURL], `b5:${variant}`);
      children.set(variant, child);
      const check = await child.request<{ chunks: number; spans: number; expectedSpansPerCall: number }>("prepare", {});
      if (check.spans !== check.expectedSpansPerCall)
        throw new Error(`b5:${variant} exported ${check.spans} span(s), expected ${check.expectedSpansPerCall}`);
      if (check.chunks !== B5_CONTENT_CHUNKS)
        throw new Error(`b5:${variant} got ${check.chunks} text chunks, expected ${B5_CONTENT_CHUNKS}`);
      await child.request("block", { calls: Math.ceil(options.callsPerRepeat / 2) });
      console.log(`  b5 ${variant} ready and warmed up (${check.chunks} chunks, ${check.spans} span(s) per call)`);
    }
    const repeats = new Map<B5Variant, B5Repeat[]>();
    const perRound = Math.ceil(options.callsPerRepeat / options.rounds);
    for (let repeat = 0; repeat < options.repeats; repeat += 1) {
      const rounds = new Map<B5Variant, B5Block[]>();
      for (let round = 0; round < options.rounds; round += 1) {
        for (const variant of interleavedOrder(B5_VARIANTS, repeat * options.rounds + round)) {
          const block = await children.get(variant)!.request<B5Block>("block", { calls: perRound });
          rounds.set(variant, [...(rounds.get(variant) ?? []), block]);
        }
      }
      for (const variant of B5_VARIANTS) {
        const pooled = pool(rounds.get(variant) ?? []);
        repeats.set(variant, [...(repeats.get(variant) ?? []), pooled]);
        console.log(
          `  b5 repeat ${repeat + 1}/${options.repeats} ${variant}  first chunk p50 ${fixed(pooled.firstChunkP50Ms, 3)} ms  ` +
            `cpu ${fixed(pooled.cpuUsPerCall, 0)} µs/call, ${fixed(pooled.cpuUsPerCall / pooled.chunksPerCall, 2)} µs/chunk`,
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
        addedFirstChunkMs: paired((block) => block.firstChunkP50Ms),
        addedCpuUsPerCall: paired((block) => block.cpuUsPerCall),
        addedCpuUsPerChunk: paired(perChunk),
        chunksPerCall: spread(own.map((block) => block.chunksPerCall)).median,
        failures: own.reduce((sum, block) => sum + block.failures, 0),
        repeats: own,
      };
    });
    const markdown = b5Markdown(summaries, options, machine);
    console.log(`\n${markdown}\n`);
    writeResult("b5", { machine, options, chunksPerAnswer: B5_CONTENT_CHUNKS, variants: summaries }, markdown);
    return summaries;
  } finally {
    await Promise.all([...children.values()].map((child) => child.stop()));
    await server.stop();
  }
}

function pool(blocks: readonly B5Block[]): B5Repeat {
  const firstChunks = blocks.flatMap((block) => block.firstChunks).sort((a, b) => a - b);
  const calls = blocks.reduce((sum, block) => sum + block.calls, 0);
  return {
    firstChunkP50Ms: quantileSorted(firstChunks, 0.5),
    firstChunkP99Ms: quantileSorted(firstChunks, 0.99),
    cpuUsPerCall: blocks.reduce((sum, block) => sum + block.cpuUsPerCall * block.calls, 0) / calls,
    chunksPerCall: blocks.reduce((sum, block) => sum + block.chunksPerCall * block.calls, 0) / calls,
    failures: blocks.reduce((sum, block) => sum + block.failures, 0),
  };
}

function signed(value: number, decimals: number): string {
  return `${value >= 0 ? "+" : ""}${fixed(value, decimals)}`;
}

function b5Markdown(summaries: B5Summary[], options: B5Options, machine: MachineInfo): string {
  const added = (spreadOf: Spread, decimals: number) =>
    `${signed(spreadOf.min, decimals)} / **${signed(spreadOf.median, decimals)}** / ${signed(spreadOf.max, decimals)}`;
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
    `${machineLine(machine)}. Every answer streams as ${B5_CONTENT_CHUNKS} text chunks of ${B5_CHUNK_CHARS} characters ` +
      "(plus role, finish and usage chunks) from the testkit fake server in its own process, no delay between chunks; 4 KB prompt, plain text. " +
      `(a) iterates \`client.chat.completions.create({ stream: true, stream_options: { include_usage: true } })\`; (d) iterates \`router.stream(task, request)\` with the otel middleware and the \`LedgerSpanExporter\` (same OTel setup as B1's (d)) and awaits \`result\`. ` +
      `${options.callsPerRepeat} sequential calls per repeat and variant in ${options.rounds} interleaved rounds, ${options.repeats} repeats, each variant in its own process. ` +
      "Time to first chunk: from the call to the first text delta the caller got. CPU: the client process's user + system time per call, span export flush included; per chunk = per call / " +
      `${B5_CONTENT_CHUNKS}, so (d)'s added CPU per chunk also carries its per-call cost (routing, spans, ledger) spread over the chunks. ` +
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

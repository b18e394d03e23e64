/**
 * One B5 variant in its own process, driven one block at a time by the parent so the variants
 * interleave without sharing module state (OTel providers are process-global).
 */
import { serveRequests } from "../lib/ipc.js";
import { quantileSorted } from "../lib/stats.js";
import { type B5Variant, prepareB5Variant, type StreamedCall } from "./variants.js";

// `baseURL` is the fake server's, or "memory" for B5m's in-memory fetch.
const [variant, baseURL] = process.argv.slice(2) as [B5Variant, string];
const prepared = prepareB5Variant(variant, baseURL);

/** What one block of sequential streamed calls measured. */
export interface B5Block {
  readonly calls: number;
  readonly failures: number;
  /** Time to first text chunk, median and p99 over the block's calls. */
  readonly firstChunkP50Ms: number;
  readonly firstChunkP99Ms: number;
  /** Text chunks the caller got per call (the same for every variant when nothing is lost). */
  readonly chunksPerCall: number;
  /** Client CPU (user + system) per call, span export flush included, µs. */
  readonly cpuUsPerCall: number;
  /** What the first failed call threw, if any. */
  readonly firstError: string | undefined;
  /** Every call's time to first chunk, so rounds can be pooled. */
  readonly firstChunks: number[];
}

async function block(calls: number, answerChunks: number | undefined): Promise<B5Block> {
  if (answerChunks !== undefined) {
    if (!prepared.memory) throw new Error("only the in-memory transport can change the answer's length");
    prepared.memory.answerChunks = answerChunks;
  }
  const firstChunks: number[] = [];
  let chunks = 0;
  let failures = 0;
  let firstError: string | undefined;
  const cpuBefore = process.cpuUsage();
  for (let index = 0; index < calls; index += 1) {
    let call: StreamedCall;
    try {
      call = await prepared.call();
    } catch (error) {
      failures += 1;
      firstError ??= error instanceof Error ? error.message : String(error);
      continue;
    }
    firstChunks.push(call.firstChunkMs);
    chunks += call.chunks;
  }
  await prepared.telemetry?.flush();
  const cpu = process.cpuUsage(cpuBefore);
  const sorted = [...firstChunks].sort((a, b) => a - b);
  return {
    calls,
    failures,
    firstChunkP50Ms: quantileSorted(sorted, 0.5),
    firstChunkP99Ms: quantileSorted(sorted, 0.99),
    chunksPerCall: chunks / Math.max(1, calls - failures),
    cpuUsPerCall: (cpu.user + cpu.system) / calls,
    firstError,
    firstChunks,
  };
}

serveRequests(
  {
    async prepare() {
      // One call proves the variant works (and is instrumented) before anything is timed.
      const call = await prepared.call();
      await prepared.telemetry?.flush();
      return {
        chunks: call.chunks,
        text: call.text,
        spans: prepared.telemetry?.exporter.spans ?? 0,
        expectedSpansPerCall: prepared.expectedSpansPerCall,
      };
    },
    block: (payload: { calls: number; answerChunks?: number }) => block(payload.calls, payload.answerChunks),
  },
  async () => {
    await prepared.telemetry?.shutdown();
  },
);

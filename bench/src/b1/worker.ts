/**
 * One B1 variant in its own process. The parent asks for warm-up, sequential and concurrent
 * blocks one at a time, so variants interleave without sharing module state.
 */
import { type LedgerSpanExporter, readLedger } from "@modelpolicy/otel";
import { serveRequests } from "../lib/ipc.js";
import { runConcurrent, runSequential } from "../lib/load.js";
import { type B1Variant, type PreparedVariant, prepareVariant } from "./variants.js";

const [variant, baseURL] = process.argv.slice(2) as [B1Variant, string];
let prepared: PreparedVariant | undefined;

const ready = async () => {
  prepared ??= await prepareVariant(variant, baseURL);
  return prepared;
};
const flushOf = (p: PreparedVariant) => (p.telemetry ? () => p.telemetry!.flush() : undefined);
/** Routed calls in the variant's ledger once every write has landed: (d) must lose none. */
const ledgerRecords = async (ledger: LedgerSpanExporter) => {
  await ledger.forceFlush();
  return (await readLedger(ledger.dir)).records.length;
};

serveRequests(
  {
    async prepare() {
      const p = await ready();
      // One call proves the variant works before anything is timed.
      await p.call();
      await p.telemetry?.flush();
      return { spans: p.telemetry?.exporter.spans ?? 0, expectedSpansPerCall: p.expectedSpansPerCall };
    },
    async sequential(payload: { calls: number; keepLatencies?: boolean }) {
      const p = await ready();
      return runSequential(() => p.call(), payload.calls, flushOf(p), payload.keepLatencies ?? false);
    },
    async concurrent(payload: { calls: number; concurrency: number }) {
      const p = await ready();
      return runConcurrent(() => p.call(), payload.calls, payload.concurrency, flushOf(p));
    },
    async stats() {
      const p = await ready();
      return {
        spansExported: p.telemetry?.exporter.spans ?? 0,
        ledgerDropped: p.ledger?.droppedRecords ?? 0,
        ledgerRecords: p.ledger ? await ledgerRecords(p.ledger) : 0,
        heapUsedMb: process.memoryUsage().heapUsed / 2 ** 20,
      };
    },
  },
  async () => {
    await prepared?.telemetry?.shutdown();
  },
);

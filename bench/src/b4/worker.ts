/**
 * B4 in its own process (`--expose-gc`): router + adapter + otel middleware, spans through a
 * BatchSpanProcessor into the real OTLP/HTTP exporter, pointed at a collector that is up (the
 * testkit receiver) or at a closed loopback port. Runs chunks of calls on request and reports
 * heap after a full GC, latency, and what happened to the spans.
 */
import { createServer } from "node:net";
import { createRouter } from "@modelpolicy/core";
import { openAIAdapter } from "@modelpolicy/openai";
import { createTelemetryMiddleware } from "@modelpolicy/otel";
import { DiagLogLevel, diag } from "@opentelemetry/api";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import {
  BatchSpanProcessor,
  type ReadableSpan,
  type SpanExporter,
  type SpanProcessor,
  TracerProvider,
} from "@opentelemetry/sdk-trace";
import OpenAI from "openai";
import { benchTable, extractionMessages, extractionSchema, TASK } from "../lib/fixtures.js";
import { serveRequests } from "../lib/ipc.js";
import { quantileSorted } from "../lib/stats.js";
import { registerGlobally } from "../lib/telemetry.js";

const [mode, baseURL, collectorUrl] = process.argv.slice(2) as ["up" | "down", string, string];
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error("run with --expose-gc");

/** A port nothing listens on: bind an ephemeral port, then close it. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

// Dropped spans: the BatchSpanProcessor logs "Dropped N spans because maxQueueSize reached" when
// the next span fits again, and keeps the not-yet-logged rest in `_droppedSpansCount`.
let droppedLogged = 0;
let exporterErrors = 0;
diag.setLogger(
  {
    error: () => {
      exporterErrors += 1;
    },
    warn: (message: string) => {
      const match = /Dropped (\d+) spans/.exec(message);
      if (match) droppedLogged += Number(match[1]);
    },
    info: () => {},
    debug: () => {},
    verbose: () => {},
  },
  DiagLogLevel.WARN,
);

class EndedCounter implements SpanProcessor {
  ended = 0;
  onStart(): void {}
  onEnd(): void {
    this.ended += 1;
  }
  async forceFlush(): Promise<void> {}
  async shutdown(): Promise<void> {}
}

/** Counts what the OTLP exporter reports per batch, passing everything through. */
class CountingExporter implements SpanExporter {
  exported = 0;
  failed = 0;
  constructor(private readonly inner: SpanExporter) {}
  export(spans: ReadableSpan[], done: Parameters<SpanExporter["export"]>[1]): void {
    this.inner.export(spans, (result) => {
      if (result.code === 0) this.exported += spans.length;
      else this.failed += spans.length;
      done(result);
    });
  }
  shutdown(): Promise<void> {
    return this.inner.shutdown();
  }
  forceFlush(): Promise<void> {
    return this.inner.forceFlush?.() ?? Promise.resolve();
  }
}

const url = mode === "up" ? collectorUrl : `http://127.0.0.1:${await closedPort()}/v1/traces`;
const exporter = new CountingExporter(new OTLPTraceExporter({ url }));
const batch = new BatchSpanProcessor({ exporter });
const ended = new EndedCounter();
const provider = new TracerProvider({ spanProcessors: [ended, batch] });
registerGlobally(provider);
const client = new OpenAI({ apiKey: "sk-bench", baseURL, maxRetries: 0 });
const router = createRouter(benchTable, {
  adapters: [openAIAdapter(client)],
  middleware: [createTelemetryMiddleware({ tracerProvider: provider, captureMessageContent: false })],
});
const messages = extractionMessages();
const call = () => router.run(TASK, { messages, schema: extractionSchema });

const heapMb = () => {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 2 ** 20;
};
let baselineHeapMb = 0;
let peakHeapMb = 0;

serveRequests(
  {
    async warmUp(payload: { calls: number }) {
      for (let index = 0; index < payload.calls; index += 1) await call();
      await new Promise((resolve) => setTimeout(resolve, 100));
      baselineHeapMb = heapMb();
      return { url, baselineHeapMb };
    },
    async chunk(payload: { calls: number; concurrency: number }) {
      const latencies: number[] = [];
      let failures = 0;
      let issued = 0;
      let sampled = 0;
      const caller = async () => {
        while (issued < payload.calls) {
          issued += 1;
          const started = performance.now();
          try {
            await call();
          } catch {
            failures += 1;
          }
          latencies.push(performance.now() - started);
          if (++sampled % 1000 === 0) peakHeapMb = Math.max(peakHeapMb, process.memoryUsage().heapUsed / 2 ** 20);
        }
      };
      const started = performance.now();
      await Promise.all(Array.from({ length: payload.concurrency }, caller));
      const elapsedMs = performance.now() - started;
      latencies.sort((a, b) => a - b);
      const heapAfterMb = heapMb();
      return {
        calls: latencies.length,
        failures,
        elapsedMs,
        p50Ms: quantileSorted(latencies, 0.5),
        p99Ms: quantileSorted(latencies, 0.99),
        heapAfterGcMb: heapAfterMb,
        latencies: Array.from(latencies),
      };
    },
    async finish() {
      const heapEndMb = heapMb();
      const residual = (batch as unknown as { _droppedSpansCount?: number })._droppedSpansCount ?? 0;
      return {
        url,
        baselineHeapMb,
        heapEndMb,
        heapGrowthMb: heapEndMb - baselineHeapMb,
        peakHeapMbSampled: peakHeapMb,
        spansEnded: ended.ended,
        spansExported: exporter.exported,
        spansFailedExport: exporter.failed,
        spansDropped: droppedLogged + residual,
        diagErrors: exporterErrors,
      };
    },
  },
  async () => {
    await Promise.race([provider.shutdown(), new Promise((resolve) => setTimeout(resolve, 3_000))]);
  },
);

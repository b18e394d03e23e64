import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  type BreakerOptions,
  createRouter,
  type DiagnosticHandler,
  ModelPolicyError,
  type PolicyTable,
  type RouteRequest,
  type RouteResult,
  type Router,
  type RouterMiddleware,
  settleWithin,
} from "@modelpolicy/core";
import { openAIAdapter } from "@modelpolicy/openai";
import { createTelemetryMiddleware, type LedgerRecord, LedgerSpanExporter, readLedger } from "@modelpolicy/otel";
import { FakeOpenAIServer, OtlpReceiver, type SpanRecord } from "@modelpolicy/testkit";
import { findFreePorts } from "@modelpolicy/testkit/stack";
import { type SpanContext, trace } from "@opentelemetry/api";
import { OTLPMetricExporter } from "@opentelemetry/exporter-metrics-otlp-http";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { MeterProvider, PeriodicExportingMetricReader } from "@opentelemetry/sdk-metrics";
import {
  BatchSpanProcessor,
  type BatchSpanProcessorOptions,
  type SpanProcessor,
  TracerProvider,
} from "@opentelemetry/sdk-trace";
import OpenAI from "openai";
import { CANARY_API_KEY, canariesIn } from "./canary.js";
import { CountingSpanExporter } from "./counting-span-exporter.js";
import { CountingSpanProcessor } from "./counting-span-processor.js";
import { figures } from "./figures.js";
import { captured } from "./log-capture.js";
import { suiteTable } from "./tables.js";

/** How one integrated stack is put together; every field has a sensible default. */
export interface StackOptions {
  /** `up`: OTLP goes to the testkit receiver; `down`: to a closed port on 127.0.0.1. */
  collector?: "up" | "down";
  /** Defaults to the suite's table. */
  table?: PolicyTable<string>;
  /** Record prompts and answers on attempt spans. Default false. */
  captureMessageContent?: boolean;
  /** Middleware placed outside the telemetry middleware (they run first). */
  outerMiddleware?: RouterMiddleware[];
  /** Middleware placed inside it (they see the routed span as active). */
  innerMiddleware?: RouterMiddleware[];
  /** Span processors added after the suite's own (counting, OTLP batch, ledger batch). */
  spanProcessors?: SpanProcessor[];
  /** The router's breaker; default off, so one fault row cannot open a circuit for the next. */
  breaker?: BreakerOptions | false;
  /** The router's diagnostic handler; default: the router's own (rate-limited console.warn). */
  onDiagnostic?: DiagnosticHandler;
  /** The OTLP batch processor's settings. Default: a queue large enough to lose nothing. */
  otlpBatch?: Omit<BatchSpanProcessorOptions, "exporter">;
  /** The OTLP exporters' request timeout. Default 5 s. */
  exporterTimeoutMillis?: number;
  /** The OpenAI client's own retry setting, which routed calls must override. Default 5. */
  clientMaxRetries?: number;
  /** Add this stack's span counts to the "emitted vs received" figure. Default: collector up. */
  countSpans?: boolean;
}

/** How one routed call ended, with the ids of its routed span. */
export type Settled<T = unknown> = (
  | { readonly ok: true; readonly result: RouteResult<T>; readonly error?: undefined }
  | { readonly ok: false; readonly error: unknown; readonly result?: undefined }
) & {
  readonly traceId: string | undefined;
  readonly spanId: string | undefined;
  /** Wall time of the call, ms. */
  readonly ms: number;
};

/** A routed call as the collector and the ledger saw it. */
export interface CallTelemetry {
  readonly routed: SpanRecord;
  /** The CLIENT spans whose parent is the routed span, in attempt order. */
  readonly attempts: SpanRecord[];
  readonly ledger: LedgerRecord;
}

/** Ids of the routed span active when the call's innermost middleware ran, keyed by request messages. */
const routedSpans = new WeakMap<object, SpanContext>();

const probe: RouterMiddleware = {
  name: "fault-suite-probe",
  async onCall(call, next) {
    const span = trace.getActiveSpan();
    if (span) routedSpans.set(call.messages, span.spanContext());
    return next();
  },
};

/**
 * The whole stack a production service runs, wired to the testkit fakes: the router with the
 * OpenAI adapter over a real `openai` client (canary key, base URL of the fake server), the
 * telemetry middleware, a Node tracer provider with batch processors to OTLP/HTTP and to the
 * ledger exporter, and a meter provider exporting OTLP/HTTP. Nothing is registered globally
 * except the context manager the suite's setup file installs.
 */
export class FaultStack {
  readonly counting = new CountingSpanProcessor();
  readonly otlpExporter: CountingSpanExporter;
  readonly ledgerExporter: LedgerSpanExporter;
  readonly tracerProvider: TracerProvider;
  readonly meterProvider: MeterProvider;
  readonly router: Router<string>;
  readonly client: OpenAI;
  readonly capture: boolean;
  private readonly logMark = captured.length;
  private closed = false;

  private constructor(
    readonly options: StackOptions,
    readonly server: FakeOpenAIServer,
    readonly receiver: OtlpReceiver,
    readonly ledgerDir: string,
    readonly collectorUrl: string,
    readonly deadPort: number,
  ) {
    const timeoutMillis = options.exporterTimeoutMillis ?? 5_000;
    const resource = resourceFromAttributes({ "service.name": "fault-suite" });
    this.otlpExporter = new CountingSpanExporter(
      new OTLPTraceExporter({ url: `${collectorUrl}/v1/traces`, timeoutMillis }),
    );
    this.ledgerExporter = new LedgerSpanExporter({ dir: ledgerDir });
    this.tracerProvider = new TracerProvider({
      resource,
      spanProcessors: [
        this.counting,
        new BatchSpanProcessor({
          exporter: this.otlpExporter,
          ...(options.otlpBatch ?? { maxQueueSize: 100_000, maxExportBatchSize: 1_000, scheduledDelayMillis: 50 }),
        }),
        new BatchSpanProcessor({
          exporter: this.ledgerExporter,
          maxQueueSize: 100_000,
          maxExportBatchSize: 2_000,
          scheduledDelayMillis: 50,
        }),
        ...(options.spanProcessors ?? []),
      ],
    });
    this.meterProvider = new MeterProvider({
      resource,
      readers: [
        new PeriodicExportingMetricReader({
          exporter: new OTLPMetricExporter({ url: `${collectorUrl}/v1/metrics`, timeoutMillis }),
          exportIntervalMillis: 3_600_000,
          exportTimeoutMillis: timeoutMillis,
        }),
      ],
    });
    this.capture = options.captureMessageContent ?? false;
    this.client = new OpenAI({
      apiKey: CANARY_API_KEY,
      baseURL: server.baseURL,
      maxRetries: options.clientMaxRetries ?? 5,
    });
    const deadClient = new OpenAI({
      apiKey: CANARY_API_KEY,
      baseURL: `http://127.0.0.1:${deadPort}/v1`,
      maxRetries: options.clientMaxRetries ?? 5,
    });
    const telemetry = createTelemetryMiddleware({
      tracerProvider: this.tracerProvider,
      meterProvider: this.meterProvider,
      captureMessageContent: this.capture,
    });
    this.router = createRouter(options.table ?? suiteTable(), {
      adapters: [openAIAdapter(this.client), openAIAdapter(deadClient, { provider: "dead" })],
      middleware: [...(options.outerMiddleware ?? []), telemetry, probe, ...(options.innerMiddleware ?? [])],
      breaker: options.breaker ?? false,
      ...(options.onDiagnostic ? { onDiagnostic: options.onDiagnostic } : {}),
    });
  }

  /** Starts the fake provider and receiver and builds the stack around them. */
  static async start(options: StackOptions = {}): Promise<FaultStack> {
    const ledgerDir = await mkdtemp(join(tmpdir(), "fault-suite-ledger-"));
    const [deadPort, downPort] = (await findFreePorts(2)) as [number, number];
    const server = new FakeOpenAIServer();
    await server.start();
    const receiver = new OtlpReceiver();
    const { endpoint } = await receiver.start();
    const collectorUrl = (options.collector ?? "up") === "up" ? endpoint : `http://127.0.0.1:${downPort}`;
    return new FaultStack(options, server, receiver, ledgerDir, collectorUrl, deadPort);
  }

  /** Runs one routed call and reports how it ended; counts it for the suite's figures. */
  async call<T = unknown>(task: string, request: RouteRequest): Promise<Settled<T>> {
    figures.callsMade += 1;
    const started = performance.now();
    const ids = () => {
      const context = routedSpans.get(request.messages);
      return { traceId: context?.traceId, spanId: context?.spanId, ms: performance.now() - started };
    };
    try {
      const result = (await this.router.run(task, request as RouteRequest<undefined>)) as RouteResult<T>;
      figures.resultsReturned += 1;
      return { ok: true, result, ...ids() };
    } catch (error) {
      if (ModelPolicyError.isInstance(error)) figures.typedErrors += 1;
      else figures.untypedErrors += 1;
      return { ok: false, error, ...ids() };
    }
  }

  /** Exports what is buffered (spans to OTLP and the ledger, metrics), bounded by `ms`. */
  async flush(ms = 10_000): Promise<void> {
    await settleWithin(Promise.allSettled([this.tracerProvider.forceFlush(), this.meterProvider.forceFlush()]), ms);
  }

  /** The routed span, its attempt spans and its ledger record, after a flush. */
  async telemetryOf(settled: Settled): Promise<CallTelemetry> {
    if (settled.spanId === undefined) throw new Error("the call had no routed span");
    await this.flush();
    const routed = this.receiver.spans.find((span) => span.spanId === settled.spanId);
    if (!routed) throw new Error(`routed span ${settled.spanId} did not reach the receiver`);
    const attempts = this.receiver.spans
      .filter((span) => span.parentSpanId === routed.spanId && span.name.startsWith("chat "))
      .sort(
        (a, b) =>
          Number(a.attributes["model_policy.attempt.index"]) - Number(b.attributes["model_policy.attempt.index"]),
      );
    const ledger = (await this.ledger()).find((record) => record.span_id === settled.spanId);
    if (!ledger) throw new Error(`no ledger record for span ${settled.spanId}`);
    return { routed, attempts, ledger };
  }

  /** Every record in this stack's ledger. */
  async ledger(): Promise<LedgerRecord[]> {
    return (await readLedger(this.ledgerDir)).records;
  }

  /** Everything this stack exported or logged, as text, for leak scans. */
  async exportedText(): Promise<{ spans: string; metrics: string; ledger: string; logs: string }> {
    const contents = await readLedger(this.ledgerDir);
    const ledgerText = (await Promise.all(contents.files.map((file) => readFile(file, "utf8")))).join("\n");
    return {
      spans: JSON.stringify(this.receiver.spans),
      metrics: JSON.stringify(this.receiver.metrics),
      ledger: ledgerText,
      logs: captured
        .slice(this.logMark)
        .map((line) => line.text)
        .join("\n"),
    };
  }

  /**
   * Flushes and shuts everything down (bounded), adds this stack's counts to the figures, scans
   * what it exported for the canaries, and removes the ledger. Returns the canary hits.
   */
  async close(): Promise<string[]> {
    if (this.closed) return [];
    this.closed = true;
    await this.flush();
    await settleWithin(Promise.allSettled([this.tracerProvider.shutdown(), this.meterProvider.shutdown()]), 10_000);
    const countSpans = this.options.countSpans ?? (this.options.collector ?? "up") === "up";
    if (countSpans) {
      figures.spansEmittedCollectorUp += this.counting.ended;
      figures.spansReceivedCollectorUp += this.receiver.spansReceived;
    }
    figures.routedSpansEmitted += this.counting.routedEnded;
    const text = await this.exportedText();
    const records = await this.ledger();
    figures.ledgerRecords += records.length;
    const hits: string[] = [];
    for (const [where, content] of Object.entries(text)) {
      for (const hit of canariesIn(content)) {
        // With capture on, the prompt may appear in spans (checked field by field in case 16).
        if (this.capture && hit === "prompt" && where === "spans") continue;
        hits.push(`${hit} in ${where}`);
      }
    }
    figures.canaryScans += 1;
    figures.canaryHits += hits.length;
    await Promise.allSettled([this.server.close(), this.receiver.close()]);
    await rm(this.ledgerDir, { recursive: true, force: true });
    return hits;
  }
}

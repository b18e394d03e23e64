import type { ExportResult } from "@opentelemetry/core";
import type { ReadableSpan, SpanExporter } from "@opentelemetry/sdk-trace";

/**
 * Wraps a span exporter and counts what the batch processor handed it and how each export
 * ended. With the collector down, `emitted - handed` is what the batch queue dropped.
 */
export class CountingSpanExporter implements SpanExporter {
  handed = 0;
  exports = 0;
  failedExports = 0;
  /** Spans in exports that failed: lost, like the ones the queue dropped. */
  failedSpans = 0;

  constructor(private readonly inner: SpanExporter) {}

  export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    this.handed += spans.length;
    this.exports += 1;
    this.inner.export(spans, (result) => {
      if (result.code !== 0) {
        this.failedExports += 1;
        this.failedSpans += spans.length;
      }
      resultCallback(result);
    });
  }

  shutdown(): Promise<void> {
    return this.inner.shutdown();
  }

  forceFlush(): Promise<void> {
    return this.inner.forceFlush?.() ?? Promise.resolve();
  }
}

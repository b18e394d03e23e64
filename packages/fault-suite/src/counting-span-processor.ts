import type { Context } from "@opentelemetry/api";
import type { ReadableSpan, Span, SpanProcessor } from "@opentelemetry/sdk-trace";

/**
 * Counts the spans the SDK ended, i.e. what the app emitted, so "emitted vs received" compares
 * against the source and not against what an exporter happened to see.
 */
export class CountingSpanProcessor implements SpanProcessor {
  ended = 0;
  routedEnded = 0;

  onStart(_span: Span, _parentContext: Context): void {}

  onEnd(span: ReadableSpan): void {
    this.ended += 1;
    if (span.name.startsWith("route ")) this.routedEnded += 1;
  }

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}

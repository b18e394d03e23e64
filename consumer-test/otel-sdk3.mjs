// OTel SDK 3 (@opentelemetry/sdk-trace 3.x, api 1.10): no Node provider any more, so the app
// sets the global provider and the async-hooks context manager itself; processors take { exporter }.
import { context, trace } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import {
  BatchSpanProcessor,
  InMemorySpanExporter,
  SimpleSpanProcessor,
  TracerProvider,
} from "@opentelemetry/sdk-trace";

/** A registered global tracer provider with an in-memory exporter and `extra` behind a batch processor. */
export function registerTracing(extra) {
  const memory = new InMemorySpanExporter();
  const provider = new TracerProvider({
    spanProcessors: [new SimpleSpanProcessor({ exporter: memory }), new BatchSpanProcessor({ exporter: extra })],
  });
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  trace.setGlobalTracerProvider(provider);
  return { provider, memory };
}

// OTel SDK 2 (sdk-trace-node 2.x, api < 1.10), registered the way apps on that line do.
import {
  BatchSpanProcessor,
  InMemorySpanExporter,
  NodeTracerProvider,
  SimpleSpanProcessor,
} from "@opentelemetry/sdk-trace-node";

/** A registered global Node tracer provider with an in-memory exporter and `extra` behind a batch processor. */
export function registerTracing(extra) {
  const memory = new InMemorySpanExporter();
  const provider = new NodeTracerProvider({
    spanProcessors: [new SimpleSpanProcessor(memory), new BatchSpanProcessor(extra)],
  });
  provider.register();
  return { provider, memory };
}

// SDK 2 half of check-types.ts (copied into the scratch app as check-sdk.ts on SDK 2 lanes).
import { LedgerSpanExporter } from "@modelpolicy/otel";
import { startTelemetry } from "@modelpolicy/otel/start";
import { BatchSpanProcessor, NodeTracerProvider, type SpanExporter } from "@opentelemetry/sdk-trace-node";

const ledger: SpanExporter = new LedgerSpanExporter();
export const provider = new NodeTracerProvider({ spanProcessors: [new BatchSpanProcessor(ledger)] });
export const start = () => startTelemetry({ spanProcessors: [new BatchSpanProcessor(ledger)] });

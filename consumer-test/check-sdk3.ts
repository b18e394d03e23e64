// SDK 3 half of check-types.ts (copied into the scratch app as check-sdk.ts on SDK 3 lanes).
import { LedgerSpanExporter } from "@modelpolicy/otel";
import { startTelemetry } from "@modelpolicy/otel/start";
import { BatchSpanProcessor, type SpanExporter, TracerProvider } from "@opentelemetry/sdk-trace";

const ledger: SpanExporter = new LedgerSpanExporter();
export const provider = new TracerProvider({ spanProcessors: [new BatchSpanProcessor({ exporter: ledger })] });
export const start = () => startTelemetry({ spanProcessors: [new BatchSpanProcessor({ exporter: ledger })] });

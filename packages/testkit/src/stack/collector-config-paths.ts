import { fileURLToPath } from "node:url";

// This file sits at packages/testkit/{src,dist}/stack/, four levels below the repository root.
const collectorDirectory = new URL("../../../../collector/", import.meta.url);

/**
 * Absolute paths of the bundled stack's configuration files in `collector/`. Tests run exactly
 * the files docker compose mounts, so what passes here is what a user starts.
 */
export const collectorConfigPaths = {
  /** The OpenTelemetry Collector config (run by Jaeger acting as a collector). */
  collector: fileURLToPath(new URL("otel-collector.yaml", collectorDirectory)),
  /** The Jaeger config: OTLP in, memory storage, query API. */
  jaeger: fileURLToPath(new URL("jaeger.yaml", collectorDirectory)),
  /** The Prometheus config used by docker compose. */
  prometheus: fileURLToPath(new URL("prometheus.yml", collectorDirectory)),
  /** The root docker-compose.yml. */
  compose: fileURLToPath(new URL("../docker-compose.yml", collectorDirectory)),
} as const;

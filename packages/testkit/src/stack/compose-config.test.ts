import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { collectorConfigPaths } from "./collector-config-paths.js";

// The compose stack cannot run on machines without Docker, so these checks keep its wiring
// honest by reading the files: ports agree, images are pinned, and the collector config stays
// inside the components that both the contrib image and the Jaeger build (used by the e2e
// tests) contain.

// biome-ignore lint/suspicious/noExplicitAny: parsed YAML; the assertions are the schema.
type Yaml = Record<string, any>;
const load = (path: string): Yaml => parse(readFileSync(path, "utf8")) as Yaml;

const compose = load(collectorConfigPaths.compose);
const collector = load(collectorConfigPaths.collector);
const jaeger = load(collectorConfigPaths.jaeger);
const prometheus = load(collectorConfigPaths.prometheus);

/** Resolves `${env:NAME:-default}` to its default, as the collector does when NAME is unset. */
function withEnvDefaults(value: string): string {
  return value.replace(/\$\{env:([A-Z0-9_]+)(?::-([^}]*))?\}/g, (_match, name: string, fallback?: string) => {
    if (fallback === undefined) throw new Error(`${name} has no default in ${value}`);
    return fallback;
  });
}

function hostAndPort(endpoint: string): { host: string; port: number } {
  const resolved = withEnvDefaults(endpoint);
  const separator = resolved.lastIndexOf(":");
  return { host: resolved.slice(0, separator), port: Number(resolved.slice(separator + 1)) };
}

/** Container ports a compose service publishes, mapped to their host ports and addresses. */
function publishedPorts(service: string): Map<number, { host: string; published: number }> {
  const ports = new Map<number, { host: string; published: number }>();
  for (const spec of compose.services[service].ports as string[]) {
    const parts = spec.replace(/\/tcp$/, "").split(":");
    const target = Number(parts.at(-1));
    ports.set(target, { host: parts.length === 3 ? parts[0]! : "0.0.0.0", published: Number(parts.at(-2)) });
  }
  return ports;
}

const componentType = (id: string): string => id.split("/")[0]!;

describe("docker-compose.yml and collector/*", () => {
  it("publishes the collector's OTLP and metrics ports on the same host ports, on loopback", () => {
    const receiver = collector.receivers.otlp.protocols;
    const grpc = hostAndPort(receiver.grpc.endpoint).port;
    const http = hostAndPort(receiver.http.endpoint).port;
    const exporter = hostAndPort(collector.exporters.prometheus.endpoint).port;
    expect([grpc, http, exporter]).toEqual([4317, 4318, 8889]);

    const published = publishedPorts("otel-collector");
    for (const port of [grpc, http, exporter]) {
      expect(published.get(port)).toEqual({ host: "127.0.0.1", published: port });
    }
  });

  it("publishes Jaeger's query port and Prometheus's web port", () => {
    const queryPort = hostAndPort(jaeger.extensions.jaeger_query.http.endpoint).port;
    expect(queryPort).toBe(16686);
    expect(publishedPorts("jaeger").get(queryPort)).toEqual({ host: "127.0.0.1", published: 16686 });
    expect(publishedPorts("prometheus").get(9090)).toEqual({ host: "127.0.0.1", published: 9090 });
  });

  it("sends traces from the collector to the jaeger service's OTLP/gRPC receiver", () => {
    const otlpExporters = Object.keys(collector.exporters).filter((id) => componentType(id) === "otlp");
    expect(otlpExporters).toHaveLength(1);
    const exporter = collector.exporters[otlpExporters[0]!];
    const composeOverride = compose.services["otel-collector"].environment?.JAEGER_OTLP_ENDPOINT as string | undefined;
    const target = hostAndPort(composeOverride ?? exporter.endpoint);
    expect(target.host).toBe("jaeger");
    expect(Object.keys(compose.services)).toContain(target.host);
    expect(target.port).toBe(hostAndPort(jaeger.receivers.otlp.protocols.grpc.endpoint).port);
    expect(collector.service.pipelines.traces.exporters).toContain(otlpExporters[0]);
  });

  it("has Prometheus scrape the collector's prometheus exporter", () => {
    const jobs = prometheus.scrape_configs as Yaml[];
    const targets = jobs.flatMap((job) => (job.static_configs as Yaml[]).flatMap((config) => config.targets));
    const exporterPort = hostAndPort(collector.exporters.prometheus.endpoint).port;
    expect(targets).toContain(`otel-collector:${exporterPort}`);
    expect(collector.service.pipelines.metrics.exporters).toContain("prometheus");
  });

  it("derives span metrics from the traces pipeline and exports them for Prometheus to scrape", () => {
    const pipelines = collector.service.pipelines as Record<string, Yaml>;
    expect(Object.keys(collector.connectors)).toEqual(["spanmetrics"]);
    expect(pipelines.traces!.exporters).toContain("spanmetrics");
    const fed = Object.values(pipelines).filter((pipeline) => pipeline.receivers.includes("spanmetrics"));
    expect(fed).toHaveLength(1);
    expect(fed[0]!.exporters).toEqual(["prometheus"]);
  });

  it("has Jaeger's Monitor tab query the prometheus service for the names the connector makes", () => {
    const query = jaeger.extensions.jaeger_query;
    const backend = jaeger.extensions.jaeger_storage.metric_backends[query.storage.metrics].prometheus;
    const composeOverride = compose.services.jaeger.environment?.JAEGER_PROMETHEUS_URL as string | undefined;
    for (const url of [composeOverride, withEnvDefaults(backend.endpoint)]) {
      expect(url).toBe("http://prometheus:9090");
    }
    expect(publishedPorts("prometheus").has(9090)).toBe(true);
    // The prometheus exporter turns the namespace's dots into underscores, appends `_total` to the
    // calls counter and the unit to the duration histogram; Jaeger must ask for exactly those.
    const spanmetrics = collector.connectors.spanmetrics;
    expect(backend.metric_namespace).toBe(spanmetrics.namespace.replaceAll(".", "_"));
    expect(backend.normalize_calls).toBe(true);
    expect(backend.normalize_duration).toBe(true);
    expect(backend.latency_unit).toBe(spanmetrics.histogram.unit);
    expect(withEnvDefaults(spanmetrics.metrics_flush_interval)).toBe("15s");
  });

  it("mounts the files the tests run", () => {
    const mounts = (service: string): string[] => compose.services[service].volumes;
    expect(mounts("otel-collector").join()).toContain("./collector/otel-collector.yaml:");
    expect(mounts("jaeger").join()).toContain("./collector/jaeger.yaml:");
    expect(mounts("prometheus").join()).toContain("./collector/prometheus.yml:");
  });

  it("pins every image to an explicit version", () => {
    for (const [name, service] of Object.entries(compose.services as Record<string, Yaml>)) {
      const image = service.image as string;
      const tag = /^[^@]+:([^:/@]+)$/.exec(image)?.[1];
      expect(tag, `${name}: ${image}`).toBeDefined();
      expect(tag, `${name}: ${image}`).not.toMatch(/^(latest|main|master|stable|edge|nightly)$/);
      expect(tag, `${name}: ${image}`).toMatch(/\d+\.\d+\.\d+/);
    }
    expect(compose.services.jaeger.image).toBe("jaegertracing/jaeger:2.13.0");
    expect(compose.services["otel-collector"].image).toMatch(/^otel\/opentelemetry-collector-contrib:/);
  });

  it("uses only components that both the contrib image and the Jaeger build contain", () => {
    const allowed: Record<string, string[]> = {
      receivers: ["otlp"],
      processors: ["memory_limiter", "batch", "attributes", "filter", "tail_sampling"],
      exporters: ["otlp", "otlphttp", "debug", "prometheus"],
      connectors: ["spanmetrics"],
      // `jaeger components` (v1.76.0) and the otelcol-contrib manifest share only these; the
      // health checks differ (contrib: health_check, Jaeger: healthcheckv2).
      extensions: ["basicauth", "pprof", "sigv4auth", "zpages"],
    };
    for (const [kind, types] of Object.entries(allowed)) {
      for (const id of Object.keys(collector[kind] ?? {})) {
        expect(types, `${kind}.${id}`).toContain(componentType(id));
      }
    }
    expect(Object.keys(collector).sort()).toEqual(
      expect.arrayContaining(["exporters", "processors", "receivers", "service"]),
    );
    for (const key of Object.keys(collector)) expect([...Object.keys(allowed), "service"]).toContain(key);
  });

  it("references only declared components in the pipelines", () => {
    const declared = (kind: string): string[] => Object.keys(collector[kind] ?? {});
    for (const [name, pipeline] of Object.entries(collector.service.pipelines as Record<string, Yaml>)) {
      for (const id of pipeline.receivers)
        expect([...declared("receivers"), ...declared("connectors")], name).toContain(id);
      for (const id of pipeline.processors ?? []) expect(declared("processors"), name).toContain(id);
      for (const id of pipeline.exporters)
        expect([...declared("exporters"), ...declared("connectors")], name).toContain(id);
    }
    for (const id of collector.service.extensions ?? []) expect(declared("extensions")).toContain(id);
  });
});

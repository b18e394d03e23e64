import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { collectorConfigPaths } from "./collector-config-paths.js";
import { findNamedFreePorts } from "./free-port.js";
import { locateJaegerBinary } from "./locate-jaeger-binary.js";
import { locatePrometheusBinary } from "./locate-prometheus-binary.js";
import { addExitCleanup, type ManagedProcess, startManagedProcess } from "./managed-process.js";
import { pollUntil } from "./poll.js";
import { waitForPrometheusTargetsUp } from "./prometheus-api.js";

/** Options of `startStack`. */
export interface StartStackOptions {
  /** Also run Prometheus scraping the collector's exporter (default false). */
  withPrometheus?: boolean;
  /** Budget for each process to become ready (default 30 000 ms). */
  readyTimeoutMs?: number;
  /** Keep the temp directory (logs, generated config, TSDB) after `stop()` (default false). */
  keepTempDirectory?: boolean;
}

/** The running bundled stack: where to send telemetry, where to look for it, and how to stop. */
export interface RunningStack {
  /** Collector OTLP/HTTP base URL; POST to `${otlpHttpEndpoint}/v1/traces` or `/v1/metrics`. */
  otlpHttpEndpoint: string;
  /** Collector OTLP/gRPC endpoint, `http://127.0.0.1:PORT`. */
  otlpGrpcEndpoint: string;
  /** Jaeger query base URL (`/api/services`, `/api/traces`). */
  jaegerQueryUrl: string;
  /** Prometheus base URL, when started `withPrometheus`. */
  prometheusUrl?: string;
  /** The collector's prometheus exporter (`.../metrics`), the endpoint Prometheus scrapes. */
  collectorMetricsUrl: string;
  /** Temp directory holding `jaeger.log`, `collector.log`, `prometheus.log`. */
  tempDirectory: string;
  /** Stops every process (SIGTERM, then SIGKILL) and removes the temp directory. Idempotent. */
  stop(): Promise<void>;
}

/**
 * Runs the bundled stack of `docker-compose.yml` as local processes on free loopback ports: a
 * Jaeger v2 process with memory storage and the query API, a second Jaeger process running
 * `collector/otel-collector.yaml` as the collector (exporting traces to the first), and
 * optionally Debian's Prometheus scraping the collector every second. Resolves once every part
 * answers; rejects with the failing process's log tail otherwise. There is no Docker engine on
 * the machines that run the tests, and this exercises the very config files compose mounts.
 */
export async function startStack(options: StartStackOptions = {}): Promise<RunningStack> {
  const jaegerBinary = locateJaegerBinary();
  const prometheusBinary = options.withPrometheus ? locatePrometheusBinary() : undefined;
  const readyTimeoutMs = options.readyTimeoutMs ?? 30_000;
  const tempDirectory = mkdtempSync(join(tmpdir(), "modelpolicy-stack-"));
  // If the test process dies without stop(), its children are killed and this goes too.
  const forgetTempDirectory = addExitCleanup(() => rmSync(tempDirectory, { recursive: true, force: true }));
  const processes: ManagedProcess[] = [];
  let stopped = false;

  const stopAll = async (removeTemp: boolean): Promise<void> => {
    if (stopped) return;
    stopped = true;
    // Senders first, so nothing logs export failures against an already-stopped receiver.
    for (const managed of [...processes].reverse()) await managed.stop();
    forgetTempDirectory();
    if (removeTemp) rmSync(tempDirectory, { recursive: true, force: true });
  };

  const ports = await findNamedFreePorts([
    "jaegerOtlpGrpc",
    "jaegerOtlpHttp",
    "queryHttp",
    "queryGrpc",
    "jaegerHealth",
    "jaegerTelemetry",
    "otlpGrpc",
    "otlpHttp",
    "exporter",
    "collectorTelemetry",
    "prometheus",
  ]);
  const host = "127.0.0.1";
  const jaegerQueryUrl = `http://${host}:${ports.queryHttp}`;
  const otlpHttpEndpoint = `http://${host}:${ports.otlpHttp}`;
  const collectorMetricsUrl = `http://${host}:${ports.exporter}/metrics`;

  try {
    const jaeger = startManagedProcess({
      name: "jaeger",
      command: jaegerBinary,
      args: ["--config", collectorConfigPaths.jaeger],
      logPath: join(tempDirectory, "jaeger.log"),
      env: {
        JAEGER_OTLP_GRPC_ENDPOINT: `${host}:${ports.jaegerOtlpGrpc}`,
        JAEGER_OTLP_HTTP_ENDPOINT: `${host}:${ports.jaegerOtlpHttp}`,
        JAEGER_QUERY_HTTP_ENDPOINT: `${host}:${ports.queryHttp}`,
        JAEGER_QUERY_GRPC_ENDPOINT: `${host}:${ports.queryGrpc}`,
        JAEGER_HEALTH_ENDPOINT: `${host}:${ports.jaegerHealth}`,
        JAEGER_TELEMETRY_HOST: host,
        JAEGER_TELEMETRY_PORT: String(ports.jaegerTelemetry),
        // The Monitor API's metrics backend; it answers errors until Prometheus runs (`withPrometheus`).
        JAEGER_PROMETHEUS_URL: `http://${host}:${ports.prometheus}`,
      },
    });
    processes.push(jaeger);
    await waitReady(jaeger, readyTimeoutMs, "Jaeger query API and OTLP receiver", async () => {
      const response = await fetch(`${jaegerQueryUrl}/api/services`);
      return response.ok && (await canConnect(host, ports.jaegerOtlpGrpc)) ? true : undefined;
    });

    const collector = startManagedProcess({
      name: "collector",
      command: jaegerBinary,
      args: ["--config", collectorConfigPaths.collector],
      logPath: join(tempDirectory, "collector.log"),
      env: {
        OTLP_GRPC_ENDPOINT: `${host}:${ports.otlpGrpc}`,
        OTLP_HTTP_ENDPOINT: `${host}:${ports.otlpHttp}`,
        JAEGER_OTLP_ENDPOINT: `${host}:${ports.jaegerOtlpGrpc}`,
        PROMETHEUS_EXPORTER_ENDPOINT: `${host}:${ports.exporter}`,
        COLLECTOR_TELEMETRY_HOST: host,
        COLLECTOR_TELEMETRY_PORT: String(ports.collectorTelemetry),
        SPANMETRICS_FLUSH_INTERVAL: "1s",
      },
    });
    processes.push(collector);
    // Receivers start after exporters, so an answering OTLP port means the pipelines are up.
    // GET on an OTLP path answers 405: any HTTP status proves the receiver listens.
    await waitReady(collector, readyTimeoutMs, "collector OTLP/HTTP receiver and metrics exporter", async () => {
      await fetch(`${otlpHttpEndpoint}/v1/traces`);
      return (await fetch(collectorMetricsUrl)).ok ? true : undefined;
    });

    let prometheusUrl: string | undefined;
    if (prometheusBinary !== undefined) {
      prometheusUrl = `http://${host}:${ports.prometheus}`;
      const configPath = join(tempDirectory, "prometheus.yml");
      writeFileSync(configPath, prometheusConfig(`${host}:${ports.exporter}`));
      const prometheus = startManagedProcess({
        name: "prometheus",
        command: prometheusBinary,
        args: [
          `--config.file=${configPath}`,
          `--storage.tsdb.path=${join(tempDirectory, "tsdb")}`,
          `--web.listen-address=${host}:${ports.prometheus}`,
        ],
        logPath: join(tempDirectory, "prometheus.log"),
      });
      processes.push(prometheus);
      await waitForPrometheusTargetsUp(prometheusUrl, { timeoutMs: readyTimeoutMs, abortIf: exitedReason(prometheus) });
    }

    return {
      otlpHttpEndpoint,
      otlpGrpcEndpoint: `http://${host}:${ports.otlpGrpc}`,
      jaegerQueryUrl,
      ...(prometheusUrl === undefined ? {} : { prometheusUrl }),
      collectorMetricsUrl,
      tempDirectory,
      stop: () => stopAll(!options.keepTempDirectory),
    };
  } catch (error) {
    const logs = processes.map((managed) => `--- ${managed.name} (${managed.logPath}):\n${managed.logTail()}`);
    // Keep the logs for inspection; only the processes go.
    await stopAll(false);
    throw new Error(`bundled stack failed to start: ${(error as Error).message}\n${logs.join("\n")}`, {
      cause: error,
    });
  }
}

function waitReady(
  managed: ManagedProcess,
  timeoutMs: number,
  what: string,
  probe: () => Promise<true | undefined>,
): Promise<true> {
  return pollUntil(probe, {
    timeoutMs,
    intervalMs: 100,
    describe: () => what,
    abortIf: exitedReason(managed),
  });
}

function exitedReason(managed: ManagedProcess): () => string | undefined {
  return () => {
    const reason = managed.exitReason();
    return reason === undefined ? undefined : `${managed.name} exited (${reason})`;
  };
}

function canConnect(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

/** Scrapes the collector every second; `honor_labels` as in collector/prometheus.yml. */
function prometheusConfig(target: string): string {
  return [
    "global:",
    "  scrape_interval: 1s",
    "  evaluation_interval: 1s",
    "scrape_configs:",
    "  - job_name: otel-collector",
    "    honor_labels: true",
    "    static_configs:",
    `      - targets: ["${target}"]`,
    "",
  ].join("\n");
}

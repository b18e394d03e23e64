import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** What a canned handler answers: a status and a JSON body (or raw text), or `"hang"` to never answer. */
export type CannedAnswer = { status?: number; json?: unknown; text?: string } | "hang";

/**
 * A tiny HTTP server on 127.0.0.1 that records each request URL and answers from a function,
 * standing in for Prometheus and Jaeger in tests. The real servers are exercised end to end by
 * the stack tests; these check the queries the CLI sends and how it maps the answers.
 */
export class CannedHttpServer {
  readonly requests: URL[] = [];
  private readonly server: Server;

  constructor(answer: (url: URL) => CannedAnswer) {
    this.server = createServer((request, response) => {
      const url = new URL(request.url ?? "/", "http://127.0.0.1");
      this.requests.push(url);
      const canned = answer(url);
      if (canned === "hang") return;
      response.writeHead(canned.status ?? 200, { "content-type": "application/json" });
      response.end(canned.text ?? JSON.stringify(canned.json));
    });
  }

  /** Listens on a free loopback port and returns the base URL. */
  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await closed;
  }
}

/** A loopback URL nobody listens on: a server is started to get a free port, then closed. */
export async function refusedUrl(): Promise<string> {
  const server = new CannedHttpServer(() => ({ json: {} }));
  const url = await server.start();
  await server.close();
  return url;
}

/** A Prometheus `/api/v1/query` success answer holding an instant vector. */
export function promVector(series: readonly { labels: Record<string, string>; value: number | string }[]): unknown {
  return {
    status: "success",
    data: {
      resultType: "vector",
      result: series.map((item) => ({ metric: item.labels, value: [1764064800, String(item.value)] })),
    },
  };
}

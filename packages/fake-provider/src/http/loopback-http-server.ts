import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** Handles one request; a rejected promise becomes a 500 so a bug in a fake never hangs a test. */
export type RequestListener = (request: IncomingMessage, response: ServerResponse) => Promise<void>;

/**
 * An `http.Server` bound to 127.0.0.1 on a port the OS picks, with a `close()` that also destroys
 * open and hanging connections. Every fake (the testkit's servers and OTLP receiver, the simulator)
 * needs exactly this lifecycle: tests run in parallel (so fixed ports collide), fakes must never
 * listen beyond loopback, and a request a fake deliberately leaves unanswered must not keep the
 * process alive after `close()`.
 */
export class LoopbackHttpServer {
  private readonly server: Server;
  private listeningPort: number | undefined;

  constructor(listener: RequestListener) {
    this.server = createServer((request, response) => {
      listener(request, response).catch((error: unknown) => {
        if (response.headersSent || response.destroyed) {
          response.destroy();
          return;
        }
        const message = error instanceof Error ? error.message : String(error);
        response.writeHead(500, { "content-type": "application/json" });
        response.end(
          JSON.stringify({ error: { message: `fake provider handler failed: ${message}`, type: "server_error" } }),
        );
      });
    });
    // Keep-alive sockets from SDK agents must not outlive the fake.
    this.server.keepAliveTimeout = 1_000;
  }

  /** Listens on 127.0.0.1 (port 0 = any free port) and returns the port actually bound. */
  async listen(port = 0): Promise<number> {
    if (this.listeningPort !== undefined) return this.listeningPort;
    await new Promise<void>((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(port, "127.0.0.1", () => {
        this.server.off("error", reject);
        resolve();
      });
    });
    this.listeningPort = (this.server.address() as AddressInfo).port;
    return this.listeningPort;
  }

  /** The bound port; throws if `listen()` has not completed, because a URL without a port is a test bug. */
  get port(): number {
    if (this.listeningPort === undefined) throw new Error("fake provider server is not started; await start() first");
    return this.listeningPort;
  }

  /** Stops listening and destroys every connection, including ones with a request still in flight. */
  async close(): Promise<void> {
    if (this.listeningPort === undefined) return;
    this.listeningPort = undefined;
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await closed;
  }
}

import { request } from "node:http";
import { describe, expect, it } from "vitest";
import { LoopbackHttpServer } from "./loopback-http-server.js";
import { responseClosed } from "./response-timing.js";
import { writeJson } from "./write-json.js";

/** GET `path`; resolves with status and body, or rejects when the connection dies. */
function get(port: number, path = "/"): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const outgoing = request({ host: "127.0.0.1", port, path }, (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => {
        body += chunk;
      });
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
      response.on("error", reject);
    });
    outgoing.on("error", reject);
    outgoing.end();
  });
}

describe("LoopbackHttpServer", () => {
  it("listens on 127.0.0.1 on a free port and answers through its listener", async () => {
    const server = new LoopbackHttpServer(async (_request, response) => writeJson(response, 201, { ok: true }));
    const port = await server.listen();
    expect(port).toBeGreaterThan(0);
    expect(await server.listen()).toBe(port);
    expect(await get(port)).toEqual({ status: 201, body: '{"ok":true}' });
    await server.close();
    expect(() => server.port).toThrow(/not started/);
  });

  it("turns a failing listener into a 500 that says why", async () => {
    const server = new LoopbackHttpServer(async () => {
      throw new Error("fixture exploded");
    });
    const port = await server.listen();
    const answer = await get(port);
    await server.close();
    expect(answer.status).toBe(500);
    expect(JSON.parse(answer.body).error.message).toBe("fake provider handler failed: fixture exploded");
  });

  it("closes with a request still unanswered, failing that request instead of waiting for it", async () => {
    let arrived: () => void = () => undefined;
    const waiting = new Promise<void>((resolve) => {
      arrived = resolve;
    });
    const server = new LoopbackHttpServer(async (_request, response) => {
      arrived();
      await responseClosed(response);
    });
    const port = await server.listen();
    const hanging = get(port);
    await waiting;
    await server.close();
    await expect(hanging).rejects.toThrow();
  });
});

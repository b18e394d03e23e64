import { createServer, type Server } from "node:net";

/**
 * Reserves `count` distinct free TCP ports on 127.0.0.1 by binding port 0, and releases them
 * before returning. All sockets stay open until every port is known, so the ports are distinct;
 * a process started right afterwards is expected to bind them (the race window is tiny).
 */
export async function findFreePorts(count: number): Promise<number[]> {
  const servers: Server[] = [];
  try {
    const ports: number[] = [];
    for (let index = 0; index < count; index++) {
      const server = createServer();
      servers.push(server);
      ports.push(await listenOnEphemeralPort(server));
    }
    return ports;
  } finally {
    await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  }
}

function listenOnEphemeralPort(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      if (address === null || typeof address === "string") {
        reject(new Error("listening socket has no TCP address"));
        return;
      }
      resolve(address.port);
    });
  });
}

/**
 * Like `findFreePorts`, keyed by name, so a caller wiring several processes together cannot mix
 * up positions: `const ports = await findNamedFreePorts(["query", "otlp"])`.
 */
export async function findNamedFreePorts<const Name extends string>(
  names: readonly Name[],
): Promise<Record<Name, number>> {
  const ports = await findFreePorts(names.length);
  return Object.fromEntries(names.map((name, index) => [name, ports[index]])) as Record<Name, number>;
}

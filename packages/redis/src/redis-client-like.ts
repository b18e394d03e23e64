/**
 * The part of a Redis client this package uses: one raw command, as an array of strings, whose
 * reply comes back as the client parses it (integers as numbers, bulk strings as strings,
 * arrays as arrays). node-redis (`redis` 4.6 to 6) has exactly this `sendCommand`, so a client
 * your service already created and connected is passed as it is; nothing here reads its typed
 * command methods, which change between majors.
 */
export interface RedisClientLike {
  sendCommand(args: readonly string[]): Promise<unknown>;
}

// The Redis lane's program, run in a scratch app outside the repo against the packed tarballs:
// connects the user's own node-redis clients to the redis-server the lane started, routes calls
// that hit a fleet-wide rate limit and a spend budget through two replicas (route-redis.mjs), and
// checks that the state they share is really in Redis: the rate-limit window's hash and the spend
// key, under each scenario's prefix, with their counts and expiry.
//   CONSUMER_TEST_FAKES='{…}' CONSUMER_TEST_REDIS_URL=redis://127.0.0.1:PORT node app-redis.mjs
import assert from "node:assert/strict";
import { createConnection } from "node:net";
import { budgetCalls, connectClient, RATE_CALLS, RPM, rateLimitedCalls } from "./route-redis.mjs";

const url = process.env.CONSUMER_TEST_REDIS_URL;
assert.ok(url, "CONSUMER_TEST_REDIS_URL is not set (the redis-server the lane started)");
const { hostname, port } = new URL(url);

/** One PING over a raw socket: true on `+PONG`. */
function answersPing() {
  return new Promise((resolve) => {
    const socket = createConnection({ host: hostname, port: Number(port) });
    const done = (answer) => {
      socket.destroy();
      resolve(answer);
    };
    socket.setTimeout(500, () => done(false));
    socket.on("error", () => done(false));
    socket.on("connect", () => socket.write("PING\r\n"));
    socket.on("data", (data) => done(data.toString().startsWith("+PONG")));
  });
}

// redis-server was just started: wait until it answers (at most 10 s) rather than for a guessed time.
const deadline = Date.now() + 10_000;
while (!(await answersPing())) {
  assert.ok(Date.now() < deadline, `redis-server did not answer PING at ${url} within 10 s`);
  await new Promise((resolve) => setTimeout(resolve, 25));
}

const clients = [await connectClient(url), await connectClient(url)];
const [client] = clients;
const version = /redis_version:(\S+)/.exec(await client.info("server"))?.[1];
const ratePrefix = `ct-rate-${process.pid}`;
const spendPrefix = `ct-spend-${process.pid}`;

const rate = await rateLimitedCalls(clients, ratePrefix);
const budget = await budgetCalls(clients, spendPrefix);

// The rate limit's windows: one hash per limit and minute, `r` the requests leased fleet-wide.
const rateKeys = await client.keys(`${ratePrefix}:rate:*`);
assert.ok(rateKeys.length >= 1 && rateKeys.length <= rate.minutes, `rate window key(s) in Redis (got ${rateKeys})`);
let leased = 0;
for (const key of rateKeys) {
  const requests = Number(await client.hGet(key, "r"));
  assert.ok(requests >= 1 && requests <= RPM, `${key}: ${requests} requests leased, at most rpm ${RPM}`);
  assert.ok((await client.pTTL(key)) > 0, `${key} expires`);
  leased += requests;
}
assert.ok(leased >= rate.sent, `Redis counted every request sent (${leased} leased, ${rate.sent} sent)`);

// The spend budget's day: one float per policy and UTC day, both replicas' spend added.
const spendKeys = await client.keys(`${spendPrefix}:spend:*`);
assert.equal(spendKeys.length, 1, `one spend key in Redis (got ${spendKeys})`);
assert.match(
  spendKeys[0],
  new RegExp(`^${spendPrefix}:spend:budgeted:day:\\d+$`),
  "the spend key names policy and window",
);
const total = Number(await client.get(spendKeys[0]));
assert.ok(
  Math.abs(total - budget.spentUsd - budget.degradedUsd) < 1e-9,
  `Redis holds the fleet's spend: ${total} = ${budget.spentUsd} + ${budget.degradedUsd}`,
);
assert.ok((await client.pTTL(spendKeys[0])) > 0, `${spendKeys[0]} expires`);

await Promise.all(clients.map((connected) => connected.close()));
console.log(
  `redis ok: redis-server ${version}; rpm ${RPM}: ${rate.sent} of ${RATE_CALLS} calls sent, ` +
    `${rate.limited} rate_limited (${leased} leased in ${rateKeys.length} window(s)); ` +
    `budget: $${total.toPrecision(3)} in ${spendKeys[0]}, the other replica degraded; ` +
    `${rate.stats.concat(budget.stats).reduce((sum, stat) => sum + stat.commands, 0)} Redis commands`,
);

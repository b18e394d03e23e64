import { createHash } from "node:crypto";

/** A Lua script with its SHA-1, sent by digest (EVALSHA) and by source only when Redis lacks it. */
export interface LuaScript {
  readonly source: string;
  readonly sha: string;
}

function script(source: string): LuaScript {
  return { source, sha: createHash("sha1").update(source).digest("hex") };
}

/**
 * Leases rate-limit capacity from one limit's one-minute window (KEYS[1], a hash of `r` requests
 * and `t` tokens taken). ARGV: rpm and tpm limits (0: none), requests and tokens wanted, requests
 * and tokens this replica already sent on its own while Redis was out of reach (added as they
 * are), and the key's time to live. Grants what is left up to what was wanted, in one atomic
 * step, and returns `{requests, tokens}` granted. Counting before sending is what keeps the
 * fleet within the limit: a replica only ever spends what this script gave it.
 */
export const LEASE_SCRIPT = script(`
local r = tonumber(redis.call('HGET', KEYS[1], 'r') or '0') + tonumber(ARGV[5])
local t = tonumber(redis.call('HGET', KEYS[1], 't') or '0') + tonumber(ARGV[6])
local limitR = tonumber(ARGV[1])
local limitT = tonumber(ARGV[2])
local gotR = tonumber(ARGV[3])
local gotT = tonumber(ARGV[4])
if limitR > 0 then gotR = math.max(0, math.min(gotR, limitR - r)) end
if limitT > 0 then gotT = math.max(0, math.min(gotT, limitT - t)) end
redis.call('HINCRBY', KEYS[1], 'r', tonumber(ARGV[5]) + gotR)
redis.call('HINCRBY', KEYS[1], 't', tonumber(ARGV[6]) + gotT)
redis.call('PEXPIRE', KEYS[1], ARGV[7])
return {gotR, gotT}
`);

/**
 * One background round trip for everything else. KEYS[1] is the hash of open circuits (field
 * `provider/model`, value: epoch ms until which it is open); KEYS[2..] are spend keys. ARGV: now,
 * the number of circuit updates, then `field, openUntil` pairs (0 closes), then `increment, ttl`
 * for each spend key. Applies the updates, adds the increments (INCRBYFLOAT) and answers
 * `{open circuits as field/value pairs, spend totals as strings}` (a Lua number would be cut to
 * an integer), dropping circuits that have reopened.
 */
export const SYNC_SCRIPT = script(`
local now = tonumber(ARGV[1])
local updates = tonumber(ARGV[2])
local i = 3
for _ = 1, updates do
  local untilMs = tonumber(ARGV[i + 1])
  if untilMs > now then
    redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1])
  else
    redis.call('HDEL', KEYS[1], ARGV[i])
  end
  i = i + 2
end
local totals = {}
for k = 2, #KEYS do
  totals[#totals + 1] = redis.call('INCRBYFLOAT', KEYS[k], ARGV[i])
  redis.call('PEXPIRE', KEYS[k], ARGV[i + 1])
  i = i + 2
end
local open = {}
local all = redis.call('HGETALL', KEYS[1])
for j = 1, #all, 2 do
  if tonumber(all[j + 1]) > now then
    open[#open + 1] = all[j]
    open[#open + 1] = all[j + 1]
  else
    redis.call('HDEL', KEYS[1], all[j])
  end
end
return {open, totals}
`);

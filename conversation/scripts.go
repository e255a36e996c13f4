package conversation

import (
	"context"

	"github.com/redis/go-redis/v9"
)

// acceptScript records an update once: the de-duplication mark, the chat's
// inbox and the ready set change together or not at all. When a token is
// given and no one else holds the chat (it is free, or that token is
// already its lease: the chat lingers on this replica after its last
// drain), it also takes or renews the chat's lease for that token, drops
// the first `trim` replies of the outbox (sent already), and returns what
// a claim returns, so the accepting replica's worker starts without a
// claim round trip of its own. A duplicate renews its mark: a write, so
// that a WAIT after it (Options.WaitReplicas) waits until the first copy,
// written before it, has reached the replicas too.
//
// KEYS: seen, inbox, ready, lease, session, outbox.
// ARGV: update JSON, seen TTL ms, now ms, chat, token (” for no claim),
// lease ms, trim.
// Returns {0} for a duplicate, {1} when queued, or when also claimed
// {2, head, version, session JSON, outbox...}; the head is the update
// itself, without reading it back, when the inbox was empty.
var acceptScript = redis.NewScript(`
if not redis.call('SET', KEYS[1], '1', 'NX', 'PX', ARGV[2]) then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return {0}
end
local queued = redis.call('RPUSH', KEYS[2], ARGV[1])
redis.call('ZADD', KEYS[3], 'NX', ARGV[3], ARGV[4])
if ARGV[5] == '' then return {1} end
local holder = redis.call('GET', KEYS[4])
if holder and holder ~= ARGV[5] then return {1} end
redis.call('SET', KEYS[4], ARGV[5], 'PX', ARGV[6])
local trim = tonumber(ARGV[7])
if trim > 0 then redis.call('LTRIM', KEYS[6], trim, -1) end
local s = redis.call('HMGET', KEYS[5], 'v', 'd')
local head = ARGV[1]
if queued > 1 then head = redis.call('LINDEX', KEYS[2], 0) end
local res = {2, head, s[1] or '0', s[2] or ''}
local out = redis.call('LRANGE', KEYS[6], 0, -1)
for i = 1, #out do res[#res + 1] = out[i] end
return res
`)

// stepScript is every move a worker makes on a chat, in one round trip.
//
// In "claim" mode it takes (or renews) the chat's lease. In "commit" mode it
// checks the lease is still ours and the session version is the one the
// handler saw, pops the handled update from the inbox and saves the session.
// Both modes then drop the first `trim` replies of the outbox (the ones the
// worker has sent), append the new replies, and return what the worker must
// do next: the outbox to send, the next update and the session. When nothing
// is left the lease is released and the chat leaves the ready set, in the
// same atomic step, so an update accepted meanwhile is never stranded.
//
// KEYS: lease, inbox, session, outbox, ready.
// ARGV: token, lease ms, trim, chat, mode, expected version, session JSON,
// session TTL ms, replies...
// Returns {"busy"} | {"lost"} | {"conflict"} | {"idle"} |
// {"ok", head|false, version, session JSON, outbox...}.
//
// Redis commands it spares (each counts in Redis's CPU): the replies are
// appended in one RPUSH; the outbox is read back only when it held more
// than the new replies; a commit returns the session it has just written
// rather than reading it again.
var stepScript = redis.NewScript(`
local holder = redis.call('GET', KEYS[1])
if ARGV[5] == 'claim' then
  if holder and holder ~= ARGV[1] then return {'busy'} end
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
else
  if holder ~= ARGV[1] then return {'lost'} end
  local v = redis.call('HGET', KEYS[3], 'v') or '0'
  if v ~= ARGV[6] then return {'conflict'} end
  redis.call('LPOP', KEYS[2])
  redis.call('HSET', KEYS[3], 'v', tostring(tonumber(v) + 1), 'd', ARGV[7])
  redis.call('PEXPIRE', KEYS[3], ARGV[8])
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
local trim = tonumber(ARGV[3])
if trim > 0 then redis.call('LTRIM', KEYS[4], trim, -1) end
local out, len = {}, 0
for i = 9, #ARGV, 64 do
  len = redis.call('RPUSH', KEYS[4], unpack(ARGV, i, math.min(i + 63, #ARGV)))
end
if len == #ARGV - 8 and len > 0 then
  for i = 9, #ARGV do out[#out + 1] = ARGV[i] end
else
  out = redis.call('LRANGE', KEYS[4], 0, -1)
end
local head = redis.call('LINDEX', KEYS[2], 0)
if (not head) and #out == 0 then
  redis.call('DEL', KEYS[1])
  redis.call('ZREM', KEYS[5], ARGV[4])
  return {'idle'}
end
local s
if ARGV[5] == 'claim' then
  s = redis.call('HMGET', KEYS[3], 'v', 'd')
else
  s = {tostring(tonumber(ARGV[6]) + 1), ARGV[7]}
end
local res = {'ok', head or false, s[1] or '0', s[2] or ''}
for i = 1, #out do res[#res + 1] = out[i] end
return res
`)

// releaseScript hands a lease back if it is still ours, first dropping the
// outbox entries already sent. KEYS: lease, outbox. ARGV: token, trim.
var releaseScript = redis.NewScript(`
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
local trim = tonumber(ARGV[2])
if trim > 0 then redis.call('LTRIM', KEYS[2], trim, -1) end
redis.call('DEL', KEYS[1])
return 1
`)

// loadScripts loads the engine's scripts on every master (on a Redis
// Cluster, each node keeps its own script cache), so that the first update
// of a chat on a node costs no NOSCRIPT round trip. A failure only costs
// that round trip later.
func (e *Engine) loadScripts(ctx context.Context) {
	load := func(ctx context.Context, c redis.Scripter) error {
		for _, s := range []*redis.Script{acceptScript, stepScript, releaseScript} {
			if err := s.Load(ctx, c).Err(); err != nil {
				return err
			}
		}
		return nil
	}
	var err error
	if cc, ok := ClusterOf(e.rdb); ok {
		err = cc.ForEachMaster(ctx, func(ctx context.Context, n *redis.Client) error { return load(ctx, n) })
	} else {
		err = load(ctx, e.rdb)
	}
	if err != nil && ctx.Err() == nil {
		e.log.Warn("cannot load the engine's scripts; the first calls load them", "err", err)
	}
}

// The Redis router's state machine as one Lua script: every change to seats, the queue
// and ring deadlines runs inside it, so Redis applies it atomically — two nodes can never
// offer one agent two calls, or one call to two agents, and a deadline fires once. What
// a node must do afterwards (ring, build the session, drop a call) is PUBLISHed from the
// same script to that node's channel, so the message is sent iff the change happened.
//
// Keys under the prefix P (all hashes store '' for "none"):
//   seat:<user>        node, state, since, idle, classes (JSON), skills (JSON|null), offered, active, reason
//   call:<call>        state (queued|ringing|answered), skills (JSON), target, class, enq, offers, owner, agent, ring
//   ready              ZSET user → idle since (ms): the longest-idle ready agent is first
//   queue              ZSET call → enqueued at (ms)
//   ring-due           ZSET call → ring timeout deadline (ms)
//   wait-due           ZSET call → queue wait deadline (ms)
//   node-seats:<node>  SET of users whose socket is on the node
//   owned:<node>       SET of calls the node runs (ringing/answered) or, queued, is told about
//   events:<node>      pub/sub channel of the node's RouterMessage JSON
// Times come from Redis TIME, one clock for every node.
import type { AgentStatusDto } from '@callsim/protocol';

/** Messages a node receives on its channel (published by the script). */
export type RouterMessage =
  | { t: 'status'; u: string; s: AgentStatusDto }
  | { t: 'offer'; u: string; call: ScriptCall }
  | { t: 'withdrawn'; c: string; u: string; reason: 'ring-timeout' | 'abandoned' }
  | { t: 'abandoned'; call: ScriptCall; reason: string }
  | { t: 'release'; c: string };

/** A call as the script reports it: skills still JSON, '' for no target or class. */
export interface ScriptCall {
  callId: string;
  skills: string;
  targetUserId: string;
  classId: string;
  enqueuedAtMs: number;
  offers: number;
}

/** Builds the script with the agent state table baked in (one source of truth: agent-state.ts). */
export function routerScript(transitions: Readonly<Record<string, readonly string[]>>): string {
  const allowed: Record<string, Record<string, true>> = {};
  for (const [from, tos] of Object.entries(transitions))
    allowed[from] = Object.fromEntries(tos.map((to) => [to, true as const]));
  const allowedJson = JSON.stringify(allowed).replaceAll('\\', '\\\\').replaceAll("'", "\\'");
  return `
local P = KEYS[1]
local cmd = ARGV[1]
local RING_TIMEOUT_MS = tonumber(ARGV[2])
local MAX_WAIT_MS = tonumber(ARGV[3])
local ALLOWED = cjson.decode('${allowedJson}')
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)

local QUEUE = P .. 'queue'
local READY = P .. 'ready'
local RING_DUE = P .. 'ring-due'
local WAIT_DUE = P .. 'wait-due'
local function seatKey(u) return P .. 'seat:' .. u end
local function callKey(c) return P .. 'call:' .. c end
local function nodeSeatsKey(n) return P .. 'node-seats:' .. n end
local function ownedKey(n) return P .. 'owned:' .. n end

-- HGET gives false for a missing field; '' is how "none" is stored.
local function val(v)
  if v == false or v == nil or v == '' then return nil end
  return v
end

local function publish(node, message)
  if val(node) then redis.call('PUBLISH', P .. 'events:' .. node, cjson.encode(message)) end
end

local function statusOf(u)
  local s = redis.call('HMGET', seatKey(u), 'state', 'since', 'reason', 'offered', 'active')
  if not val(s[1]) then return { state = 'offline', sinceMs = now } end
  local status = { state = s[1], sinceMs = tonumber(s[2]) }
  if val(s[3]) then status.reason = s[3] end
  local callId = val(s[5]) or val(s[4])
  if callId then status.callId = callId end
  return status
end

local function publishStatus(u)
  publish(redis.call('HGET', seatKey(u), 'node'), { t = 'status', u = u, s = statusOf(u) })
end

local function setSeat(u, to, reason)
  local k = seatKey(u)
  redis.call('HSET', k, 'state', to, 'since', now, 'reason', reason or '')
  if to == 'ready' then
    redis.call('HSET', k, 'idle', now)
    redis.call('ZADD', READY, now, u)
  else
    redis.call('ZREM', READY, u)
  end
end

local function createSeat(u, node, classes, skills)
  redis.call('HSET', seatKey(u), 'node', node, 'state', 'offline', 'since', now, 'idle', now,
    'classes', classes, 'skills', skills, 'offered', '', 'active', '', 'reason', '')
  redis.call('SADD', nodeSeatsKey(node), u)
end

local function loadCall(c)
  local v = redis.call('HMGET', callKey(c), 'state', 'skills', 'target', 'class', 'enq', 'offers', 'owner', 'agent', 'ring')
  if not val(v[1]) then return nil end
  return { id = c, state = v[1], skills = v[2], target = v[3], class = v[4], enq = tonumber(v[5]),
    offers = tonumber(v[6]), owner = v[7], agent = v[8], ring = tonumber(v[9]) }
end

local function routed(call)
  return { callId = call.id, skills = call.skills, targetUserId = call.target, classId = call.class,
    enqueuedAtMs = call.enq, offers = call.offers }
end

local function removeCall(call)
  redis.call('ZREM', QUEUE, call.id)
  redis.call('ZREM', RING_DUE, call.id)
  redis.call('ZREM', WAIT_DUE, call.id)
  redis.call('SREM', ownedKey(call.owner), call.id)
  redis.call('DEL', callKey(call.id))
end

local function abandoned(call, reason)
  removeCall(call)
  publish(call.owner, { t = 'abandoned', call = routed(call), reason = reason })
end

local function matchSeat(u)
  local v = redis.call('HMGET', seatKey(u), 'state', 'classes', 'skills', 'node')
  local seat = { id = u, state = v[1], node = val(v[4]), classes = {}, skills = nil }
  for _, id in ipairs(cjson.decode(val(v[2]) or '[]')) do seat.classes[id] = true end
  if val(v[3]) and v[3] ~= 'null' then
    seat.skills = {}
    for _, s in ipairs(cjson.decode(v[3])) do seat.skills[s] = true end
  end
  return seat
end

local function allowed(call, seat)
  if seat.state ~= 'ready' or not seat.node then return false end
  if val(call.target) and seat.id ~= call.target then return false end
  if val(call.class) and not seat.classes[call.class] then return false end
  if not val(call.target) and seat.skills then
    local skills = cjson.decode(call.skills)
    if #skills > 0 then
      for _, s in ipairs(skills) do
        if seat.skills[s] then return true end
      end
      return false
    end
  end
  return true
end

-- Rings the agent: the call now belongs to the agent's node, which builds its session.
local function offer(call, u)
  local k = seatKey(u)
  local node = redis.call('HGET', k, 'node')
  redis.call('ZREM', QUEUE, call.id)
  redis.call('HSET', k, 'offered', call.id)
  setSeat(u, 'ringing', '')
  call.offers = call.offers + 1
  redis.call('HSET', callKey(call.id), 'state', 'ringing', 'agent', u, 'offers', call.offers, 'ring', now, 'owner', node)
  redis.call('ZADD', RING_DUE, now + RING_TIMEOUT_MS, call.id)
  if call.owner ~= node then
    redis.call('SREM', ownedKey(call.owner), call.id)
    redis.call('SADD', ownedKey(node), call.id)
    publish(call.owner, { t = 'release', c = call.id })
    call.owner = node
  end
  publishStatus(u)
  publish(node, { t = 'offer', u = u, call = routed(call) })
end

-- Offers queued calls, oldest first, each to the longest-idle ready agent allowed to take it.
local function dispatch()
  local queued = redis.call('ZRANGE', QUEUE, 0, -1)
  if #queued == 0 then return end
  local ready = redis.call('ZRANGE', READY, 0, -1)
  local seats, taken, free = {}, {}, #ready
  for _, c in ipairs(queued) do
    if free == 0 then return end
    local call = loadCall(c)
    if not call then
      redis.call('ZREM', QUEUE, c)
    else
      for _, u in ipairs(ready) do
        if not taken[u] then
          seats[u] = seats[u] or matchSeat(u)
          if allowed(call, seats[u]) then
            taken[u] = true
            free = free - 1
            offer(call, u)
            break
          end
        end
      end
    end
  end
end

-- Ends an offer. Missed: the agent goes on break. A ring timeout requeues the call, or
-- abandons it when only that agent could take it.
local function withdraw(call, reason, missed)
  local u = call.agent
  local k = seatKey(u)
  redis.call('ZREM', RING_DUE, call.id)
  if redis.call('HGET', k, 'offered') == call.id then redis.call('HSET', k, 'offered', '') end
  redis.call('HSET', callKey(call.id), 'state', 'queued', 'agent', '')
  call.state = 'queued'
  publish(call.owner, { t = 'withdrawn', c = call.id, u = u, reason = reason })
  if redis.call('HGET', k, 'state') == 'ringing' then
    if missed then setSeat(u, 'break', 'missed-call') else setSeat(u, 'ready', '') end
    publishStatus(u)
  end
  if reason == 'ring-timeout' then
    if val(call.target) then
      abandoned(call, 'not-answered')
    elseif redis.call('ZSCORE', WAIT_DUE, call.id) then
      redis.call('ZADD', QUEUE, call.enq, call.id)
    else
      abandoned(call, 'queue-timeout')
    end
  end
end

local function abandonCall(call, reason)
  if call.state == 'answered' then return end
  if call.state == 'ringing' then withdraw(call, 'abandoned', false) end
  abandoned(call, reason)
end

if cmd == 'register' then
  local u, node, classes, skills = ARGV[4], ARGV[5], ARGV[6], ARGV[7]
  local k = seatKey(u)
  if redis.call('EXISTS', k) == 0 then
    createSeat(u, node, classes, skills)
  else
    local old = val(redis.call('HGET', k, 'node'))
    redis.call('HSET', k, 'node', node, 'classes', classes)
    if old ~= node then
      if old then redis.call('SREM', nodeSeatsKey(old), u) end
      redis.call('SADD', nodeSeatsKey(node), u)
    end
  end
  return '{}'
elseif cmd == 'state' then
  local u, to, reason, node = ARGV[4], ARGV[5], ARGV[6], ARGV[7]
  local k = seatKey(u)
  if redis.call('EXISTS', k) == 0 then createSeat(u, node, '[]', 'null') end
  -- A seat freed by a dead node's recovery: the agent is back, here.
  if not val(redis.call('HGET', k, 'node')) then
    redis.call('HSET', k, 'node', node)
    redis.call('SADD', nodeSeatsKey(node), u)
  end
  local from = redis.call('HGET', k, 'state')
  if not (ALLOWED[from] and ALLOWED[from][to]) then
    return cjson.encode({ error = 'AGENT_STATE_ILLEGAL', from = from, to = to })
  end
  setSeat(u, to, reason)
  if to ~= 'ringing' and to ~= 'on-call' and to ~= 'after-call' then
    local offered = val(redis.call('HGET', k, 'offered'))
    local call = offered and loadCall(offered)
    if call and call.state == 'ringing' then withdraw(call, 'ring-timeout', false) end
  end
  local status = statusOf(u)
  publish(redis.call('HGET', k, 'node'), { t = 'status', u = u, s = status })
  if to == 'ready' then dispatch() end
  return cjson.encode({ status = status })
elseif cmd == 'enqueue' then
  local c, skills, target, class, owner = ARGV[4], ARGV[5], ARGV[6], ARGV[7], ARGV[8]
  redis.call('HSET', callKey(c), 'state', 'queued', 'skills', skills, 'target', target, 'class', class,
    'enq', now, 'offers', 0, 'owner', owner, 'agent', '', 'ring', 0)
  redis.call('ZADD', QUEUE, now, c)
  redis.call('ZADD', WAIT_DUE, now + MAX_WAIT_MS, c)
  redis.call('SADD', ownedKey(owner), c)
  dispatch()
  return cjson.encode({ offeredTo = val(redis.call('HGET', callKey(c), 'agent')) })
elseif cmd == 'answer' then
  local c, u = ARGV[4], ARGV[5]
  local call = loadCall(c)
  if not call or call.state ~= 'ringing' or call.agent ~= u then
    return cjson.encode({ error = 'CALL_NOT_FOUND' })
  end
  local k = seatKey(u)
  local from = redis.call('HGET', k, 'state')
  if not (ALLOWED[from] and ALLOWED[from]['on-call']) then
    return cjson.encode({ error = 'AGENT_STATE_ILLEGAL', from = from, to = 'on-call' })
  end
  redis.call('ZREM', RING_DUE, c)
  redis.call('ZREM', WAIT_DUE, c)
  redis.call('HSET', callKey(c), 'state', 'answered')
  redis.call('HSET', k, 'offered', '', 'active', c)
  setSeat(u, 'on-call', '')
  publishStatus(u)
  return cjson.encode({ answerMs = now - call.ring })
elseif cmd == 'ended' then
  local c, u = ARGV[4], ARGV[5]
  local k = seatKey(u)
  if redis.call('HGET', k, 'active') == c then
    redis.call('HSET', k, 'active', '')
    if redis.call('HGET', k, 'state') == 'on-call' then
      setSeat(u, 'after-call', '')
      publishStatus(u)
    end
  end
  local call = loadCall(c)
  if call and call.state == 'answered' then removeCall(call) end
  return '{}'
elseif cmd == 'abandon' then
  local call = loadCall(ARGV[4])
  if call then abandonCall(call, ARGV[5]) end
  dispatch()
  return '{}'
elseif cmd == 'disconnect' then
  local u, node = ARGV[4], ARGV[5]
  local k = seatKey(u)
  -- The agent's socket moved to another node: this node's goodbye is stale.
  if redis.call('HGET', k, 'node') ~= node then return '{}' end
  local offered = val(redis.call('HGET', k, 'offered'))
  local call = offered and loadCall(offered)
  if call and call.state == 'ringing' then withdraw(call, 'ring-timeout', true) end
  local state = redis.call('HGET', k, 'state')
  if state ~= 'offline' and state ~= 'on-call' then
    setSeat(u, 'offline', 'disconnected')
    publishStatus(u)
  end
  dispatch()
  return '{}'
elseif cmd == 'sweep' then
  local rings, waits = 0, 0
  for _, c in ipairs(redis.call('ZRANGEBYSCORE', RING_DUE, '-inf', now)) do
    redis.call('ZREM', RING_DUE, c)
    local call = loadCall(c)
    if call and call.state == 'ringing' then
      withdraw(call, 'ring-timeout', true)
      rings = rings + 1
    end
  end
  for _, c in ipairs(redis.call('ZRANGEBYSCORE', WAIT_DUE, '-inf', now)) do
    redis.call('ZREM', WAIT_DUE, c)
    local call = loadCall(c)
    if call and call.state ~= 'answered' then
      abandonCall(call, 'queue-timeout')
      waits = waits + 1
    end
  end
  dispatch()
  return cjson.encode({ ringTimeouts = rings, abandoned = waits })
elseif cmd == 'adopt' then
  -- A node is gone: its agents go offline, its queued calls get a new owner, and its
  -- ringing/answered calls are reported lost (the caller ends them in the database).
  local dead, me = ARGV[4], ARGV[5]
  for _, u in ipairs(redis.call('SMEMBERS', nodeSeatsKey(dead))) do
    local k = seatKey(u)
    if redis.call('HGET', k, 'node') == dead then
      redis.call('HSET', k, 'node', '', 'offered', '', 'active', '')
      setSeat(u, 'offline', 'node-lost')
    end
  end
  redis.call('DEL', nodeSeatsKey(dead))
  local lost, kept = {}, {}
  for _, c in ipairs(redis.call('SMEMBERS', ownedKey(dead))) do
    local call = loadCall(c)
    if call and call.state == 'queued' then
      redis.call('HSET', callKey(c), 'owner', me)
      redis.call('SADD', ownedKey(me), c)
      table.insert(kept, c)
    elseif call then
      -- The agent's socket may already be on a live node: free their seat there.
      local u = call.agent
      if val(u) then
        local k = seatKey(u)
        if redis.call('HGET', k, 'offered') == c then
          redis.call('HSET', k, 'offered', '')
          if redis.call('HGET', k, 'state') == 'ringing' then setSeat(u, 'ready', '') end
          publish(redis.call('HGET', k, 'node'), { t = 'withdrawn', c = c, u = u, reason = 'abandoned' })
          publishStatus(u)
        elseif redis.call('HGET', k, 'active') == c then
          redis.call('HSET', k, 'active', '')
          if redis.call('HGET', k, 'state') == 'on-call' then setSeat(u, 'after-call', '') end
          publishStatus(u)
        end
      end
      table.insert(lost, { callId = c, userId = u, state = call.state })
      removeCall(call)
    end
  end
  redis.call('DEL', ownedKey(dead))
  dispatch()
  return cjson.encode({ lost = lost, kept = kept })
end
return redis.error_reply('unknown router command ' .. tostring(cmd))
`;
}

-- Ends a conversation: an assigned one by its agent, a queued or pending one by any agent, a queued
-- one as abandoned when its customer has gone (agent '').
-- KEYS: meta, frames, ids, notes, queue, team queue, pending index, assigned index, closed index,
--       the assigned agent's open set, handling times
-- ARGV: id, channel, nowMs, ts, agent ('' for the abandoned), retentionMs, cutoffMs (closed index
--       entries closed before it are gone), reason ('agent' or 'abandoned'), number of times kept
local status, stop = open_status(KEYS[1])
if stop then
    return stop
end
if status == 'bot' or (ARGV[5] == '' and status ~= 'queued') then
    return {'not_queued', status}
end
if status == 'assigned' and redis.call('HGET', KEYS[1], 'agent') ~= ARGV[5] then
    return {'not_yours', status}
end
local handling = -1
if status == 'assigned' then
    handling = math.max(0, tonumber(ARGV[3]) - tonumber(redis.call('HGET', KEYS[1], 'claimedAtMs') or ARGV[3]))
    remember(KEYS[11], handling / 1000, ARGV[9])
end
redis.call('HSET', KEYS[1], 'status', 'closed', 'closedAt', ARGV[4], 'closeReason', ARGV[8])
redis.call('SREM', KEYS[10], ARGV[1])
for i = 5, 8 do
    redis.call('ZREM', KEYS[i], ARGV[1])
end
redis.call('ZADD', KEYS[9], ARGV[3], ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[9], '-inf', '(' .. ARGV[7])
-- Nobody talked to a customer who left the queue, so there is nothing to rate.
local rating = 'false'
if status == 'assigned' then
    rating = 'true'
end
append(KEYS[2], ARGV[2], ARGV[1], '{"type":"handoff"',
    ',"status":"closed","ratingRequested":' .. rating .. ',"reason":"' .. ARGV[8] .. '","ts":"' .. ARGV[4] .. '"}')
expire_all(ARGV[6], KEYS[1], KEYS[2], KEYS[3], KEYS[4])
publish_queue(ARGV[2])
return {'ok', handling, status}

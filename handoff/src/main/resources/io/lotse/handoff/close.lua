-- Ends a conversation: an assigned one by its agent, a waiting one by any agent.
-- KEYS: meta, frames, ids, queue, assigned index, closed index, waits
-- ARGV: id, channel, conversation key prefix, nowMs, ts, agent, retentionMs, cutoffMs (closed index
--       entries closed before it are gone)
local status = redis.call('HGET', KEYS[1], 'status')
if not status then
    return {'not_found'}
end
if status == 'closed' then
    return {'closed'}
end
if status == 'bot' then
    return {'not_queued', status}
end
if status == 'assigned' and redis.call('HGET', KEYS[1], 'agent') ~= ARGV[6] then
    return {'not_yours', status}
end
local wasQueued = status == 'queued'
redis.call('HSET', KEYS[1], 'status', 'closed', 'closedAt', ARGV[5])
redis.call('HDEL', KEYS[1], 'position')
redis.call('ZREM', KEYS[4], ARGV[1])
redis.call('ZREM', KEYS[5], ARGV[1])
redis.call('ZADD', KEYS[6], ARGV[4], ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[6], '-inf', '(' .. ARGV[8])
-- Nobody talked to a customer who left the queue, so there is nothing to rate.
local ratingRequested = 'true'
if wasQueued then
    ratingRequested = 'false'
end
append(KEYS[2], ARGV[2], ARGV[1], '{"type":"handoff"',
    ',"status":"closed","ratingRequested":' .. ratingRequested .. ',"ts":"' .. ARGV[5] .. '"}')
expire_all(ARGV[7], KEYS[1], KEYS[2], KEYS[3])
if wasQueued then
    announce_positions(KEYS[4], KEYS[7], ARGV[3], ARGV[2], ARGV[5])
    publish_queue(ARGV[2])
end
return {'ok'}

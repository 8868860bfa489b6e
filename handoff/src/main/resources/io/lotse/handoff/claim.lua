-- Gives a waiting conversation to an agent; the first of several agents wins.
-- KEYS: meta, frames, queue, assigned index, waits
-- ARGV: id, channel, conversation key prefix, nowMs, ts, agent, agent display name, head, tail,
--       number of waits kept
local status = redis.call('HGET', KEYS[1], 'status')
if not status then
    return {'not_found'}
end
if status == 'closed' then
    return {'closed'}
end
if status == 'assigned' then
    if redis.call('HGET', KEYS[1], 'agent') == ARGV[6] then
        return {'ok'}
    end
    return {'already_claimed'}
end
if status ~= 'queued' then
    return {'not_queued', status}
end
redis.call('HSET', KEYS[1], 'status', 'assigned', 'agent', ARGV[6], 'agentDisplayName', ARGV[7], 'claimedAt', ARGV[5])
redis.call('HDEL', KEYS[1], 'position')
local queuedAtMs = redis.call('HGET', KEYS[1], 'queuedAtMs')
if queuedAtMs then
    local waited = math.max(0, tonumber(ARGV[4]) - tonumber(queuedAtMs)) / 1000
    redis.call('LPUSH', KEYS[5], tostring(waited))
    redis.call('LTRIM', KEYS[5], 0, tonumber(ARGV[10]) - 1)
end
redis.call('ZREM', KEYS[3], ARGV[1])
redis.call('ZADD', KEYS[4], ARGV[4], ARGV[1])
append(KEYS[2], ARGV[2], ARGV[1], ARGV[8], ARGV[9])
announce_positions(KEYS[3], KEYS[5], ARGV[3], ARGV[2], ARGV[5])
publish_queue(ARGV[2])
return {'ok'}

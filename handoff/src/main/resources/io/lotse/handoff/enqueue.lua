-- Hands a conversation from the bot to the queue; a conversation already queued stays as it is.
-- KEYS: meta, frames, ids, queue, bot index, waits
-- ARGV: id, channel, conversation key prefix, nowMs, ts, reason ('' for none), context ('' for none)
local status = redis.call('HGET', KEYS[1], 'status')
if not status then
    return {'not_found'}
end
if status == 'closed' then
    return {'closed'}
end
if status == 'assigned' then
    return {'not_queued', status}
end
if status == 'queued' then
    return {'ok'}
end
redis.call('HSET', KEYS[1], 'status', 'queued', 'queuedAt', ARGV[5], 'queuedAtMs', ARGV[4])
if ARGV[6] ~= '' then
    redis.call('HSET', KEYS[1], 'handoffReason', ARGV[6])
end
if ARGV[7] ~= '' then
    redis.call('HSET', KEYS[1], 'handoffContext', ARGV[7])
end
-- Queued and assigned conversations are kept until they are closed.
redis.call('PERSIST', KEYS[1])
redis.call('PERSIST', KEYS[2])
redis.call('PERSIST', KEYS[3])
redis.call('ZREM', KEYS[5], ARGV[1])
-- The score orders the queue by arrival: one more than the last one's when the clock has not moved
-- on (or another node's clock is behind), as equal scores would be ordered by id instead.
local score = tonumber(ARGV[4])
local last = redis.call('ZRANGE', KEYS[4], -1, -1, 'WITHSCORES')
if last[2] and tonumber(last[2]) >= score then
    score = tonumber(last[2]) + 1
end
redis.call('ZADD', KEYS[4], string.format('%d', score), ARGV[1])
announce_positions(KEYS[4], KEYS[6], ARGV[3], ARGV[2], ARGV[5])
publish_queue(ARGV[2])
return {'ok'}

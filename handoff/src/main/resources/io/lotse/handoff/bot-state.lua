-- KEYS: meta, frames, ids, bot index
-- ARGV: id, state, nowMs, retentionMs
local status = redis.call('HGET', KEYS[1], 'status')
if not status then
    return {'not_found'}
end
redis.call('HSET', KEYS[1], 'botState', ARGV[2])
if status == 'bot' then
    expire_all(ARGV[4], KEYS[1], KEYS[2], KEYS[3])
    redis.call('ZADD', KEYS[4], ARGV[3], ARGV[1])
end
return {'ok'}

-- The customer leaves the queue or the pending list and goes back to the bot.
-- KEYS: meta, frames, ids, notes, queue, team queue, pending index, bot index
-- ARGV: id, channel, nowMs, ts, retentionMs
local status = redis.call('HGET', KEYS[1], 'status')
if not status then
    return {'not_found'}
end
if status ~= 'queued' and status ~= 'pending' then
    return {'not_waiting', status}
end
-- A message left for the team stays with the team: nothing a customer wrote is dropped.
if redis.call('HEXISTS', KEYS[1], 'contactEmail') == 1 then
    return {'message_left'}
end
redis.call('HSET', KEYS[1], 'status', 'bot')
redis.call('HDEL', KEYS[1], 'queueScore')
redis.call('ZREM', KEYS[5], ARGV[1])
redis.call('ZREM', KEYS[6], ARGV[1])
redis.call('ZREM', KEYS[7], ARGV[1])
redis.call('ZADD', KEYS[8], ARGV[3], ARGV[1])
append(KEYS[2], ARGV[2], ARGV[1], '{"type":"handoff"', ',"status":"cancelled","ts":"' .. ARGV[4] .. '"}')
expire_all(ARGV[5], KEYS[1], KEYS[2], KEYS[3], KEYS[4])
publish_queue(ARGV[2])
return {'ok'}

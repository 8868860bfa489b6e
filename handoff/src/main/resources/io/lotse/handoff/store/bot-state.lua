-- KEYS: meta, frames, ids, bot index
-- ARGV: id, state, nowMs, retentionMs, answered (the seq of the customer message the state answers, 0 for none)
local status = redis.call('HGET', KEYS[1], 'status')
if not status then
    return {'not_found'}
end
-- Of two answers to one message (sent again on two nodes at once) only the first is kept; a message
-- older than one answered already is not answered any more.
local answered = tonumber(ARGV[5] or '0')
if answered > 0 then
    if answered <= (tonumber(redis.call('HGET', KEYS[1], 'answeredSeq')) or 0) then
        return {'answered'}
    end
    redis.call('HSET', KEYS[1], 'answeredSeq', ARGV[5])
end
redis.call('HSET', KEYS[1], 'botState', ARGV[2])
if status == 'bot' then
    expire_all(ARGV[4], KEYS[1], KEYS[2], KEYS[3])
    redis.call('ZADD', KEYS[4], ARGV[3], ARGV[1])
end
return {'ok'}

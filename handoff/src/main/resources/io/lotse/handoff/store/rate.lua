-- Stores the customer's rating of a closed conversation, once.
-- KEYS: meta, frames
-- ARGV: id, channel, score, head, tail
local status = redis.call('HGET', KEYS[1], 'status')
if not status then
    return {'not_found'}
end
if status ~= 'closed' then
    return {'not_closed'}
end
if redis.call('HEXISTS', KEYS[1], 'rating') == 1 then
    return {'already_rated'}
end
redis.call('HSET', KEYS[1], 'rating', ARGV[3])
return {'ok', append(KEYS[2], ARGV[2], ARGV[1], ARGV[4], ARGV[5])}

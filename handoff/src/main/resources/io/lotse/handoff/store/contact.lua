-- Stores the message a customer leaves for the agents, once per client id; a queued conversation
-- becomes pending (the customer no longer waits in the chat).
-- KEYS: meta, frames, ids, queue, team queue, pending index
-- ARGV: id, channel, client id, e-mail, head, tail, nowMs
local status = redis.call('HGET', KEYS[1], 'status')
if not status then
    return {'not_found'}
end
local known = redis.call('HGET', KEYS[3], ARGV[3])
if known then
    return {'duplicate', tonumber(known)}
end
if status ~= 'queued' and status ~= 'pending' then
    return {'not_waiting', status}
end
local seq = append(KEYS[2], ARGV[2], ARGV[1], ARGV[5], ARGV[6])
redis.call('HSET', KEYS[3], ARGV[3], seq)
redis.call('HSET', KEYS[1], 'contactEmail', ARGV[4], 'status', 'pending')
redis.call('ZREM', KEYS[4], ARGV[1])
redis.call('ZREM', KEYS[5], ARGV[1])
redis.call('ZADD', KEYS[6], ARGV[7], ARGV[1])
publish_queue(ARGV[2])
return {'ok', seq}

-- Erases a conversation everywhere: its keys, and its entry in every list that names it. An
-- administrator's erasure ('erase') of an unknown conversation changes nothing; an expiry
-- ('expire') of one whose keys Redis has expired already removes what still names it.
-- Nothing changes when the conversation changed since the caller read it (status, agent, team,
-- customer, or, for an expiry, a new frame): the caller reads again.
-- KEYS: meta, frames, ids, notes, queue, team queue, bot index, pending index, assigned index,
--       closed index, the agent's open set, customers seen, the customer's index
-- ARGV: id, channel, mode ('erase' or 'expire'), status, agent, team, customer ('' for none each),
--       frames the conversation has (-1: not checked)
local status = redis.call('HGET', KEYS[1], 'status')
if not status then
    if ARGV[3] ~= 'expire' then
        return {'not_found'}
    end
else
    local meta = redis.call('HMGET', KEYS[1], 'agent', 'team', 'customerId')
    if status ~= ARGV[4] or (meta[1] or '') ~= ARGV[5] or (meta[2] or '') ~= ARGV[6] or (meta[3] or '') ~= ARGV[7] then
        return {'changed'}
    end
    if tonumber(ARGV[8]) >= 0 and redis.call('LLEN', KEYS[2]) ~= tonumber(ARGV[8]) then
        return {'changed'}
    end
end
redis.call('DEL', KEYS[1], KEYS[2], KEYS[3], KEYS[4])
for i = 5, 10 do
    redis.call('ZREM', KEYS[i], ARGV[1])
end
redis.call('SREM', KEYS[11], ARGV[1])
redis.call('ZREM', KEYS[12], ARGV[1])
redis.call('ZREM', KEYS[13], ARGV[1])
redis.call('PUBLISH', ARGV[2], '{"type":"erased","conversationId":"' .. ARGV[1] .. '"}')
if status == 'queued' or status == 'pending' or status == 'assigned' then
    publish_queue(ARGV[2])
end
return {'ok', status or ''}

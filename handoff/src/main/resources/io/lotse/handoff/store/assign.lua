-- Gives a waiting conversation to an agent; of several agents or nodes at once exactly one wins.
-- 'claim': the agent takes a queued or pending conversation themselves (the one who has it already
-- gets it again, unchanged); 'auto': the queue is served, and the agent must be online with room;
-- 'admin': an administrator gives a queued or pending conversation to an agent.
-- KEYS: meta, frames, queue, team queue, pending index, assigned index, agent, agent's open set, waits
-- ARGV: id, channel, nowMs, ts, agent, agent display name, head, tail (the 'assigned' frame), mode,
--       number of waits kept
local status, stop = open_status(KEYS[1])
if stop then
    return stop
end
local mode = ARGV[9]
if status == 'assigned' then
    if redis.call('HGET', KEYS[1], 'agent') == ARGV[5] then
        return {'ok', -1}
    end
    return {'already_claimed'}
end
if status == 'bot' or (mode == 'auto' and status ~= 'queued') then
    return {'not_queued', status}
end
if mode == 'auto' then
    local capacity = tonumber(redis.call('HGET', KEYS[7], 'capacity') or '0')
    if redis.call('HGET', KEYS[7], 'status') ~= 'online' or redis.call('SCARD', KEYS[8]) >= capacity then
        return {'agent_unavailable'}
    end
end
redis.call('HSET', KEYS[1], 'status', 'assigned', 'agent', ARGV[5], 'agentDisplayName', ARGV[6],
    'claimedAt', ARGV[4], 'claimedAtMs', ARGV[3])
local waited = -1
local queuedAtMs = redis.call('HGET', KEYS[1], 'queuedAtMs')
if queuedAtMs and not redis.call('HGET', KEYS[1], 'firstAssignedAtMs') then
    waited = math.max(0, tonumber(ARGV[3]) - tonumber(queuedAtMs))
    redis.call('HSET', KEYS[1], 'firstAssignedAtMs', ARGV[3])
    remember(KEYS[9], waited / 1000, ARGV[10])
end
redis.call('ZREM', KEYS[3], ARGV[1])
redis.call('ZREM', KEYS[4], ARGV[1])
redis.call('ZREM', KEYS[5], ARGV[1])
redis.call('ZADD', KEYS[6], ARGV[3], ARGV[1])
redis.call('SADD', KEYS[8], ARGV[1])
redis.call('HSET', KEYS[7], 'lastAssignedMs', ARGV[3])
append(KEYS[2], ARGV[2], ARGV[1], ARGV[7], ARGV[8])
publish_assigned(ARGV[2], ARGV[1], ARGV[5])
publish_queue(ARGV[2])
return {'ok', waited}

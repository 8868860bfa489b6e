-- Takes a conversation from the agent who has it: back into a team's queue ('team': at its old
-- place; 'front': at the front, when the agent went offline) or straight to another agent, who must
-- be online with room ('agent'). The customer never notices more than who is answering.
-- KEYS: meta, frames, queue, target team queue, assigned index, current agent's open set,
--       target agent, target agent's open set
-- ARGV: id, channel, nowMs, ts, mode, current agent (who must have it), target agent ('' for a
--       team), its display name, target team ('' for none), queue score at the old place,
--       assigned frame head, assigned frame tail, estimated seconds per position ('' for none)
local status, stop = open_status(KEYS[1])
if stop then
    return stop
end
if status ~= 'assigned' then
    return {'not_queued', status}
end
if redis.call('HGET', KEYS[1], 'agent') ~= ARGV[6] then
    return {'not_yours', status}
end
local mode = ARGV[5]
if mode == 'agent' then
    if ARGV[7] == ARGV[6] then
        return {'ok', 'unchanged'}
    end
    local capacity = tonumber(redis.call('HGET', KEYS[7], 'capacity') or '0')
    if redis.call('HGET', KEYS[7], 'status') ~= 'online' or redis.call('SCARD', KEYS[8]) >= capacity then
        return {'agent_unavailable'}
    end
end
redis.call('SREM', KEYS[6], ARGV[1])
redis.call('HINCRBY', KEYS[1], 'transfers', 1)
if mode == 'agent' then
    redis.call('HSET', KEYS[1], 'agent', ARGV[7], 'agentDisplayName', ARGV[8], 'claimedAt', ARGV[4], 'claimedAtMs', ARGV[3])
    redis.call('SADD', KEYS[8], ARGV[1])
    redis.call('HSET', KEYS[7], 'lastAssignedMs', ARGV[3])
    append(KEYS[2], ARGV[2], ARGV[1], ARGV[11], ARGV[12])
    publish_assigned(ARGV[2], ARGV[1], ARGV[7])
    return {'ok', 'assigned'}
end
local score = tonumber(ARGV[10])
if mode == 'front' then
    local head = redis.call('ZRANGE', KEYS[4], 0, 0, 'WITHSCORES')
    if head[2] and tonumber(head[2]) <= score then
        score = tonumber(head[2]) - 1
    end
end
redis.call('HSET', KEYS[1], 'status', 'queued', 'team', ARGV[9], 'queueScore', string.format('%d', score))
redis.call('HDEL', KEYS[1], 'agent', 'agentDisplayName', 'claimedAt', 'claimedAtMs')
redis.call('ZREM', KEYS[5], ARGV[1])
redis.call('ZADD', KEYS[3], string.format('%d', score), ARGV[1])
redis.call('ZADD', KEYS[4], string.format('%d', score), ARGV[1])
append_queued(KEYS[2], ARGV[2], ARGV[1], KEYS[4], ARGV[13], ARGV[4], ',"transferred":true')
publish_queue(ARGV[2])
return {'ok', 'queued'}

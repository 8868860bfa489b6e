-- Hands a conversation from the bot to the agents: into the queue, or, when nobody can take it now,
-- into the pending list with an 'offline' frame. A conversation already there stays as it is; a
-- pending one asked for again while agents are there moves into the queue.
-- KEYS: meta, frames, ids, queue, team queue, bot index, pending index
-- ARGV: id, channel, nowMs, ts, reason ('' for none), context ('' for none), team ('' for none),
--       tier ('' for none), queue score, first-response due (ms), mode ('queued' or 'pending'),
--       offline frame head, offline frame tail, estimated seconds per position ('' for none)
-- Answers ok, the status it is in now, and 'changed' or 'unchanged'.
local status, stop = open_status(KEYS[1])
if stop then
    return stop
end
if status == 'assigned' then
    return {'not_queued', status}
end
local mode = ARGV[11]
if status == 'queued' or (status == 'pending' and mode == 'pending') then
    return {'ok', status, 'unchanged'}
end
if status == 'bot' then
    redis.call('HSET', KEYS[1], 'queuedAt', ARGV[4], 'queuedAtMs', ARGV[3], 'team', ARGV[7], 'dueAtMs', ARGV[10])
    if ARGV[5] ~= '' then
        redis.call('HSET', KEYS[1], 'handoffReason', ARGV[5])
    end
    if ARGV[6] ~= '' then
        redis.call('HSET', KEYS[1], 'handoffContext', ARGV[6])
    end
    if ARGV[8] ~= '' then
        redis.call('HSET', KEYS[1], 'tier', ARGV[8])
    end
    -- Conversations with the agents are kept until they are closed.
    persist_all(KEYS[1], KEYS[2], KEYS[3])
    redis.call('ZREM', KEYS[6], ARGV[1])
end
if mode == 'pending' then
    redis.call('HSET', KEYS[1], 'status', 'pending')
    redis.call('ZADD', KEYS[7], ARGV[3], ARGV[1])
    append(KEYS[2], ARGV[2], ARGV[1], ARGV[12], ARGV[13])
else
    -- Arrival orders a tier: one more than the tier's last score when the clock has not moved on
    -- (or another node's clock is behind), as equal scores would be ordered by id instead.
    local score = tonumber(ARGV[9])
    local tier_start = math.floor(score / 1e13) * 1e13
    local last = redis.call('ZREVRANGEBYSCORE', KEYS[4], '(' .. string.format('%d', tier_start + 1e13),
        string.format('%d', tier_start), 'WITHSCORES', 'LIMIT', 0, 1)
    if last[2] and tonumber(last[2]) >= score then
        score = tonumber(last[2]) + 1
    end
    score = string.format('%d', score)
    redis.call('HSET', KEYS[1], 'status', 'queued', 'queueScore', score)
    redis.call('ZREM', KEYS[7], ARGV[1])
    redis.call('ZADD', KEYS[4], score, ARGV[1])
    redis.call('ZADD', KEYS[5], score, ARGV[1])
    append_queued(KEYS[2], ARGV[2], ARGV[1], KEYS[5], ARGV[14], ARGV[4])
end
publish_queue(ARGV[2])
return {'ok', mode, 'changed'}

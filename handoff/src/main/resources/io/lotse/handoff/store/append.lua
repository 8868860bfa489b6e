-- Appends one frame of a customer, the bot or an agent.
-- KEYS: meta, frames, ids, bot index, notes
-- ARGV: id, channel, head, tail, nowMs, retentionMs, kind ('customer', 'bot' or 'agent'),
--       the customer's client id or the agent, the customer's text
-- Answers the seq and, for an agent's first message since the handoff, the milliseconds the
-- customer waited for it (-1 otherwise).
local status, stop = open_status(KEYS[1])
if stop then
    return stop
end
local kind = ARGV[7]
if kind == 'customer' then
    local known = redis.call('HGET', KEYS[3], ARGV[8])
    if known then
        return {'duplicate', tonumber(known)}
    end
elseif kind == 'agent' then
    if status ~= 'assigned' or redis.call('HGET', KEYS[1], 'agent') ~= ARGV[8] then
        return {'not_yours', status}
    end
end
local seq = append(KEYS[2], ARGV[2], ARGV[1], ARGV[3], ARGV[4])
local firstResponse = -1
if kind == 'agent' and not redis.call('HGET', KEYS[1], 'firstResponseAtMs') then
    redis.call('HSET', KEYS[1], 'firstResponseAtMs', ARGV[5])
    firstResponse = math.max(0, tonumber(ARGV[5]) - tonumber(redis.call('HGET', KEYS[1], 'queuedAtMs') or ARGV[5]))
end
if kind == 'customer' then
    redis.call('HSET', KEYS[3], ARGV[8], seq)
    redis.call('HSET', KEYS[1], 'lastCustomerText', ARGV[9])
end
if status == 'bot' then
    -- A conversation left with the bot expires after the retention, counted from its last frame.
    expire_all(ARGV[6], KEYS[1], KEYS[2], KEYS[3], KEYS[5])
    redis.call('ZADD', KEYS[4], ARGV[5], ARGV[1])
end
return {'ok', seq, firstResponse}

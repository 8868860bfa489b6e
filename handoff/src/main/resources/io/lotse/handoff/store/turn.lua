-- The bot's turn on a customer message in one step: the customer's message (unless it was stored
-- before), the bot's frames and its new state, all or nothing, announced once.
-- KEYS: meta, frames, ids, bot index, notes
-- ARGV: id, channel, nowMs, retentionMs, frame count the bot's state was read with, client id ('' when
--       answering a message stored before), customer text, customer frame head, customer frame tail,
--       seq of the stored message answered (0 for a new one), bot state, then head and tail of each
--       bot frame
-- Answers ok with the seq of the customer's message and of the last frame; duplicate with the seq of
-- a client id stored before; stale when frames came meanwhile (the bot answered from an old state:
-- read again and answer anew); not_bot with the status once the bot no longer has the conversation;
-- answered when the stored message was answered meanwhile. Only ok changes anything.
local status, stop = open_status(KEYS[1])
if stop then
    return stop
end
local client = ARGV[6]
if client ~= '' then
    local known = redis.call('HGET', KEYS[3], client)
    if known then
        return {'duplicate', tonumber(known)}
    end
end
if status ~= 'bot' then
    return {'not_bot', status}
end
local count = redis.call('LLEN', KEYS[2])
if count ~= tonumber(ARGV[5]) then
    return {'stale'}
end
local customer = tonumber(ARGV[10])
if client ~= '' then
    count = count + 1
    customer = count
    redis.call('RPUSH', KEYS[2], ARGV[8] .. ',"seq":' .. count .. ARGV[9])
    redis.call('HSET', KEYS[3], client, count)
    redis.call('HSET', KEYS[1], 'lastCustomerText', ARGV[7])
elseif customer <= (tonumber(redis.call('HGET', KEYS[1], 'answeredSeq')) or 0) then
    return {'answered'}
end
for i = 12, #ARGV - 1, 2 do
    count = count + 1
    redis.call('RPUSH', KEYS[2], ARGV[i] .. ',"seq":' .. count .. ARGV[i + 1])
end
redis.call('HSET', KEYS[1], 'botState', ARGV[11], 'answeredSeq', customer)
-- A conversation left with the bot expires after the retention, counted from its last frame.
expire_all(ARGV[4], KEYS[1], KEYS[2], KEYS[3], KEYS[5])
redis.call('ZADD', KEYS[4], ARGV[3], ARGV[1])
-- One announcement for the whole turn: listeners read everything after what they have.
publish_frame(ARGV[2], ARGV[1], count)
return {'ok', customer, count}

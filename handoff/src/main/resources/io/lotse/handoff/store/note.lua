-- Adds an agent's internal note to a conversation, after the frames it has now; notes are kept
-- apart from the frames, so no customer ever gets one.
-- KEYS: meta, notes, frames
-- ARGV: id, channel, note JSON head, note JSON tail (its number and place go between)
if not redis.call('HGET', KEYS[1], 'status') then
    return {'not_found'}
end
local number = redis.call('LLEN', KEYS[2]) + 1
local after = redis.call('LLEN', KEYS[3])
redis.call('RPUSH', KEYS[2], ARGV[3] .. ',"number":' .. number .. ',"afterSeq":' .. after .. ARGV[4])
local ttl = redis.call('PTTL', KEYS[1])
if ttl > 0 then
    redis.call('PEXPIRE', KEYS[2], ttl)
end
redis.call('PUBLISH', ARGV[2], '{"type":"note","conversationId":"' .. ARGV[1] .. '","number":' .. number .. '}')
return {'ok', number}

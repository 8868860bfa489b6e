-- What the bot reads before its turn, at one moment: the conversation's status, language, bot state
-- and the seq of the last message it answered, how many frames it has, and the seq of a client id
-- stored before. Changes nothing.
-- KEYS: meta, frames, ids
-- ARGV: client id ('' for none)
local meta = redis.call('HMGET', KEYS[1], 'status', 'locale', 'botState', 'answeredSeq')
if not meta[1] then
    return {'not_found'}
end
local stored = false
if ARGV[1] ~= '' then
    stored = redis.call('HGET', KEYS[3], ARGV[1])
end
return {'ok', meta[1], meta[2] or '', meta[3] or '', tonumber(meta[4] or '0'), redis.call('LLEN', KEYS[2]),
    tonumber(stored or '0')}

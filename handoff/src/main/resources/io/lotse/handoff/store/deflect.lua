-- Counts a conversation as ended with the bot, once: it is still with the bot, the bot answered at
-- least one of the customer's messages, and it never went to the agents (queuedAtMs stays after a
-- cancel).
-- KEYS: meta
-- ARGV: nowMs
-- Answers ok and the conversation's language, or why it does not count.
if redis.call('HGET', KEYS[1], 'status') ~= 'bot' then
    return {'not_bot'}
end
if redis.call('HEXISTS', KEYS[1], 'queuedAtMs') == 1 then
    return {'handed_over'}
end
if redis.call('HEXISTS', KEYS[1], 'answeredSeq') == 0 then
    return {'unanswered'}
end
if redis.call('HSETNX', KEYS[1], 'deflectedAtMs', ARGV[1]) == 0 then
    return {'counted'}
end
return {'ok', redis.call('HGET', KEYS[1], 'locale') or ''}

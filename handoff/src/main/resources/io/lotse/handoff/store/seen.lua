-- Notes when customers' connections were last open (negative: when the last one closed), only for
-- conversations that still exist, so that an erased or expired conversation is not listed again.
-- KEYS: customers seen, then the meta of each conversation
-- ARGV: the time (ms, negative for a close), then the id of each conversation
local noted = 0
for i = 2, #KEYS do
    if redis.call('EXISTS', KEYS[i]) == 1 then
        redis.call('ZADD', KEYS[1], ARGV[1], ARGV[i])
        noted = noted + 1
    end
end
return {'ok', noted}

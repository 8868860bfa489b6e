-- Records who the customer of a conversation is, as the site vouched for it, and lists the
-- conversation under that customer (and no longer under another one it was listed under).
-- KEYS: meta, the customer's index, the index of the customer it had before (the same key if none)
-- ARGV: id, nowMs, sub, name, email, tier, the sub it had before ('' for none)
if not redis.call('HGET', KEYS[1], 'status') then
    return {'not_found'}
end
if (redis.call('HGET', KEYS[1], 'customerId') or '') ~= ARGV[7] then
    return {'changed'}
end
if ARGV[7] ~= '' and ARGV[7] ~= ARGV[3] then
    redis.call('ZREM', KEYS[3], ARGV[1])
end
redis.call('HSET', KEYS[1], 'customerId', ARGV[3], 'customerName', ARGV[4], 'customerEmail', ARGV[5], 'tier', ARGV[6])
redis.call('ZADD', KEYS[2], ARGV[2], ARGV[1])
return {'ok'}

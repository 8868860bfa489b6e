-- KEYS: meta, bot index
-- ARGV: id, locale, createdAt, nowMs, retentionMs, cutoffMs (bot index entries idle since before it are gone)
redis.call('HSET', KEYS[1], 'id', ARGV[1], 'locale', ARGV[2], 'status', 'bot', 'createdAt', ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[5])
redis.call('ZADD', KEYS[2], ARGV[4], ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', '(' .. ARGV[6])
return {'ok'}

package io.lotse.knowledge;

import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The shared Redis on 127.0.0.1:6379 under a key prefix of its own, whose keys (and only those)
 * are deleted on close; other users of that server are never touched.
 */
public final class TestRedis implements AutoCloseable {

    public final String prefix = "lotse-test-" + UUID.randomUUID().toString().substring(0, 8);
    private final RedisClient client = RedisClient.create(
            System.getProperty("lotse.test.redis", "redis://127.0.0.1:6379"));
    public final StatefulRedisConnection<String, String> connection = client.connect();
    private final List<StatefulRedisPubSubConnection<String, String>> pubSubs = new ArrayList<>();

    public StatefulRedisPubSubConnection<String, String> newPubSub() {
        StatefulRedisPubSubConnection<String, String> pubSub = client.connectPubSub();
        pubSubs.add(pubSub);
        return pubSub;
    }

    @Override
    public void close() {
        ScanIterator<String> keys = ScanIterator.scan(connection.sync(), ScanArgs.Builder.matches(prefix + ":*").limit(500));
        List<String> mine = new ArrayList<>();
        keys.forEachRemaining(mine::add);
        if (!mine.isEmpty()) {
            connection.sync().del(mine.toArray(String[]::new));
        }
        pubSubs.forEach(StatefulRedisPubSubConnection::close);
        connection.close();
        client.shutdown();
    }
}

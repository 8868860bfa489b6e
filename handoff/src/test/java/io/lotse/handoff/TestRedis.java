package io.lotse.handoff;

import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lotse.handoff.store.Keys;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The shared Redis on 127.0.0.1:6379 under a key prefix of its own, whose keys (and only those)
 * are deleted on close; other users of that server are never touched.
 *
 * <p>Each {@link #handoff} gets a prefix below that one, so tests do not share a queue.
 */
final class TestRedis implements AutoCloseable {

    static final Duration RETENTION = Duration.ofDays(30);

    final String prefix = "lotse-test-" + UUID.randomUUID().toString().substring(0, 8);
    private final RedisClient client = RedisClient.create(System.getProperty("lotse.test.redis", "redis://127.0.0.1:6379"));
    final StatefulRedisConnection<String, String> connection = client.connect();
    private final List<AutoCloseable> opened = new ArrayList<>();
    private final AtomicInteger handoffs = new AtomicInteger();

    /** A handoff with a prefix of its own and its own pub/sub connection. */
    Fixture handoff(Clock clock) {
        return handoff(prefix + ":" + handoffs.incrementAndGet(), clock);
    }

    /** A handoff with a prefix of its own and settings made for that prefix. */
    Fixture handoff(Clock clock, Function<String, HandoffSettings> settings) {
        return handoff(prefix + ":" + handoffs.incrementAndGet(), clock, settings);
    }

    /** Another handoff on the keys of the given one, as another node would be, on a connection of its own. */
    Fixture otherNode(Fixture node, Clock clock) {
        return otherNode(node, clock, prefix -> new HandoffSettings(prefix, RETENTION));
    }

    Fixture otherNode(Fixture node, Clock clock, Function<String, HandoffSettings> settings) {
        StatefulRedisConnection<String, String> own = client.connect();
        opened.add(own);
        return handoff(node.prefix(), clock, settings, own);
    }

    /** A handoff with a prefix of its own that tells these metrics what it measures. */
    Fixture handoff(Clock clock, HandoffMetrics metrics) {
        return handoff(prefix + ":" + handoffs.incrementAndGet(), clock, p -> new HandoffSettings(p, RETENTION), connection, metrics);
    }

    /** Another node on the keys of the given one, on a connection of its own, telling these metrics. */
    Fixture otherNode(Fixture node, Clock clock, HandoffMetrics metrics) {
        StatefulRedisConnection<String, String> own = client.connect();
        opened.add(own);
        return handoff(node.prefix(), clock, p -> new HandoffSettings(p, RETENTION), own, metrics);
    }

    private Fixture handoff(String own, Clock clock) {
        return handoff(own, clock, prefix -> new HandoffSettings(prefix, RETENTION));
    }

    private Fixture handoff(String own, Clock clock, Function<String, HandoffSettings> settings) {
        return handoff(own, clock, settings, connection);
    }

    private Fixture handoff(String own, Clock clock, Function<String, HandoffSettings> settings,
            StatefulRedisConnection<String, String> redis) {
        return handoff(own, clock, settings, redis, HandoffMetrics.NONE);
    }

    private Fixture handoff(String own, Clock clock, Function<String, HandoffSettings> settings,
            StatefulRedisConnection<String, String> redis, HandoffMetrics metrics) {
        var pubSub = client.connectPubSub();
        Handoff handoff = new Handoff(redis, pubSub, settings.apply(own), clock, metrics);
        opened.add(pubSub);
        opened.add(handoff);
        return new Fixture(handoff, new Keys(own), own);
    }

    record Fixture(Handoff handoff, Keys keys, String prefix) {}

    @Override
    public void close() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
        ScanIterator<String> keys = ScanIterator.scan(connection.sync(), ScanArgs.Builder.matches(prefix + ":*").limit(500));
        List<String> mine = new ArrayList<>();
        keys.forEachRemaining(mine::add);
        if (!mine.isEmpty()) {
            connection.sync().del(mine.toArray(String[]::new));
        }
        connection.close();
        client.shutdown();
    }
}

package io.lotse.handoff.store;

import io.lettuce.core.KeyValue;
import io.lettuce.core.LettuceFutures;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.Range.Boundary;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The Redis connection every feature of the handoff shares, with its key builder, its frame JSON
 * and the clock every stored time is read from.
 *
 * <p>One of the module's internals, public only for the handoff's feature packages. The connection
 * is shared by every thread and never closed here.
 */
public final class Store {

    private final StatefulRedisConnection<String, String> redis;
    private final Keys keys;
    private final Clock clock;
    private final FrameJson frameJson = new FrameJson();

    public Store(StatefulRedisConnection<String, String> redis, Keys keys, Clock clock) {
        this.redis = redis;
        this.keys = keys;
        this.clock = clock;
    }

    public Keys keys() {
        return keys;
    }

    public FrameJson frameJson() {
        return frameJson;
    }

    public RedisCommands<String, String> sync() {
        return redis.sync();
    }

    /** Commands sent at once and awaited later: many reads in one round trip. */
    public RedisAsyncCommands<String, String> async() {
        return redis.async();
    }

    public <T> T await(RedisFuture<T> future) {
        return LettuceFutures.awaitOrCancel(future, redis.getTimeout().toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Ids in a sorted set whose score is below a bound, lowest first, at most {@code limit}. */
    public List<String> below(String key, long bound, int limit) {
        return sync().zrangebyscore(key, Range.from(Boundary.unbounded(), Boundary.excluding(bound)), Limit.create(0, limit));
    }

    /** Now, to the millisecond, as every stored time is. */
    public Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    public static Map<String, String> fields(List<KeyValue<String, String>> values) {
        // HMGET answers in the order asked; absent fields have no value and are left out.
        return values.stream().filter(KeyValue::hasValue)
                .collect(Collectors.toMap(KeyValue::getKey, KeyValue::getValue));
    }
}

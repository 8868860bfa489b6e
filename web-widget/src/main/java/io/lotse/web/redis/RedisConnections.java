package io.lotse.web.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lotse.evaluation.EvaluationRedis;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The node's connections to Redis: one shared connection for commands and one publish/subscribe
 * connection per subscriber, all closed together.
 *
 * <p>Commands fail after the configured timeout instead of queueing forever while Redis is away,
 * so callers can tell customers honestly that something is wrong. The {@code evaluate} command
 * keeps its throwaway knowledge base in an {@link #embedded} server of its own.
 */
public final class RedisConnections implements EvaluationRedis {

    private final RedisClient client;
    private final StatefulRedisConnection<String, String> main;
    private final List<StatefulRedisPubSubConnection<String, String>> pubSubs = new CopyOnWriteArrayList<>();
    private final List<StatefulRedisConnection<String, byte[]>> others = new CopyOnWriteArrayList<>();
    private final EmbeddedRedis embedded;
    private final String description;

    RedisConnections(String url, Duration timeout, EmbeddedRedis embedded) {
        this.embedded = embedded;
        RedisURI uri = RedisURI.create(url);
        uri.setTimeout(timeout);
        this.description = uri.getHost() + ":" + uri.getPort();
        this.client = RedisClient.create(uri);
        client.setOptions(ClientOptions.builder()
                .timeoutOptions(TimeoutOptions.enabled(timeout))
                .socketOptions(SocketOptions.builder().connectTimeout(timeout).build())
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .build());
        this.main = client.connect();
    }

    /**
     * Starts a Redis server of its own with its files in {@code dir}, on a free port of 127.0.0.1,
     * and connects to it; {@link #close()} stops it. For tools that run without the application,
     * such as the {@code evaluate} command.
     */
    public static RedisConnections embedded(Path dir, Duration timeout) {
        EmbeddedRedis embedded = EmbeddedRedis.start(dir, 0);
        try {
            return new RedisConnections("redis://127.0.0.1:" + embedded.port(), timeout, embedded);
        } catch (RuntimeException e) {
            embedded.close();
            throw e;
        }
    }

    /** The shared, thread-safe connection for commands. */
    public StatefulRedisConnection<String, String> main() {
        return main;
    }

    /**
     * A new connection whose values are bytes (keys stay text), closed with this object: for
     * libraries that keep binary state in Redis, such as the rate limits' buckets.
     */
    public StatefulRedisConnection<String, byte[]> newBinaryConnection() {
        StatefulRedisConnection<String, byte[]> connection = client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
        others.add(connection);
        return connection;
    }

    /** A new publish/subscribe connection, closed with this object. */
    public StatefulRedisPubSubConnection<String, String> newPubSub() {
        StatefulRedisPubSubConnection<String, String> connection = client.connectPubSub();
        pubSubs.add(connection);
        return connection;
    }

    /**
     * A new publish/subscribe connection that shows as {@code name} in Redis' {@code CLIENT LIST},
     * also after a reconnect, so an operator can tell which installation's subscriber it is.
     * Characters Redis does not allow in a client name (spaces and the like) become {@code _}.
     */
    public StatefulRedisPubSubConnection<String, String> newPubSub(String name) {
        StatefulRedisPubSubConnection<String, String> connection = newPubSub();
        connection.sync().clientSetname(clientName(name));
        return connection;
    }

    static String clientName(String name) {
        return name.replaceAll("[^!-~]", "_");
    }

    /** Whether the server answers a PING now. */
    public boolean ping() {
        try {
            return "PONG".equals(main.sync().ping());
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Host and port, for health and logs (never the password). */
    public String description() {
        return embedded != null ? "embedded " + description : description;
    }

    @Override
    public void close() {
        pubSubs.forEach(StatefulRedisPubSubConnection::close);
        others.forEach(StatefulRedisConnection::close);
        main.close();
        client.shutdown();
        if (embedded != null) {
            embedded.close();
        }
    }
}

package io.lotse.evaluation;

import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Connections to the Redis a throwaway knowledge base keeps its articles in (see
 * {@link EvaluationKnowledgeBase}): a server started for the evaluation, such as the application's
 * embedded one for {@code evaluate}, or a running one, such as the shared server of the benchmarks.
 */
public interface EvaluationRedis extends AutoCloseable {

    /** The shared, thread-safe connection for commands. */
    StatefulRedisConnection<String, String> main();

    /** A new publish/subscribe connection, closed with this object. */
    StatefulRedisPubSubConnection<String, String> newPubSub();

    /**
     * Deletes the keys under a prefix ({@code <prefix>:…}), found with SCAN: on a shared server no
     * other key is touched.
     */
    default void deleteKeys(String prefix) {
        ScanIterator<String> keys = ScanIterator.scan(main().sync(), ScanArgs.Builder.matches(prefix + ":*").limit(500));
        List<String> mine = new ArrayList<>();
        keys.forEachRemaining(mine::add);
        for (int from = 0; from < mine.size(); from += 500) {
            main().sync().del(mine.subList(from, Math.min(from + 500, mine.size())).toArray(String[]::new));
        }
    }

    /** Closes the connections, and stops the server when it was started for the evaluation. */
    @Override
    void close();

    /** Connections to a running server, such as {@code redis://127.0.0.1:6379}; closing them leaves the server running. */
    static EvaluationRedis connect(String uri) {
        RedisClient client = RedisClient.create(uri);
        try {
            StatefulRedisConnection<String, String> main = client.connect();
            List<StatefulRedisPubSubConnection<String, String>> pubSubs = new CopyOnWriteArrayList<>();
            return new EvaluationRedis() {
                @Override
                public StatefulRedisConnection<String, String> main() {
                    return main;
                }

                @Override
                public StatefulRedisPubSubConnection<String, String> newPubSub() {
                    StatefulRedisPubSubConnection<String, String> pubSub = client.connectPubSub();
                    pubSubs.add(pubSub);
                    return pubSub;
                }

                @Override
                public void close() {
                    pubSubs.forEach(StatefulRedisPubSubConnection::close);
                    main.close();
                    client.shutdown();
                }
            };
        } catch (RuntimeException e) {
            client.shutdown();
            throw e;
        }
    }
}

package io.lotse.bot;

import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lotse.knowledge.EmbeddingSettings;
import io.lotse.knowledge.KnowledgeBase;
import io.lotse.knowledge.KnowledgeBaseSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A real knowledge base (Lucene index in a folder, lexical search without embeddings) on the shared
 * Redis at 127.0.0.1:6379 under a key prefix of its own, whose keys (and only those) are deleted on close.
 */
final class RedisKnowledgeBase implements AutoCloseable {

    private final String prefix = "lotse-test-" + UUID.randomUUID().toString().substring(0, 8);
    private final RedisClient client = RedisClient.create(System.getProperty("lotse.test.redis", "redis://127.0.0.1:6379"));
    private final StatefulRedisConnection<String, String> connection = client.connect();
    private final StatefulRedisPubSubConnection<String, String> pubSub = client.connectPubSub();
    final KnowledgeBase kb;

    RedisKnowledgeBase(Path indexDir) {
        kb = KnowledgeBase.open(new KnowledgeBaseSettings(indexDir, prefix, EmbeddingSettings.disabled()), connection, pubSub);
    }

    @Override
    public void close() {
        try {
            kb.close();
        } finally {
            ScanIterator<String> keys = ScanIterator.scan(connection.sync(), ScanArgs.Builder.matches(prefix + ":*").limit(500));
            List<String> mine = new ArrayList<>();
            keys.forEachRemaining(mine::add);
            if (!mine.isEmpty()) {
                connection.sync().del(mine.toArray(String[]::new));
            }
            pubSub.close();
            connection.close();
            client.shutdown();
        }
    }
}

package io.lotse.knowledge.articles;

import io.lettuce.core.KeyValue;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lotse.knowledge.Article;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;

/**
 * The article store in Redis: each article as JSON under its own key, a set of all ids, and a
 * pub/sub channel on which the id of each changed article is published.
 *
 * <p>Keys are {@code <prefix>:kb:{articles}:article:<id>} and {@code <prefix>:kb:{articles}:ids};
 * the shared hash tag puts them in one Redis Cluster slot, which the scripts that change both need.
 * Writes are Lua scripts rather than MULTI/EXEC because the connection is shared by every thread of
 * the application, and a transaction on a shared connection would take in other threads' commands.
 */
public final class RedisArticleStore implements ArticleStore {

    private static final Logger log = LoggerFactory.getLogger(RedisArticleStore.class);

    private static final String NAMESPACE = "kb";
    /** MGET in slices, so that one call never builds a huge reply. */
    private static final int BATCH = 500;

    private static final String SAVE = """
            local existed = redis.call('EXISTS', KEYS[1])
            redis.call('SET', KEYS[1], ARGV[2])
            redis.call('SADD', KEYS[2], ARGV[1])
            return 1 - existed
            """;
    private static final String CREATE = """
            if redis.call('EXISTS', KEYS[1]) == 1 then
              return 0
            end
            redis.call('SET', KEYS[1], ARGV[2])
            redis.call('SADD', KEYS[2], ARGV[1])
            return 1
            """;
    private static final String DELETE = """
            local removed = redis.call('DEL', KEYS[1])
            redis.call('SREM', KEYS[2], ARGV[1])
            return removed
            """;

    private final String prefix;
    private final StatefulRedisConnection<String, String> redis;
    private final StatefulRedisPubSubConnection<String, String> pubSub;

    public RedisArticleStore(String keyPrefix, StatefulRedisConnection<String, String> redis,
            StatefulRedisPubSubConnection<String, String> pubSub) {
        this.prefix = keyPrefix + ":" + NAMESPACE + ":";
        this.redis = redis;
        this.pubSub = pubSub;
    }

    /** The one place key names are made. */
    String key(String name) {
        return prefix + name;
    }

    private String articleKey(String id) {
        return key("{articles}:article:" + id);
    }

    private String idsKey() {
        return key("{articles}:ids");
    }

    private String samplesKey() {
        return key("samples-imported");
    }

    String changeChannel() {
        return key("changed");
    }

    private RedisCommands<String, String> commands() {
        return redis.sync();
    }

    @Override
    public Optional<Article> get(String id) {
        String json = commands().get(articleKey(id));
        return json == null ? Optional.empty() : Optional.ofNullable(read(id, json));
    }

    @Override
    public List<Article> getAll(Collection<String> ids) {
        List<String> keys = ids.stream().map(this::articleKey).toList();
        List<Article> articles = new ArrayList<>(keys.size());
        for (int from = 0; from < keys.size(); from += BATCH) {
            List<String> slice = keys.subList(from, Math.min(keys.size(), from + BATCH));
            for (KeyValue<String, String> value : commands().mget(slice.toArray(String[]::new))) {
                if (value.hasValue()) {
                    Article article = read(value.getKey(), value.getValue());
                    if (article != null) {
                        articles.add(article);
                    }
                }
            }
        }
        return articles;
    }

    @Override
    public List<Article> all() {
        return getAll(commands().smembers(idsKey()));
    }

    @Override
    public boolean save(Article article) {
        return run(SAVE, article.id(), ArticleJson.write(article)) == 1L;
    }

    @Override
    public boolean create(Article article) {
        return run(CREATE, article.id(), ArticleJson.write(article)) == 1L;
    }

    @Override
    public boolean delete(String id) {
        return run(DELETE, id, "") == 1L;
    }

    private long run(String script, String id, String json) {
        Long result = commands().eval(script, ScriptOutputType.INTEGER, new String[] {articleKey(id), idsKey()}, id, json);
        return result == null ? 0 : result;
    }

    @Override
    public void publishChange(String id) {
        commands().publish(changeChannel(), id);
    }

    @Override
    public AutoCloseable subscribe(Consumer<String> onChange, Runnable onMissedChanges) {
        String channel = changeChannel();
        AtomicBoolean subscribedBefore = new AtomicBoolean();
        RedisPubSubAdapter<String, String> listener = new RedisPubSubAdapter<>() {
            @Override
            public void message(String from, String id) {
                if (channel.equals(from)) {
                    onChange.accept(id);
                }
            }

            @Override
            public void subscribed(String to, long count) {
                // Lettuce subscribes again after a reconnect; what was published meanwhile is lost.
                if (channel.equals(to) && subscribedBefore.getAndSet(true)) {
                    onMissedChanges.run();
                }
            }
        };
        pubSub.addListener(listener);
        pubSub.sync().subscribe(channel);
        return () -> {
            pubSub.removeListener(listener);
            unsubscribe(channel);
        };
    }

    /** Waits briefly only: at shutdown the connection may already be gone, and the subscription with it. */
    private void unsubscribe(String channel) {
        try {
            pubSub.async().unsubscribe(channel).get(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            log.debug("Could not unsubscribe from {}: {}", channel, e.toString());
        }
    }

    @Override
    public boolean markSamplesImported() {
        return "OK".equals(commands().set(samplesKey(), Instant.now().toString(), SetArgs.Builder.nx()));
    }

    @Override
    public void unmarkSamplesImported() {
        commands().del(samplesKey());
    }

    private static Article read(String where, String json) {
        try {
            return ArticleJson.read(json);
        } catch (JacksonException e) {
            log.warn("Skipping the article stored under {}: it is not valid article JSON ({})", where, e.getOriginalMessage());
            return null;
        }
    }
}

package io.lotse.benchmarks;

import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lotse.knowledge.Article;
import io.lotse.knowledge.ArticleFiles;
import io.lotse.knowledge.DatasetArticles;
import io.lotse.knowledge.EmbeddingSettings;
import io.lotse.knowledge.ImportReport;
import io.lotse.knowledge.KnowledgeBase;
import io.lotse.knowledge.KnowledgeBaseSettings;
import io.lotse.knowledge.LabelledText;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * A knowledge base built from a dataset folder ({@code train.jsonl}, {@code test.jsonl}) as the
 * {@code evaluate} command builds it ({@link DatasetArticles}, English, the default seed): one FAQ
 * article per label of {@code train.jsonl} (never {@code oos}), written as article files and imported, on the
 * Redis named by {@code -Dlotse.redis} under a random key prefix of its own.
 *
 * <p>{@link #close()} deletes this prefix's keys (SCAN and DEL, nothing else on the server) and the
 * index folder; a shutdown hook does the same when the JVM is stopped before.
 */
final class DatasetKnowledgeBase implements AutoCloseable {

    static final String LOCALE = "en";
    /** The {@code evaluate} command's default seed. */
    static final long SEED = 42;

    private final Path workDir;
    private final String prefix;
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;
    private final StatefulRedisPubSubConnection<String, String> pubSub;
    private final KnowledgeBase knowledgeBase;
    private final List<Article> articles;
    private double indexSeconds;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Deletes the keys and files when the JVM is stopped (Ctrl-C, a failed fork) before {@link #close()}. */
    private final Thread onExit = new Thread(this::close, "lotse-benchmark-cleanup");

    private DatasetKnowledgeBase(Path workDir, String prefix, RedisClient client, StatefulRedisConnection<String, String> connection,
            StatefulRedisPubSubConnection<String, String> pubSub, KnowledgeBase knowledgeBase, List<Article> articles) {
        this.workDir = workDir;
        this.prefix = prefix;
        this.client = client;
        this.connection = connection;
        this.pubSub = pubSub;
        this.knowledgeBase = knowledgeBase;
        this.articles = articles;
    }

    /** Builds the knowledge base of {@code <datasetDir>/train.jsonl} and waits until its classifier answers. */
    static DatasetKnowledgeBase build(Path datasetDir, String redisUri, EmbeddingSettings embeddings) {
        List<Article> articles = DatasetArticles.from(LabelledText.read(datasetDir.resolve("train.jsonl")), 0, SEED, LOCALE).articles();
        if (articles.isEmpty()) {
            throw new IllegalStateException(datasetDir.resolve("train.jsonl") + " has no in-scope rows");
        }
        Path workDir;
        try {
            workDir = Files.createTempDirectory("lotse-benchmark-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary folder", e);
        }
        String prefix = "lotse-bench-" + UUID.randomUUID().toString().substring(0, 8);
        RedisClient client = RedisClient.create(redisUri);
        StatefulRedisConnection<String, String> connection = null;
        StatefulRedisPubSubConnection<String, String> pubSub = null;
        DatasetKnowledgeBase built = null;
        try {
            connection = client.connect();
            pubSub = client.connectPubSub();
            long start = System.nanoTime();
            KnowledgeBase knowledgeBase = KnowledgeBase.open(
                    new KnowledgeBaseSettings(workDir.resolve("index"), prefix, embeddings), connection, pubSub);
            built = new DatasetKnowledgeBase(workDir, prefix, client, connection, pubSub, knowledgeBase, articles);
            Runtime.getRuntime().addShutdownHook(built.onExit);
            ImportReport report = knowledgeBase.importDirectory(ArticleFiles.writeAll(workDir.resolve("articles"), articles));
            if (!report.problems().isEmpty()) {
                throw new IllegalStateException("article files not imported: " + report.problems());
            }
            // An import returns with the classifiers trained on every article.
            built.indexSeconds = (System.nanoTime() - start) / 1e9;
            return built;
        } catch (RuntimeException e) {
            if (built != null) {
                built.close();
            } else {
                if (connection != null) {
                    deleteKeys(connection, prefix);
                    connection.close();
                }
                if (pubSub != null) {
                    pubSub.close();
                }
                client.shutdown();
                deleteQuietly(workDir);
            }
            throw e;
        }
    }

    KnowledgeBase knowledgeBase() {
        return knowledgeBase;
    }

    List<Article> articles() {
        return articles;
    }

    /** Seconds from opening the knowledge base until its classifier answered (embedding, indexing, training). */
    double indexSeconds() {
        return indexSeconds;
    }

    String prefix() {
        return prefix;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (Thread.currentThread() != onExit) {
            try {
                Runtime.getRuntime().removeShutdownHook(onExit);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs anyway and finds this closed
            }
        }
        try {
            knowledgeBase.close();
        } finally {
            try {
                deleteKeys(connection, prefix);
            } finally {
                pubSub.close();
                connection.close();
                client.shutdown();
                deleteQuietly(workDir);
            }
        }
    }

    /** Deletes the keys under this prefix, found with SCAN; no other key of the shared server is touched. */
    static long deleteKeys(StatefulRedisConnection<String, String> connection, String prefix) {
        ScanIterator<String> keys = ScanIterator.scan(connection.sync(), ScanArgs.Builder.matches(prefix + ":*").limit(500));
        List<String> mine = new ArrayList<>();
        keys.forEachRemaining(mine::add);
        long deleted = 0;
        for (int from = 0; from < mine.size(); from += 500) {
            deleted += connection.sync().del(mine.subList(from, Math.min(from + 500, mine.size())).toArray(String[]::new));
        }
        return deleted;
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // a temporary folder; the operating system cleans up what is left
        }
    }
}

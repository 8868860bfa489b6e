package io.lotse.web.evaluate;

import io.lotse.knowledge.Article;
import io.lotse.knowledge.ArticleFiles;
import io.lotse.knowledge.ImportReport;
import io.lotse.knowledge.KnowledgeBase;
import io.lotse.knowledge.EmbeddingSettings;
import io.lotse.knowledge.KnowledgeBaseSettings;
import io.lotse.web.redis.RedisConnections;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * A throwaway knowledge base built from real parts: an embedded Redis server and a Lucene index in
 * a temporary folder, the articles imported from files as an editor's import would, the same
 * embedding model as the application. Everything is deleted on {@link #close()}.
 */
final class EvaluationKnowledgeBase implements AutoCloseable {

    private static final Duration REDIS_TIMEOUT = Duration.ofSeconds(30);

    private final Path workDir;
    private final RedisConnections redis;
    private final KnowledgeBase knowledgeBase;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Stops Redis and deletes the files when the command is interrupted (Ctrl-C) instead of closed. */
    private final Thread onExit = new Thread(this::close, "lotse-evaluate-cleanup");

    private EvaluationKnowledgeBase(Path workDir, RedisConnections redis, KnowledgeBase knowledgeBase) {
        this.workDir = workDir;
        this.redis = redis;
        this.knowledgeBase = knowledgeBase;
        Runtime.getRuntime().addShutdownHook(onExit);
    }

    /** Starts Redis and opens an empty knowledge base under a key prefix of its own. */
    static EvaluationKnowledgeBase start(EmbeddingSettings embeddings) {
        Path workDir;
        try {
            workDir = Files.createTempDirectory("lotse-evaluate-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary folder", e);
        }
        RedisConnections redis = null;
        try {
            redis = RedisConnections.embedded(workDir.resolve("redis"), REDIS_TIMEOUT);
            String prefix = "lotse-eval-" + UUID.randomUUID().toString().substring(0, 8);
            KnowledgeBase knowledgeBase = KnowledgeBase.open(
                    new KnowledgeBaseSettings(workDir.resolve("index"), prefix, embeddings), redis.main(), redis.newPubSub());
            return new EvaluationKnowledgeBase(workDir, redis, knowledgeBase);
        } catch (RuntimeException e) {
            if (redis != null) {
                redis.close();
            }
            deleteQuietly(workDir);
            throw e;
        }
    }

    KnowledgeBase knowledgeBase() {
        return knowledgeBase;
    }

    /** Writes the articles as files into a folder and imports that folder in one batch; returns with the classifiers trained. */
    ImportReport importArticles(List<Article> articles) {
        return importFolder(ArticleFiles.writeAll(workDir.resolve("articles"), articles));
    }

    ImportReport importFolder(Path folder) {
        return knowledgeBase.importDirectory(folder);
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
                redis.close();
            } finally {
                deleteQuietly(workDir);
            }
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // a temporary folder; the operating system cleans up what is left
        }
    }
}

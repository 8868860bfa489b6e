package io.lotse.evaluation;

import io.lotse.knowledge.Article;
import io.lotse.knowledge.ArticleFiles;
import io.lotse.knowledge.ImportReport;
import io.lotse.knowledge.KnowledgeBase;
import io.lotse.knowledge.EmbeddingSettings;
import io.lotse.knowledge.KnowledgeBaseSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * A throwaway knowledge base built from real parts: a Redis server and a Lucene index in
 * a temporary folder, the articles imported from files as an editor's import would, the same
 * embedding model as the application. Everything is deleted on {@link #close()}, in Redis the keys
 * under its own prefix. {@code evaluate} and the benchmarks build theirs with it, a dataset's from
 * {@link DatasetArticles}.
 */
public final class EvaluationKnowledgeBase implements AutoCloseable {

    private final Path workDir;
    private final EvaluationRedis redis;
    private final String prefix;
    private final KnowledgeBase knowledgeBase;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Deletes the keys and files and lets Redis go when the command is interrupted (Ctrl-C) instead of closed. */
    private final Thread onExit = new Thread(this::close, "lotse-evaluate-cleanup");

    private EvaluationKnowledgeBase(Path workDir, EvaluationRedis redis, String prefix, KnowledgeBase knowledgeBase) {
        this.workDir = workDir;
        this.redis = redis;
        this.prefix = prefix;
        this.knowledgeBase = knowledgeBase;
        Runtime.getRuntime().addShutdownHook(onExit);
    }

    /**
     * Starts or connects to Redis and opens an empty knowledge base under a key prefix of its own.
     *
     * @param server starts or connects to the Redis (see {@link EvaluationRedis}), given a folder for its files
     * @param name the start of the key prefix, such as {@code lotse-eval}; a random part follows it
     */
    public static EvaluationKnowledgeBase start(Function<Path, EvaluationRedis> server, String name, EmbeddingSettings embeddings) {
        Path workDir;
        try {
            workDir = Files.createTempDirectory("lotse-evaluate-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary folder", e);
        }
        EvaluationRedis redis = null;
        try {
            redis = server.apply(workDir.resolve("redis"));
            String prefix = name + "-" + UUID.randomUUID().toString().substring(0, 8);
            KnowledgeBase knowledgeBase = KnowledgeBase.open(
                    new KnowledgeBaseSettings(workDir.resolve("index"), prefix, embeddings), redis.main(), redis.newPubSub());
            return new EvaluationKnowledgeBase(workDir, redis, prefix, knowledgeBase);
        } catch (RuntimeException e) {
            if (redis != null) {
                redis.close();
            }
            deleteQuietly(workDir);
            throw e;
        }
    }

    public KnowledgeBase knowledgeBase() {
        return knowledgeBase;
    }

    /** The first part of every Redis key of this knowledge base. */
    public String keyPrefix() {
        return prefix;
    }

    /** Writes the articles as files into a folder and imports that folder in one batch; returns with the classifiers trained. */
    public ImportReport importArticles(List<Article> articles) {
        return importFolder(ArticleFiles.writeAll(workDir.resolve("articles"), articles));
    }

    /** Imports a folder of article files as an editor's import would; returns with the classifiers trained. */
    public ImportReport importFolder(Path folder) {
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
                try {
                    redis.deleteKeys(prefix);
                } finally {
                    redis.close();
                }
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

package io.lotse.benchmarks;

import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lotse.knowledge.Article;
import io.lotse.knowledge.ArticleFiles;
import io.lotse.knowledge.ArticleType;
import io.lotse.knowledge.EmbeddingSettings;
import io.lotse.knowledge.ImportReport;
import io.lotse.knowledge.KnowledgeBase;
import io.lotse.knowledge.KnowledgeBaseSettings;
import io.lotse.knowledge.SearchHit;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A knowledge base built from a dataset folder ({@code train.jsonl}, {@code test.jsonl}) as the
 * {@code evaluate} command builds it: one English FAQ article per label of {@code train.jsonl}
 * (never {@code oos}), its example questions the label's texts (at most
 * {@value #MAX_QUESTIONS}, drawn with a fixed seed), written as article files and imported, on the
 * Redis named by {@code -Dlotse.redis} under a random key prefix of its own.
 *
 * <p>{@link #close()} deletes this prefix's keys (SCAN and DEL, nothing else on the server) and the
 * index folder; a shutdown hook does the same when the JVM is stopped before.
 */
final class DatasetKnowledgeBase implements AutoCloseable {

    static final String LOCALE = "en";
    static final String OUT_OF_SCOPE = "oos";
    /** The knowledge base's limit on example questions per article. */
    static final int MAX_QUESTIONS = 500;
    /** The knowledge base's limit on the length of one example question. */
    static final int MAX_QUESTION_LENGTH = 300;
    /** The {@code evaluate} command's default seed. */
    static final long SEED = 42;

    private static final Duration CLASSIFIER_TIMEOUT = Duration.ofMinutes(15);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    record Row(String text, String label) {
        boolean outOfScope() {
            return OUT_OF_SCOPE.equals(label);
        }
    }

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
        List<Article> articles = articles(readRows(datasetDir.resolve("train.jsonl")));
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
            ImportReport report = knowledgeBase.importDirectory(writeFiles(workDir.resolve("articles"), articles));
            if (!report.problems().isEmpty()) {
                throw new IllegalStateException("article files not imported: " + report.problems());
            }
            awaitClassifier(knowledgeBase, articles.getFirst().questions().getFirst());
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

    /** Every row of a JSON Lines file of {@code {"text": …, "label": …}}; blank lines are skipped. */
    static List<Row> readRows(Path file) {
        List<Row> rows = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node = JSON.readTree(line);
                JsonNode text = node.get("text");
                JsonNode label = node.get("label");
                if (text == null || !text.isString() || label == null || !label.isString()) {
                    throw new IllegalStateException(file + ":" + number + ": not a {\"text\": …, \"label\": …} row");
                }
                rows.add(new Row(text.asString(), label.asString().strip()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return rows;
    }

    /** One article per in-scope label, ordered by label, as {@code evaluate} makes them. */
    static List<Article> articles(List<Row> train) {
        Map<String, Set<String>> textsByLabel = new TreeMap<>();
        for (Row row : train) {
            String text = row.text().strip();
            if (row.outOfScope() || text.isEmpty() || text.codePointCount(0, text.length()) > MAX_QUESTION_LENGTH) {
                continue;
            }
            textsByLabel.computeIfAbsent(row.label(), label -> new LinkedHashSet<>()).add(text);
        }
        Random random = new Random(SEED);
        Set<String> ids = new HashSet<>();
        List<Article> articles = new ArrayList<>();
        textsByLabel.forEach((label, set) -> {
            List<String> texts = new ArrayList<>(set);
            if (texts.size() > MAX_QUESTIONS) {
                Collections.shuffle(texts, random);
                texts = texts.subList(0, MAX_QUESTIONS);
            }
            String base = id(label);
            String id = base;
            for (int n = 2; !ids.add(id); n++) {
                id = base + "-" + n;
            }
            String title = label.replace('_', ' ').strip();
            articles.add(new Article(id, LOCALE, title, List.copyOf(texts), List.of(), null, ArticleType.FAQ, title));
        });
        return List.copyOf(articles);
    }

    /** Lower case; every run of other characters than letters, digits, '.', '_' and '-' one hyphen. */
    private static String id(String label) {
        String id = label.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-").replaceAll("^[^a-z0-9]+", "");
        id = id.length() > 90 ? id.substring(0, 90) : id;
        return id.isEmpty() ? "label" : id;
    }

    private static Path writeFiles(Path folder, List<Article> articles) {
        try {
            Files.createDirectories(folder);
            for (Article article : articles) {
                Files.writeString(folder.resolve(article.id() + ".md"), ArticleFiles.format(article), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the article files", e);
        }
        return folder;
    }

    /**
     * Waits until the classifier trained in the background after the import answers (until then
     * every probability is 0), so that the benchmark measures the path customers get.
     */
    private static void awaitClassifier(KnowledgeBase knowledgeBase, String probe) {
        long deadline = System.nanoTime() + CLASSIFIER_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            List<SearchHit> hits = knowledgeBase.search(probe, LOCALE, 1);
            if (hits.isEmpty() || !hits.getFirst().hasEmbeddingSignals() || hits.getFirst().probability() > 0) {
                return;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the classifier", e);
            }
        }
        throw new IllegalStateException("the classifier was not trained within " + CLASSIFIER_TIMEOUT);
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

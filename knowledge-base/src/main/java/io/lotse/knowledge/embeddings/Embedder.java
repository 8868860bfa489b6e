package io.lotse.knowledge.embeddings;

import dev.langchain4j.model.embedding.EmbeddingModel;
import io.lotse.knowledge.EmbeddingSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;

/**
 * Turns texts into unit-length vectors with the shared embedding model, and remembers the vectors
 * of recent queries.
 *
 * <p>One query embedding costs a few milliseconds of both cores, a cache hit well under one; a
 * customer repeating a question or many customers asking the same one hit the cache. Vectors
 * handed out are shared: callers must not change them. Thread-safe.
 */
public final class Embedder {

    /**
     * The model reads at most 510 tokens per pass and averages longer texts over several passes;
     * a customer's question is far shorter, so a longer text is cut rather than paid for.
     */
    public static final int MAX_CHARS = 1000;
    private static final Pattern SPACES = Pattern.compile("\\s+");
    /** Indexing embeds on this many threads: each ONNX run of a short text keeps about one core busy. */
    private static final int INDEX_THREADS = Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()));

    private final EmbeddingModel model;
    private final String name;
    private final QueryCache<float[]> cache;

    Embedder(EmbeddingModel model, String name, int cacheSize) {
        this.model = model;
        this.name = name;
        this.cache = new QueryCache<>(cacheSize);
    }

    /** The embedder the settings ask for, sharing the JVM's model; {@code null} when embeddings are off. */
    public static Embedder of(EmbeddingSettings settings) {
        return settings.enabled()
                ? new Embedder(EmbeddingModels.shared(settings), EmbeddingModels.key(settings), settings.queryCacheSize())
                : null;
    }

    String name() {
        return name;
    }

    /** The vector of a customer's text, from the cache when the same text was embedded lately. */
    public float[] embedQuery(String text) {
        String key = tidy(text);
        float[] cached = cache.get(key);
        if (cached != null) {
            return cached;
        }
        float[] vector = embedOne(key);
        cache.put(key, vector);
        return vector;
    }

    /** The vectors of many texts (titles and example questions), in their order. */
    public List<float[]> embedAll(List<String> texts) {
        if (texts.size() < 8 || INDEX_THREADS == 1) {
            List<float[]> vectors = new ArrayList<>(texts.size());
            texts.forEach(text -> vectors.add(embedOne(tidy(text))));
            return vectors;
        }
        ExecutorService pool = Executors.newFixedThreadPool(INDEX_THREADS, task -> {
            Thread thread = new Thread(task, "lotse-kb-embed");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<float[]>> futures = new ArrayList<>(texts.size());
            texts.forEach(text -> futures.add(pool.submit(() -> embedOne(tidy(text)))));
            List<float[]> vectors = new ArrayList<>(texts.size());
            for (Future<float[]> future : futures) {
                vectors.add(future.get());
            }
            return vectors;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while embedding", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private float[] embedOne(String text) {
        return normalized(model.embed(text).content().vector());
    }

    /** Whitespace runs as one space, trimmed and cut: the same question typed twice is one cache entry. */
    public static String tidy(String text) {
        String tidy = SPACES.matcher(text).replaceAll(" ").strip();
        return tidy.length() > MAX_CHARS ? tidy.substring(0, MAX_CHARS) : tidy;
    }

    /** Unit length, so that Lucene's dot product is the cosine; a zero vector stays zero. */
    public static float[] normalized(float[] vector) {
        double sum = 0;
        for (float value : vector) {
            sum += value * value;
        }
        float[] unit = vector.clone();
        if (sum > 0) {
            float scale = (float) (1 / Math.sqrt(sum));
            for (int i = 0; i < unit.length; i++) {
                unit[i] *= scale;
            }
        }
        return unit;
    }

    static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}

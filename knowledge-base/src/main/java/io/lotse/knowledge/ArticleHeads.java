package io.lotse.knowledge;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The trained head of each language, retrained when that language's articles change.
 *
 * <p>After a build the heads are trained before the build returns; after an edit they are retrained
 * on a background thread while searches keep using the previous head, so a publish never waits
 * for training. Each training set carries the index's change counter at the time it was taken, and
 * a head trained on an older set never replaces one trained on a newer. Bursts of changes are
 * coalesced: a language is queued at most once.
 */
final class ArticleHeads implements AutoCloseable {

    /** What one language's head is trained on, taken from the index at one change count. */
    record TrainingSet(long version, List<String> labels, List<float[]> examples, int[] classes) {

        boolean isEmpty() {
            return labels.isEmpty() || examples.isEmpty();
        }
    }

    private record Installed(long version, SoftmaxHead head) {}

    private static final Logger log = LoggerFactory.getLogger(ArticleHeads.class);
    private static final int FOREGROUND_THREADS = Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()));

    private final Function<String, TrainingSet> snapshot;
    private final SoftmaxHead.Training training;
    private final Runnable installed;
    private final Map<String, Installed> heads = new ConcurrentHashMap<>();
    private final Set<String> queued = ConcurrentHashMap.newKeySet();
    private final ExecutorService background = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "lotse-kb-head");
        thread.setDaemon(true);
        thread.setPriority(Thread.NORM_PRIORITY - 1);
        return thread;
    });

    /**
     * @param snapshot the current training set of a language, taken consistently with its version
     * @param installed called after a new head is in use (cached results are stale then)
     */
    ArticleHeads(Function<String, TrainingSet> snapshot, SoftmaxHead.Training training, Runnable installed) {
        this.snapshot = snapshot;
        this.training = training;
        this.installed = installed;
    }

    /** The head of a language; {@code null} before its first training or without articles. */
    SoftmaxHead head(String locale) {
        Installed installed = heads.get(locale);
        return installed == null ? null : installed.head();
    }

    /** Trains the heads of these languages on the calling thread, using both cores. */
    void trainNow(Collection<String> locales) {
        for (String locale : locales) {
            train(locale, FOREGROUND_THREADS);
        }
    }

    /** Retrains the heads of these languages in the background; the old heads answer meanwhile. */
    void trainLater(Collection<String> locales) {
        for (String locale : locales) {
            if (queued.add(locale)) {
                try {
                    background.execute(() -> {
                        queued.remove(locale);
                        try {
                            train(locale, 1);
                        } catch (RuntimeException e) {
                            log.warn("Could not train the {} classifier; the previous one stays in use", locale, e);
                        }
                    });
                } catch (RejectedExecutionException closing) {
                    queued.remove(locale);
                }
            }
        }
    }

    /** Waits until the heads queued so far are trained (for tests and evaluations). */
    void awaitTrained() {
        try {
            background.submit(() -> {}).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | RejectedExecutionException e) {
            // closed meanwhile: nothing left to wait for
        }
    }

    private void train(String locale, int threads) {
        TrainingSet set = snapshot.apply(locale);
        if (set.isEmpty()) {
            install(locale, set.version(), null);
            return;
        }
        long start = System.nanoTime();
        SoftmaxHead head = SoftmaxHead.train(set.labels(), set.examples(), set.classes(), training, threads);
        log.debug("Trained the {} classifier on {} examples of {} articles in {} epochs, {} ms", locale, set.examples().size(),
                set.labels().size(), head.epochs(), (System.nanoTime() - start) / 1_000_000);
        install(locale, set.version(), head);
    }

    private synchronized void install(String locale, long version, SoftmaxHead head) {
        Installed current = heads.get(locale);
        if (current != null && current.version() > version) {
            return;
        }
        if (head == null) {
            heads.remove(locale);
        } else {
            heads.put(locale, new Installed(version, head));
        }
        installed.run();
    }

    @Override
    public void close() {
        background.shutdownNow();
    }
}

package io.lotse.knowledge.index;

import io.lotse.knowledge.classifier.ArticleClassifier;
import io.lotse.knowledge.classifier.SoftmaxHead;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The trained head of each language, retrained when that language's articles change.
 *
 * <p>After a build or an import the heads are trained before it returns; after an edit they are retrained
 * on a background thread while searches keep using the previous head, so a publish never waits
 * for training. Each training set carries the index's change counter at the time it was taken, and
 * a head trained on an older set never replaces one trained on a newer. Bursts of changes are
 * coalesced: a language is queued at most once. Each language remembers the change count its head
 * must reach and the one its last training reached, which is what {@link #awaitCurrent} waits for.
 */
final class ArticleHeads implements AutoCloseable {

    /** What one language's head is trained on, taken from the index at one change count. */
    record TrainingSet(long version, List<String> labels, List<String> texts, List<float[]> examples, int[] classes) {

        /**
         * Every title and example question vector of these articles, each labelled by its article;
         * articles without vectors are left out. The classes follow the order of {@code articles}.
         */
        static TrainingSet of(long version, List<IndexedArticle> articles) {
            List<String> labels = new ArrayList<>(articles.size());
            List<String> texts = new ArrayList<>();
            List<float[]> examples = new ArrayList<>();
            List<Integer> classes = new ArrayList<>();
            for (IndexedArticle each : articles) {
                if (each.vectors().isEmpty()) {
                    continue;
                }
                labels.add(each.article().id());
                for (int i = 0; i < each.vectors().size(); i++) {
                    texts.add(each.phrases().get(i).text());
                    examples.add(each.vectors().get(i));
                    classes.add(labels.size() - 1);
                }
            }
            return new TrainingSet(version, labels, texts, examples, classes.stream().mapToInt(Integer::intValue).toArray());
        }

        boolean isEmpty() {
            return labels.isEmpty() || examples.isEmpty();
        }
    }

    private record Installed(long version, ArticleClassifier head) {}

    private static final Logger log = LoggerFactory.getLogger(ArticleHeads.class);
    /** How many threads training on the caller's thread uses: both cores of a small node. */
    static final int FOREGROUND_THREADS = Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()));

    private final Function<String, TrainingSet> snapshot;
    private final SoftmaxHead.Training training;
    private final Runnable installed;
    private final Map<String, Installed> heads = new ConcurrentHashMap<>();
    private final Set<String> queued = ConcurrentHashMap.newKeySet();
    /** Per language, the change count its head must have been trained on; guarded by {@code this}. */
    private final Map<String, Long> wanted = new HashMap<>();
    /** Per language, the change count of its last training, finished or failed; guarded by {@code this}. */
    private final Map<String, Long> settled = new HashMap<>();
    private boolean closed;
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

    /** The classifier of a language; {@code null} before its first training or without articles. */
    ArticleClassifier head(String locale) {
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

    /**
     * Records that these languages changed at this change count: their heads are stale until a
     * training on a set at least that new has finished. Called before the training is queued.
     */
    synchronized void changed(Collection<String> locales, long version) {
        for (String locale : locales) {
            wanted.merge(locale, version, Math::max);
        }
    }

    /**
     * Waits until every language's head has been trained on all changes recorded before this call;
     * a training that failed counts as done (it is logged and the previous head stays). Returns
     * early, with {@code false}, when the time is up or the heads are closed.
     *
     * @param timeoutNanos how long to wait at most; {@link Long#MAX_VALUE}: without limit
     * @throws InterruptedException when the waiting thread is interrupted
     */
    synchronized boolean awaitCurrent(long timeoutNanos) throws InterruptedException {
        Map<String, Long> target = Map.copyOf(wanted);
        long deadline = System.nanoTime() + Math.min(timeoutNanos, Long.MAX_VALUE / 2);
        while (!reached(target)) {
            if (closed) {
                return false;
            }
            if (timeoutNanos == Long.MAX_VALUE) {
                wait();
            } else {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }
        return true;
    }

    private boolean reached(Map<String, Long> target) {
        for (Map.Entry<String, Long> entry : target.entrySet()) {
            if (settled.getOrDefault(entry.getKey(), -1L) < entry.getValue()) {
                return false;
            }
        }
        return true;
    }

    private void train(String locale, int threads) {
        TrainingSet set = snapshot.apply(locale);
        try {
            if (installedSince(locale, set.version())) {
                return; // trained meanwhile on this state or a newer one (an import trains on its own thread)
            }
            if (set.isEmpty()) {
                install(locale, set.version(), null);
                return;
            }
            long start = System.nanoTime();
            ArticleClassifier head = train(set, training, threads);
            log.debug("Trained the {} classifier on {} examples of {} articles in {} epochs, {} ms", locale, set.examples().size(),
                    set.labels().size(), head.epochs(), (System.nanoTime() - start) / 1_000_000);
            install(locale, set.version(), head);
        } finally {
            settle(locale, set.version());
        }
    }

    /** A classifier trained on one training set; {@code null} for an empty set. */
    static ArticleClassifier train(TrainingSet set, SoftmaxHead.Training training, int threads) {
        return set.isEmpty() ? null : ArticleClassifier.train(set.labels(), set.texts(), set.examples(), set.classes(), training, threads);
    }

    private synchronized boolean installedSince(String locale, long version) {
        Installed current = heads.get(locale);
        return current != null && current.version() >= version;
    }

    private synchronized void settle(String locale, long version) {
        settled.merge(locale, version, Math::max);
        notifyAll();
    }

    private synchronized void install(String locale, long version, ArticleClassifier head) {
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
        synchronized (this) {
            closed = true;
            notifyAll();
        }
    }
}

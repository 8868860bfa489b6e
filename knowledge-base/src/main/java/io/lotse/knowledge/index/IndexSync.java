package io.lotse.knowledge.index;

import io.lotse.knowledge.Article;
import io.lotse.knowledge.articles.ArticleStore;
import io.lotse.knowledge.articles.ArticleValidator;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this node's index in step with the shared store: builds it at start, applies the changes
 * any node publishes, and rebuilds when published changes may have been missed.
 *
 * <p>A published id only says "look again": the article is always read fresh from the store, so a
 * late, repeated or own message does no harm, and a burst of messages (another node importing a
 * folder) is applied as one batch on a single background thread. Local writes and the applying of
 * messages take the same lock, so a slow read of an old version can never overwrite a newer one
 * that this node has just written.
 */
public final class IndexSync implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(IndexSync.class);

    private final ArticleStore store;
    private final ArticleIndex index;
    private final ReentrantLock lock = new ReentrantLock();
    private final Set<String> pending = ConcurrentHashMap.newKeySet();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "lotse-kb-sync");
        thread.setDaemon(true);
        return thread;
    });
    private AutoCloseable subscription;

    public IndexSync(ArticleStore store, ArticleIndex index) {
        this.store = store;
        this.index = index;
    }

    /** Subscribes first and builds the index second, so that no change made meanwhile is lost. */
    public void start() {
        subscription = store.subscribe(this::changed, this::missedChanges);
        rebuild();
    }

    /** Held while a local write changes the store and the index together. */
    public void lock() {
        lock.lock();
    }

    public void unlock() {
        lock.unlock();
    }

    /** Makes the index hold exactly what the store holds. */
    void rebuild() {
        lock.lock();
        try {
            index.replaceAll(store.all());
        } finally {
            lock.unlock();
        }
    }

    private void changed(String id) {
        if (ArticleValidator.isValidId(id) && pending.add(id)) {
            submit(this::applyPending);
        }
    }

    private void missedChanges() {
        submit(() -> {
            rebuild();
            log.info("Rebuilt the article index after the change channel was subscribed again");
        });
    }

    private void applyPending() {
        lock.lock();
        try {
            // Taken before reading the store: an id published again from now on is read again.
            List<String> ids = new ArrayList<>(pending);
            pending.removeAll(ids);
            if (ids.isEmpty()) {
                return;
            }
            List<Article> found = store.getAll(ids);
            Set<String> gone = new HashSet<>(ids);
            found.forEach(article -> gone.remove(article.id()));
            index.upsert(found);
            index.delete(gone);
        } finally {
            lock.unlock();
        }
    }

    private void submit(Runnable task) {
        try {
            worker.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    // Redis gone: the subscription is gone too, and subscribing again triggers a rebuild.
                    log.warn("Could not apply an article change to the index: {}", e.toString());
                }
            });
        } catch (RejectedExecutionException closing) {
            log.debug("Ignoring an article change: the knowledge base is closing");
        }
    }

    /** Stops listening and lets a running batch finish. */
    @Override
    public void close() {
        try {
            if (subscription != null) {
                subscription.close();
            }
        } catch (Exception e) {
            log.debug("Could not stop listening for article changes: {}", e.toString());
        }
        worker.shutdown();
        try {
            if (!worker.awaitTermination(10, TimeUnit.SECONDS)) {
                worker.shutdownNow();
            }
        } catch (InterruptedException e) {
            worker.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}

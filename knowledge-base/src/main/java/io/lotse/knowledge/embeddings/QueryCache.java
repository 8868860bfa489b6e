package io.lotse.knowledge.embeddings;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * The values of recent queries (their vectors, their hits), at most so many; size 0 keeps nothing.
 *
 * <p>Caffeine, which reads without a lock, so that the searches of both cores never wait for each
 * other here, and which keeps the entries likeliest to be asked again (frequency as well as
 * recency) when it must drop one. Its upkeep runs on the calling thread: no thread of its own.
 */
public final class QueryCache<V> {

    private final Cache<String, V> entries;

    public QueryCache(int size) {
        this.entries = size == 0 ? null : Caffeine.newBuilder().maximumSize(size).executor(Runnable::run).build();
    }

    public V get(String key) {
        return entries == null ? null : entries.getIfPresent(key);
    }

    public void put(String key, V value) {
        if (entries != null) {
            entries.put(key, value);
        }
    }
}

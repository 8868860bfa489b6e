package io.lotse.knowledge.embeddings;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The values of the most recently used keys, the least recently used dropped first; capacity 0
 * keeps nothing.
 *
 * <p>A synchronized access-ordered map: a look-up is a hash and a relink, far below the cost of
 * contention worth a lock-free structure at one or two look-ups per customer message.
 */
public final class LruCache<V> {

    private final int capacity;
    private final Map<String, V> entries;

    public LruCache(int capacity) {
        this.capacity = capacity;
        this.entries = new LinkedHashMap<>(Math.min(capacity, 4096) * 4 / 3 + 1, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > LruCache.this.capacity;
            }
        };
    }

    public synchronized V get(String key) {
        return capacity == 0 ? null : entries.get(key);
    }

    public synchronized void put(String key, V value) {
        if (capacity > 0) {
            entries.put(key, value);
        }
    }

    synchronized int size() {
        return entries.size();
    }
}

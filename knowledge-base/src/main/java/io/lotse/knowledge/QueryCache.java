package io.lotse.knowledge;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The vectors of the most recently asked texts, the least recently used dropped first.
 *
 * <p>A synchronized access-ordered map: a look-up is a hash and a relink, far below the cost of
 * contention worth a lock-free structure at one look-up per customer message.
 */
final class QueryCache {

    private final int capacity;
    private final Map<String, float[]> entries;

    QueryCache(int capacity) {
        this.capacity = capacity;
        this.entries = new LinkedHashMap<>(Math.min(capacity, 4096) * 4 / 3 + 1, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
                return size() > QueryCache.this.capacity;
            }
        };
    }

    synchronized float[] get(String text) {
        return capacity == 0 ? null : entries.get(text);
    }

    synchronized void put(String text, float[] vector) {
        if (capacity > 0) {
            entries.put(text, vector);
        }
    }

    synchronized int size() {
        return entries.size();
    }
}

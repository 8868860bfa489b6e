package io.lotse.web.chat;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/** A sliding-window limit on how many messages one connection may send; not thread-safe (one per connection). */
final class RateLimit {

    private final int limit;
    private final long windowNanos;
    private final Deque<Long> sent = new ArrayDeque<>();

    RateLimit(int limit, Duration window) {
        this.limit = limit;
        this.windowNanos = window.toNanos();
    }

    /** Whether one more message may pass now; counts it when it may. */
    boolean tryAcquire(long nowNanos) {
        while (!sent.isEmpty() && nowNanos - sent.peekFirst() >= windowNanos) {
            sent.pollFirst();
        }
        if (sent.size() >= limit) {
            return false;
        }
        sent.addLast(nowNanos);
        return true;
    }
}

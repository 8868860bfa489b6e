package io.lotse.handoff.queue;

/**
 * The score that orders the queues: the tier's rank in the highest digits, the time the
 * conversation was first queued below, so tier A comes before B before the rest, and within a
 * tier the longest waiting first. Scores stay whole numbers well inside a double's exact range.
 */
public final class QueueScore {

    private static final long TIER_STEP = 10_000_000_000_000L;

    private QueueScore() {}

    public static long of(String tier, long queuedAtMs) {
        return rank(tier) * TIER_STEP + queuedAtMs;
    }

    /** The queue's order: tier A, then B, then everyone else. */
    static int rank(String tier) {
        if ("A".equals(tier)) {
            return 0;
        }
        return "B".equals(tier) ? 1 : 2;
    }
}

package io.lotse.handoff;

/**
 * The score that orders the queues: the tier's rank in the highest digits, the time the
 * conversation was first queued below, so tier A comes before B before the rest, and within a
 * tier the longest waiting first. Scores stay whole numbers well inside a double's exact range.
 */
final class QueueScore {

    private static final long TIER_STEP = 10_000_000_000_000L;

    private QueueScore() {}

    static long of(String tier, long queuedAtMs) {
        return Customer.rank(tier) * TIER_STEP + queuedAtMs;
    }
}

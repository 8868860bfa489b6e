package io.lotse.handoff.privacy;

import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisFuture;
import io.lotse.handoff.ConversationStatus;
import io.lotse.handoff.HandoffSettings;
import io.lotse.handoff.store.Keys;
import io.lotse.handoff.store.Store;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Erases conversations at the end of their retention, in every status, from every list that names
 * them.
 *
 * <p>A conversation left with the bot is kept {@link HandoffSettings#closedRetention()} after its
 * last frame, a closed one that long after its close; Redis expires their keys then too (see the
 * scripts), so the sweep runs a little ahead of that ({@link #lead}) to clear the lists while it
 * still knows the conversation's customer. A conversation that waits for an agent or is with one is
 * kept {@link HandoffSettings#openRetention()} after its last frame: an expired queued one leaves
 * the queue, an assigned one frees its agent's seat. Entries of customers' connections whose
 * conversation is gone are dropped a day later.
 *
 * <p>Every node sweeps about once a {@link #SWEEP_EVERY}; each erasure is one script that checks
 * nothing happened to the conversation since it was read, so nodes sweeping at once erase it once.
 */
public final class Retention {

    private static final Logger log = LoggerFactory.getLogger(Retention.class);
    static final Duration SWEEP_EVERY = Duration.ofMinutes(1);
    private static final Duration MAX_LEAD = Duration.ofMinutes(5);
    private static final Duration ORPHANS_AFTER = Duration.ofDays(1);
    private static final int PAGE = 500;

    private final Store store;
    private final Keys keys;
    private final HandoffSettings settings;
    private final Erasure erasure;
    private Instant lastSweep = Instant.MIN;

    public Retention(Store store, HandoffSettings settings, Erasure erasure) {
        this.store = store;
        this.keys = store.keys();
        this.settings = settings;
        this.erasure = erasure;
    }

    /** Sweeps when the last sweep of this node is a minute ago or more; see {@link #sweep}. */
    public synchronized int sweepIfDue(Instant now) {
        if (lastSweep != Instant.MIN && now.isBefore(lastSweep.plus(SWEEP_EVERY))) {
            return 0;
        }
        lastSweep = now;
        return sweep(now);
    }

    /**
     * Erases every conversation whose retention has ended, at most a few hundred per list and call.
     *
     * @return how many of them waited for an agent or were with one (their agents' seats are free now)
     */
    public int sweep(Instant now) {
        long keptSince = now.minus(settings.closedRetention()).plus(lead()).toEpochMilli();
        expireIdle(ConversationStatus.BOT, keptSince);
        expireIdle(ConversationStatus.CLOSED, keptSince);
        int open = 0;
        long activeSince = now.minus(settings.openRetention()).toEpochMilli();
        for (ConversationStatus status : List.of(ConversationStatus.QUEUED, ConversationStatus.PENDING, ConversationStatus.ASSIGNED)) {
            open += expireInactive(status, activeSince);
        }
        dropOrphans(now.minus(ORPHANS_AFTER).toEpochMilli());
        return open;
    }

    /** How far ahead of Redis' own expiry the sweep erases: a tenth of the retention, at most five minutes. */
    Duration lead() {
        Duration tenth = settings.closedRetention().dividedBy(10);
        return tenth.compareTo(MAX_LEAD) < 0 ? tenth : MAX_LEAD;
    }

    /** The conversations of a status whose index scores their last change (bot, closed), changed before the bound. */
    private void expireIdle(ConversationStatus status, long bound) {
        String index = keys.index(status);
        List<String> ids = store.below(index, bound, PAGE);
        List<RedisFuture<Long>> lengths = ids.stream().map(id -> store.async().llen(keys.frames(id))).toList();
        for (int i = 0; i < ids.size(); i++) {
            expire(ids.get(i), status, store.await(lengths.get(i)));
        }
    }

    /** The conversations of an open status whose last frame is before the bound; returns how many expired. */
    private int expireInactive(ConversationStatus status, long bound) {
        String index = keys.index(status);
        List<String> ids = store.sync().zrange(index, 0, -1);
        int expired = 0;
        for (int from = 0; from < ids.size(); from += PAGE) {
            List<String> page = ids.subList(from, Math.min(ids.size(), from + PAGE));
            List<RedisFuture<String>> last = page.stream().map(id -> store.async().lindex(keys.frames(id), -1)).toList();
            List<RedisFuture<Long>> lengths = page.stream().map(id -> store.async().llen(keys.frames(id))).toList();
            List<RedisFuture<String>> created = page.stream().map(id -> store.async().hget(keys.meta(id), "createdAt")).toList();
            for (int i = 0; i < page.size(); i++) {
                Instant activity = activity(store.await(last.get(i)), store.await(created.get(i)));
                long frames = store.await(lengths.get(i));
                if ((activity == null || activity.toEpochMilli() < bound) && expire(page.get(i), status, frames)) {
                    expired++;
                }
            }
        }
        return expired;
    }

    private Instant activity(String lastFrame, String createdAt) {
        Instant ts = lastFrame == null ? null : store.frameJson().ts(lastFrame);
        if (ts == null && createdAt != null) {
            ts = Instant.parse(createdAt);
        }
        return ts;
    }

    /**
     * Erases a conversation found in the index of a status. One that is in another status now only
     * leaves that index (a stale entry); one that got a frame meanwhile stays.
     */
    private boolean expire(String id, ConversationStatus status, long frames) {
        Optional<String> expired = erasure.expire(id, status.code(), frames);
        if (expired.isPresent()) {
            log.info("Conversation {} erased: its retention ({}) has ended", id, expired.get().isEmpty() ? "keys expired" : expired.get());
            return true;
        }
        String now = store.sync().hget(keys.meta(id), "status");
        if (now != null && !now.equals(status.code())) {
            store.sync().zrem(keys.index(status), id);
        }
        return false;
    }

    /** Entries of customers' connections (scored ± the time) older than the bound whose conversation is gone. */
    private void dropOrphans(long bound) {
        List<String> ids = store.sync().zrangebyscore(keys.customersSeen(), Range.create(-bound, bound), Limit.create(0, PAGE * 2));
        List<RedisFuture<Long>> exists = ids.stream().map(id -> store.async().exists(keys.meta(id))).toList();
        List<String> gone = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            if (store.await(exists.get(i)) == 0) {
                gone.add(ids.get(i));
            }
        }
        if (!gone.isEmpty()) {
            store.sync().zrem(keys.customersSeen(), gone.toArray(String[]::new));
        }
    }
}

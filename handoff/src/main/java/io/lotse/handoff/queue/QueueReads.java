package io.lotse.handoff.queue;

import io.lettuce.core.KeyValue;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.Range.Boundary;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScoredValue;
import io.lotse.handoff.QueueEntry;
import io.lotse.handoff.QueuePage;
import io.lotse.handoff.QueuePlace;
import io.lotse.handoff.conversation.ConversationReads;
import io.lotse.handoff.store.ConversationIds;
import io.lotse.handoff.store.Keys;
import io.lotse.handoff.store.Store;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reading the queue: pages of it, one conversation's entry, a place in a team's queue.
 *
 * <p>A customer's place in the queue is its rank in its team's queue, read when asked, so a change
 * of the queue writes nothing into the other waiting conversations.
 */
public final class QueueReads {

    /** Conversations read beyond a page to step over those of the cursor's own score, which are one at most in practice. */
    private static final int SAME_SCORE_SLACK = 8;
    /** Beyond this many conversations asked at once, the teams' queues are read whole rather than rank by rank. */
    private static final int RANKS_AT_ONCE = 64;

    private final Store store;
    private final Keys keys;
    private final ConversationReads reads;

    public QueueReads(Store store, ConversationReads reads) {
        this.store = store;
        this.keys = store.keys();
        this.reads = reads;
    }

    /** A page of the waiting conversations in queue order, each with its place in its team's queue. */
    public List<QueueEntry> page(long offset, long limit) {
        return entries(store.sync().zrange(keys.queue(), offset, offset + limit - 1));
    }

    /** A page from a place in the queue (0 the first), with the total and the cursor of the page after it. */
    public QueuePage pageAt(long offset, int limit) {
        RedisFuture<Long> total = store.async().zcard(keys.queue());
        RedisFuture<List<ScoredValue<String>>> scored = store.async().zrangeWithScores(keys.queue(), offset, offset + limit);
        return page(store.await(scored), limit, store.await(total));
    }

    /**
     * The page right after a cursor's conversation, found by its score: the cost does not grow with
     * the entries before it.
     *
     * @throws IllegalArgumentException if the cursor is not one a page gave
     */
    public QueuePage pageAfter(String cursor, int limit) {
        QueueCursor after = QueueCursor.decode(cursor);
        RedisFuture<Long> total = store.async().zcard(keys.queue());
        // Equal scores are ordered by id, as the cursor compares them; the few extra cover the cursor's own.
        RedisFuture<List<ScoredValue<String>>> scored = store.async().zrangebyscoreWithScores(keys.queue(),
                Range.from(Boundary.including(after.score()), Boundary.unbounded()), Limit.create(0, limit + 1L + SAME_SCORE_SLACK));
        List<ScoredValue<String>> following = store.await(scored).stream()
                .filter(v -> (long) v.getScore() != after.score() || v.getValue().compareTo(after.id()) > 0)
                .limit(limit + 1L).toList();
        return page(following, limit, store.await(total));
    }

    /** The first {@code limit} of these (one more tells that there is a next page) as a page. */
    private QueuePage page(List<ScoredValue<String>> scored, int limit, long total) {
        List<ScoredValue<String>> shown = scored.size() > limit ? scored.subList(0, limit) : scored;
        String next = scored.size() > limit && !shown.isEmpty()
                ? new QueueCursor((long) shown.getLast().getScore(), shown.getLast().getValue()).encode()
                : null;
        return new QueuePage(entries(shown.stream().map(ScoredValue::getValue).toList()), total, next);
    }

    /** The queue entries of these waiting conversations, in one round trip for the metas and one for the places. */
    private List<QueueEntry> entries(List<String> ids) {
        Instant now = store.now();
        List<Map<String, String>> metas = reads.metas(ids);
        List<RedisFuture<Long>> ranks = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            ranks.add(store.async().zrank(keys.teamQueue(metas.get(i).get("team")), ids.get(i)));
        }
        List<QueueEntry> entries = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            Long rank = store.await(ranks.get(i));
            QueueEntry entry = entry(ids.get(i), metas.get(i), rank == null ? 0 : (int) (rank + 1), now);
            if (entry != null) {
                entries.add(entry);
            }
        }
        return entries;
    }

    public long length() {
        return store.sync().zcard(keys.queue());
    }

    /** The length of one team's queue ({@code null}: of no team). */
    public long length(String team) {
        return store.sync().zcard(keys.teamQueue(team));
    }

    /** The queue entry of one conversation, with position 0 when it is not (or no more) waiting. */
    public QueueEntry entry(String id) {
        ConversationIds.check(id);
        return entry(id, store.now());
    }

    /** The same at a given time, for an id checked already. */
    QueueEntry entry(String id, Instant now) {
        Map<String, String> meta = reads.meta(id);
        Long rank = "queued".equals(meta.get("status")) ? store.sync().zrank(keys.teamQueue(meta.get("team")), id) : null;
        return entry(id, meta, rank == null ? 0 : (int) (rank + 1), now);
    }

    /**
     * The places of many conversations in their teams' queues, in one or two round trips whatever
     * their number. For a few, their status and team, then their ranks; for many, the queues of
     * these teams read whole, one command each, rather than thousands of small ones that would
     * hold up every other command on the shared connection. A conversation found in none of them
     * (no longer waiting, or waiting for a team not given) is at place 0.
     */
    public Map<String, QueuePlace> places(Collection<String> ids, Collection<String> teams) {
        List<String> valid = ids.stream().filter(ConversationIds::valid).distinct().toList();
        return valid.size() <= RANKS_AT_ONCE ? placesByRank(valid) : placesByQueue(valid, teams);
    }

    private Map<String, QueuePlace> placesByQueue(List<String> ids, Collection<String> teams) {
        Map<String, RedisFuture<List<String>>> queues = new LinkedHashMap<>();
        queues.put("", store.async().zrange(keys.teamQueue(null), 0, -1));
        teams.forEach(team -> queues.putIfAbsent(team, store.async().zrange(keys.teamQueue(team), 0, -1)));
        Set<String> wanted = new HashSet<>(ids);
        Map<String, QueuePlace> places = new HashMap<>();
        queues.forEach((team, queue) -> {
            List<String> order = store.await(queue);
            for (int i = 0; i < order.size(); i++) {
                if (wanted.contains(order.get(i))) {
                    places.put(order.get(i), new QueuePlace(order.get(i), team.isEmpty() ? null : team, i + 1));
                }
            }
        });
        ids.forEach(id -> places.putIfAbsent(id, new QueuePlace(id, null, 0)));
        return places;
    }

    private Map<String, QueuePlace> placesByRank(List<String> ids) {
        List<RedisFuture<List<KeyValue<String, String>>>> metas = ids.stream()
                .map(id -> store.async().hmget(keys.meta(id), "status", "team")).toList();
        List<String> teams = new ArrayList<>(ids.size());
        List<RedisFuture<Long>> ranks = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            Map<String, String> meta = Store.fields(store.await(metas.get(i)));
            String team = ConversationReads.blankToNull(meta.get("team"));
            teams.add(team);
            ranks.add("queued".equals(meta.get("status")) ? store.async().zrank(keys.teamQueue(team), ids.get(i)) : null);
        }
        Map<String, QueuePlace> places = new HashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            Long rank = ranks.get(i) == null ? null : store.await(ranks.get(i));
            places.put(ids.get(i), new QueuePlace(ids.get(i), teams.get(i), rank == null ? 0 : (int) (rank + 1)));
        }
        return places;
    }

    /** The place of a waiting conversation in its team's queue, 0 when it is not waiting. */
    public int position(String id, String team) {
        if (!ConversationIds.valid(id)) {
            return 0;
        }
        Long rank = store.sync().zrank(keys.teamQueue(team), id);
        return rank == null ? 0 : (int) (rank + 1);
    }

    private static QueueEntry entry(String id, Map<String, String> meta, int position, Instant now) {
        String queuedAt = meta.get("queuedAt");
        if (queuedAt == null) {
            return null;
        }
        Instant dueAt = ConversationReads.millis(meta.get("dueAtMs"));
        boolean breached = dueAt != null && meta.get("firstResponseAtMs") == null && now.isAfter(dueAt);
        return new QueueEntry(id, meta.get("locale"), Instant.parse(queuedAt), position, meta.get("handoffReason"),
                meta.get("lastCustomerText"), ConversationReads.blankToNull(meta.get("team")),
                ConversationReads.blankToNull(meta.get("tier")), ConversationReads.customer(meta), dueAt, breached);
    }
}

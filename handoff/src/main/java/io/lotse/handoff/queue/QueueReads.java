package io.lotse.handoff.queue;

import io.lettuce.core.RedisFuture;
import io.lotse.handoff.QueueEntry;
import io.lotse.handoff.conversation.ConversationReads;
import io.lotse.handoff.store.ConversationIds;
import io.lotse.handoff.store.Keys;
import io.lotse.handoff.store.Store;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reading the queue: pages of it, one conversation's entry, a place in a team's queue.
 *
 * <p>A customer's place in the queue is its rank in its team's queue, read when asked, so a change
 * of the queue writes nothing into the other waiting conversations.
 */
public final class QueueReads {

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
        Instant now = store.now();
        List<String> ids = store.sync().zrange(keys.queue(), offset, offset + limit - 1);
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

package io.lotse.handoff;

import io.lettuce.core.KeyValue;
import io.lettuce.core.LettuceFutures;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.Range.Boundary;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reading conversations, frames, notes and the queue; reads of many conversations are pipelined,
 * one round trip for all, and a queue position is its rank in the team's queue, read when asked.
 */
final class ConversationReads {

    private static final List<String> FIELDS = List.of("locale", "status", "agent", "agentDisplayName", "createdAt",
            "queuedAt", "rating", "handoffReason", "handoffContext", "team", "tier", "customerId", "customerName",
            "customerEmail", "dueAtMs", "firstResponseAtMs", "contactEmail", "closeReason", "transfers",
            "lastCustomerText", "queueScore", "queuedAtMs");

    private final StatefulRedisConnection<String, String> redis;
    private final Keys keys;
    private final FrameJson frameJson;

    ConversationReads(StatefulRedisConnection<String, String> redis, Keys keys, FrameJson frameJson) {
        this.redis = redis;
        this.keys = keys;
        this.frameJson = frameJson;
    }

    Optional<Conversation> find(String id) {
        return Optional.ofNullable(conversation(id, meta(id)));
    }

    Map<String, String> meta(String id) {
        return fields(redis.sync().hmget(keys.meta(id), array(FIELDS)));
    }

    List<Frame> framesAfter(String id, long after) {
        long from = Math.max(0, after);
        List<String> stored = redis.sync().lrange(keys.frames(id), from, -1);
        List<Frame> frames = new ArrayList<>(stored.size());
        for (int i = 0; i < stored.size(); i++) {
            String json = stored.get(i);
            frames.add(new Frame(from + i + 1, frameJson.type(json), json));
        }
        return frames;
    }

    List<Note> notes(String id) {
        return redis.sync().lrange(keys.notes(id), 0, -1).stream().map(frameJson::note).toList();
    }

    long lastSeq(String id) {
        return redis.sync().llen(keys.frames(id));
    }

    Optional<Frame> unanswered(String id) {
        RedisFuture<List<KeyValue<String, String>>> meta = async().hmget(keys.meta(id), "status", "answeredSeq");
        RedisFuture<String> last = async().lindex(keys.frames(id), -1);
        Map<String, String> fields = fields(await(meta));
        String json = await(last);
        if (json == null || !ConversationStatus.BOT.code().equals(fields.get("status"))) {
            return Optional.empty();
        }
        Frame frame = frameJson.frame(json);
        long answered = Long.parseLong(fields.getOrDefault("answeredSeq", "0"));
        return frame.type().equals("customer") && frame.seq() > answered ? Optional.of(frame) : Optional.empty();
    }

    Optional<String> botState(String id) {
        return Optional.ofNullable(redis.sync().hget(keys.meta(id), "botState"));
    }

    /** A page of the waiting conversations in queue order, each with its place in its team's queue. */
    List<QueueEntry> queue(long offset, long limit, Instant now) {
        List<String> ids = redis.sync().zrange(keys.queue(), offset, offset + limit - 1);
        List<Map<String, String>> metas = all(ids, id -> async().hmget(keys.meta(id), array(FIELDS)));
        List<RedisFuture<Long>> ranks = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            ranks.add(async().zrank(keys.teamQueue(metas.get(i).get("team")), ids.get(i)));
        }
        List<QueueEntry> entries = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            Long rank = await(ranks.get(i));
            QueueEntry entry = entry(ids.get(i), metas.get(i), rank == null ? 0 : (int) (rank + 1), now);
            if (entry != null) {
                entries.add(entry);
            }
        }
        return entries;
    }

    long queueLength() {
        return redis.sync().zcard(keys.queue());
    }

    /** The queue entry of one conversation, with position 0 when it is not (or no more) waiting. */
    QueueEntry entry(String id, Instant now) {
        Map<String, String> meta = meta(id);
        Long rank = "queued".equals(meta.get("status")) ? redis.sync().zrank(keys.teamQueue(meta.get("team")), id) : null;
        return entry(id, meta, rank == null ? 0 : (int) (rank + 1), now);
    }

    /** The place of a waiting conversation in its team's queue, 0 when it is not waiting. */
    int position(String id, String team) {
        Long rank = redis.sync().zrank(keys.teamQueue(team), id);
        return rank == null ? 0 : (int) (rank + 1);
    }

    /** The conversations in a status, those changed longest ago first; bot and closed ones only while kept. */
    List<Conversation> conversations(ConversationStatus status, long keptSinceMs) {
        String index = keys.index(status);
        if (status == ConversationStatus.BOT || status == ConversationStatus.CLOSED) {
            // The conversations' keys have expired; their index entries go now.
            redis.sync().zremrangebyscore(index, Range.from(Boundary.unbounded(), Boundary.excluding(keptSinceMs)));
        }
        return conversations(redis.sync().zrange(index, 0, -1), status);
    }

    /** The conversations of these ids that are (still) in a status, in the order given. */
    List<Conversation> conversations(List<String> ids, ConversationStatus status) {
        List<Map<String, String>> metas = all(ids, id -> async().hmget(keys.meta(id), array(FIELDS)));
        List<Conversation> conversations = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            Conversation conversation = conversation(ids.get(i), metas.get(i));
            if (conversation != null && (status == null || conversation.status() == status)) {
                conversations.add(conversation);
            }
        }
        return conversations;
    }

    /** Ids in a sorted set whose score is below a bound, lowest first, at most {@code limit}. */
    List<String> below(String key, long bound, int limit) {
        return redis.sync().zrangebyscore(key, Range.from(Boundary.unbounded(), Boundary.excluding(bound)), Limit.create(0, limit));
    }

    static Conversation conversation(String id, Map<String, String> meta) {
        String status = meta.get("status");
        if (status == null) {
            return null;
        }
        String rating = meta.get("rating");
        String transfers = meta.get("transfers");
        return new Conversation(id, meta.get("locale"), ConversationStatus.ofCode(status), meta.get("agent"),
                meta.get("agentDisplayName"), instant(meta.get("createdAt")), instant(meta.get("queuedAt")),
                rating == null ? null : Integer.valueOf(rating), meta.get("handoffReason"), meta.get("handoffContext"),
                blankToNull(meta.get("team")), customer(meta), millis(meta.get("dueAtMs")), millis(meta.get("firstResponseAtMs")),
                meta.get("contactEmail"), meta.get("closeReason"), transfers == null ? 0 : Integer.parseInt(transfers));
    }

    private static QueueEntry entry(String id, Map<String, String> meta, int position, Instant now) {
        String queuedAt = meta.get("queuedAt");
        if (queuedAt == null) {
            return null;
        }
        Instant dueAt = millis(meta.get("dueAtMs"));
        boolean breached = dueAt != null && meta.get("firstResponseAtMs") == null && now.isAfter(dueAt);
        return new QueueEntry(id, meta.get("locale"), Instant.parse(queuedAt), position, meta.get("handoffReason"),
                meta.get("lastCustomerText"), blankToNull(meta.get("team")), blankToNull(meta.get("tier")), customer(meta),
                dueAt, breached);
    }

    private static Customer customer(Map<String, String> meta) {
        String id = meta.get("customerId");
        return id == null ? null : new Customer(id, meta.get("customerName"), meta.get("customerEmail"), blankToNull(meta.get("tier")));
    }

    private List<Map<String, String>> all(List<String> ids,
            Function<String, RedisFuture<List<KeyValue<String, String>>>> read) {
        List<RedisFuture<List<KeyValue<String, String>>>> futures = ids.stream().map(read).toList();
        return futures.stream().map(f -> fields(await(f))).toList();
    }

    static Map<String, String> fields(List<KeyValue<String, String>> values) {
        // HMGET answers in the order asked; absent fields have no value and are left out.
        return values.stream().filter(KeyValue::hasValue)
                .collect(Collectors.toMap(KeyValue::getKey, KeyValue::getValue));
    }

    private RedisAsyncCommands<String, String> async() {
        return redis.async();
    }

    <T> T await(RedisFuture<T> future) {
        return LettuceFutures.awaitOrCancel(future, redis.getTimeout().toNanos(), TimeUnit.NANOSECONDS);
    }

    private static Instant instant(String value) {
        return value == null ? null : Instant.parse(value);
    }

    private static Instant millis(String value) {
        return value == null || value.isEmpty() ? null : Instant.ofEpochMilli(Long.parseLong(value));
    }

    private static String blankToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    static String[] array(List<String> fields) {
        return fields.toArray(String[]::new);
    }
}

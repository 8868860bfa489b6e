package io.lotse.handoff;

import io.lettuce.core.KeyValue;
import io.lettuce.core.LettuceFutures;
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
 * Reading conversations, frames and the queue; reads of many conversations are pipelined, one
 * round trip for all.
 */
final class ConversationReads {

    private static final List<String> FIELDS = List.of("locale", "status", "agent", "agentDisplayName", "createdAt",
            "queuedAt", "rating", "handoffReason", "handoffContext");
    private static final List<String> QUEUE_FIELDS = List.of("locale", "queuedAt", "handoffReason", "lastCustomerText");

    private final StatefulRedisConnection<String, String> redis;
    private final Keys keys;
    private final FrameJson frameJson;

    ConversationReads(StatefulRedisConnection<String, String> redis, Keys keys, FrameJson frameJson) {
        this.redis = redis;
        this.keys = keys;
        this.frameJson = frameJson;
    }

    Optional<Conversation> find(String id) {
        return Optional.ofNullable(conversation(id, fields(redis.sync().hmget(keys.meta(id), array(FIELDS)))));
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

    /** The waiting conversations in queue order; their position is their place in it. */
    List<QueueEntry> queue() {
        List<String> ids = redis.sync().zrange(keys.queue(), 0, -1);
        List<Map<String, String>> metas = all(ids, id -> async().hmget(keys.meta(id), array(QUEUE_FIELDS)));
        List<QueueEntry> entries = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            QueueEntry entry = entry(ids.get(i), metas.get(i), i + 1);
            if (entry != null) {
                entries.add(entry);
            }
        }
        return entries;
    }

    /** The queue entry of one conversation, with position 0 when it is not (or no more) waiting. */
    QueueEntry entry(String id) {
        RedisFuture<List<KeyValue<String, String>>> meta = async().hmget(keys.meta(id), array(QUEUE_FIELDS));
        RedisFuture<Long> rank = async().zrank(keys.queue(), id);
        Long place = await(rank);
        return entry(id, fields(await(meta)), place == null ? 0 : (int) (place + 1));
    }

    /** The conversations in a status, those changed longest ago first; bot and closed ones only while kept. */
    List<Conversation> conversations(ConversationStatus status, long keptSinceMs) {
        String index = keys.index(status);
        if (status == ConversationStatus.BOT || status == ConversationStatus.CLOSED) {
            // The conversations' keys have expired; their index entries go now.
            redis.sync().zremrangebyscore(index, Range.from(Boundary.unbounded(), Boundary.excluding(keptSinceMs)));
        }
        List<String> ids = redis.sync().zrange(index, 0, -1);
        List<Map<String, String>> metas = all(ids, id -> async().hmget(keys.meta(id), array(FIELDS)));
        List<Conversation> conversations = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            Conversation conversation = conversation(ids.get(i), metas.get(i));
            if (conversation != null && conversation.status() == status) {
                conversations.add(conversation);
            }
        }
        return conversations;
    }

    private static Conversation conversation(String id, Map<String, String> meta) {
        String status = meta.get("status");
        if (status == null) {
            return null;
        }
        String rating = meta.get("rating");
        return new Conversation(id, meta.get("locale"), ConversationStatus.ofCode(status), meta.get("agent"),
                meta.get("agentDisplayName"), instant(meta.get("createdAt")), instant(meta.get("queuedAt")),
                rating == null ? null : Integer.valueOf(rating), meta.get("handoffReason"), meta.get("handoffContext"));
    }

    private static QueueEntry entry(String id, Map<String, String> meta, int position) {
        String queuedAt = meta.get("queuedAt");
        if (queuedAt == null) {
            return null;
        }
        return new QueueEntry(id, meta.get("locale"), Instant.parse(queuedAt), position, meta.get("handoffReason"),
                meta.get("lastCustomerText"));
    }

    private List<Map<String, String>> all(List<String> ids,
            Function<String, RedisFuture<List<KeyValue<String, String>>>> read) {
        List<RedisFuture<List<KeyValue<String, String>>>> futures = ids.stream().map(read).toList();
        return futures.stream().map(f -> fields(await(f))).toList();
    }

    private static Map<String, String> fields(List<KeyValue<String, String>> values) {
        // HMGET answers in the order asked; absent fields have no value and are left out.
        return values.stream().filter(KeyValue::hasValue)
                .collect(Collectors.toMap(KeyValue::getKey, KeyValue::getValue));
    }

    private RedisAsyncCommands<String, String> async() {
        return redis.async();
    }

    private <T> T await(RedisFuture<T> future) {
        return LettuceFutures.awaitOrCancel(future, redis.getTimeout().toNanos(), TimeUnit.NANOSECONDS);
    }

    private static Instant instant(String value) {
        return value == null ? null : Instant.parse(value);
    }

    private static String[] array(List<String> fields) {
        return fields.toArray(String[]::new);
    }
}

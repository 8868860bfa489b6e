package io.lotse.handoff.conversation;

import io.lettuce.core.KeyValue;
import io.lettuce.core.Range;
import io.lettuce.core.Range.Boundary;
import io.lettuce.core.RedisFuture;
import io.lotse.handoff.Conversation;
import io.lotse.handoff.ConversationStatus;
import io.lotse.handoff.Customer;
import io.lotse.handoff.Frame;
import io.lotse.handoff.TurnContext;
import io.lotse.handoff.store.ConversationIds;
import io.lotse.handoff.store.Keys;
import io.lotse.handoff.store.Outcome;
import io.lotse.handoff.store.Script;
import io.lotse.handoff.store.Store;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reading conversations and their frames; reads of many conversations are pipelined, one round
 * trip for all.
 *
 * <p>An id that cannot be one of ours reads as no conversation, without asking Redis.
 */
public final class ConversationReads {

    private static final List<String> FIELDS = List.of("locale", "status", "agent", "agentDisplayName", "createdAt",
            "queuedAt", "rating", "handoffReason", "handoffContext", "team", "tier", "customerId", "customerName",
            "customerEmail", "dueAtMs", "firstResponseAtMs", "contactEmail", "closeReason", "transfers",
            "lastCustomerText", "queueScore", "queuedAtMs");

    private final Store store;
    private final Keys keys;

    public ConversationReads(Store store) {
        this.store = store;
        this.keys = store.keys();
    }

    public Optional<Conversation> find(String id) {
        return ConversationIds.valid(id) ? Optional.ofNullable(conversation(id, meta(id))) : Optional.empty();
    }

    public Map<String, String> meta(String id) {
        return Store.fields(store.sync().hmget(keys.meta(id), array()));
    }

    /** The meta of each of these conversations, in one round trip. */
    public List<Map<String, String>> metas(List<String> ids) {
        List<RedisFuture<List<KeyValue<String, String>>>> futures = ids.stream()
                .map(id -> store.async().hmget(keys.meta(id), array())).toList();
        return futures.stream().map(f -> Store.fields(store.await(f))).toList();
    }

    /** The team a conversation is for, {@code null} for any agent. */
    public String team(String id) {
        return blankToNull(store.sync().hget(keys.meta(id), "team"));
    }

    public List<Frame> framesAfter(String id, long after) {
        if (!ConversationIds.valid(id)) {
            return List.of();
        }
        long from = Math.max(0, after);
        List<String> stored = store.sync().lrange(keys.frames(id), from, -1);
        List<Frame> frames = new ArrayList<>(stored.size());
        for (int i = 0; i < stored.size(); i++) {
            String json = stored.get(i);
            frames.add(new Frame(from + i + 1, store.frameJson().type(json), json));
        }
        return frames;
    }

    /** The seq of the conversation's last frame; 0 when it has none or does not exist. */
    public long lastSeq(String id) {
        return ConversationIds.valid(id) ? store.sync().llen(keys.frames(id)) : 0;
    }

    /**
     * The customer message the bot still owes an answer: the conversation's last frame, if the bot has
     * the conversation, the frame is a customer message and no answer to it was stored. That is a
     * message stored by a node that stopped before the bot answered.
     */
    public Optional<Frame> unanswered(String id) {
        if (!ConversationIds.valid(id)) {
            return Optional.empty();
        }
        RedisFuture<List<KeyValue<String, String>>> meta = store.async().hmget(keys.meta(id), "status", "answeredSeq");
        RedisFuture<String> last = store.async().lindex(keys.frames(id), -1);
        Map<String, String> fields = Store.fields(store.await(meta));
        String json = store.await(last);
        if (json == null || !ConversationStatus.BOT.code().equals(fields.get("status"))) {
            return Optional.empty();
        }
        Frame frame = store.frameJson().frame(json);
        long answered = Long.parseLong(fields.getOrDefault("answeredSeq", "0"));
        return frame.type().equals("customer") && frame.seq() > answered ? Optional.of(frame) : Optional.empty();
    }

    /**
     * What the bot reads before answering, in one step (a script, so that the state and the frame
     * count are of one moment).
     *
     * @param clientId the client id of the customer's message, looked up among those stored; or {@code null}
     * @return the context, or empty when there is no such conversation
     */
    public Optional<TurnContext> turnContext(String id, String clientId) {
        if (!ConversationIds.valid(id)) {
            return Optional.empty();
        }
        Outcome read = Script.TURN_CONTEXT.run(store.sync(), List.of(keys.meta(id), keys.frames(id), keys.ids(id)),
                clientId == null ? "" : clientId);
        if (!read.code().equals("ok")) {
            return Optional.empty();
        }
        return Optional.of(new TurnContext(ConversationStatus.ofCode(read.text(0)), blankToNull(read.text(1)),
                blankToNull(read.text(2)), read.number(4), read.number(5), read.number(3)));
    }

    /** The conversations in a status, those changed longest ago first; bot and closed ones only while kept. */
    public List<Conversation> conversations(ConversationStatus status, long keptSinceMs) {
        String index = keys.index(status);
        if (status == ConversationStatus.BOT || status == ConversationStatus.CLOSED) {
            // The conversations' keys have expired; their index entries go now.
            store.sync().zremrangebyscore(index, Range.from(Boundary.unbounded(), Boundary.excluding(keptSinceMs)));
        }
        return conversations(store.sync().zrange(index, 0, -1), status);
    }

    /** The conversations of these ids that are (still) in a status, in the order given. */
    public List<Conversation> conversations(List<String> ids, ConversationStatus status) {
        List<Map<String, String>> metas = metas(ids);
        List<Conversation> conversations = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            Conversation conversation = conversation(ids.get(i), metas.get(i));
            if (conversation != null && (status == null || conversation.status() == status)) {
                conversations.add(conversation);
            }
        }
        return conversations;
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
                meta.get("contactEmail"), meta.get("closeReason"), transfers == null ? 0 : Integer.parseInt(transfers), meta.get("lastCustomerText"));
    }

    /** Who the customer of a conversation is, from its meta, or {@code null}. */
    public static Customer customer(Map<String, String> meta) {
        String id = meta.get("customerId");
        return id == null ? null : new Customer(id, meta.get("customerName"), meta.get("customerEmail"), blankToNull(meta.get("tier")));
    }

    private static Instant instant(String value) {
        return value == null ? null : Instant.parse(value);
    }

    /** A time stored as epoch milliseconds, {@code null} when absent or empty. */
    public static Instant millis(String value) {
        return value == null || value.isEmpty() ? null : Instant.ofEpochMilli(Long.parseLong(value));
    }

    /** A field the scripts store as {@code ""} for none, as {@code null}. */
    public static String blankToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    private static String[] array() {
        return FIELDS.toArray(String[]::new);
    }
}

package io.lotse.handoff;

import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The live-agent side of conversations: their frames, the queue, claims, agent replies, closing
 * and ratings, kept in Redis so that every node sees the same.
 *
 * <p>Every change is one Lua script (see {@link Script}): the status check, the frame with the next
 * {@code seq}, the queue and the event to every node happen together or not at all. Waiting
 * customers get a {@code handoff queued} frame whenever their position changes. Conversations left
 * with the bot expire after {@link HandoffSettings#closedRetention()} without a frame, closed ones
 * that long after the close; queued and assigned ones are kept.
 *
 * <p>Thread-safe; it uses the connections it is given and leaves closing them to the caller.
 */
public final class Handoff implements AutoCloseable {

    /** How many recent waits the estimate averages. */
    static final int WAITS_KEPT = 20;
    /** Ids this class makes are 32 hex digits; anything outside this pattern cannot name a conversation. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final RedisCommands<String, String> commands;
    private final Keys keys;
    private final long retentionMs;
    private final Clock clock;
    private final FrameJson frameJson = new FrameJson();
    private final ConversationReads reads;
    private final Events events;

    public Handoff(StatefulRedisConnection<String, String> redis, StatefulRedisPubSubConnection<String, String> pubSub,
            HandoffSettings settings, Clock clock) {
        this.commands = redis.sync();
        this.keys = new Keys(settings.keyPrefix());
        this.retentionMs = settings.closedRetention().toMillis();
        this.clock = clock;
        this.reads = new ConversationReads(redis, keys, frameJson);
        this.events = new Events(pubSub, keys.events());
    }

    /** Starts a conversation with the bot, under a new random id. */
    public Conversation start(String locale) {
        Objects.requireNonNull(locale, "locale");
        String id = UUID.randomUUID().toString().replace("-", "");
        Instant now = now();
        Script.START.run(commands, List.of(keys.meta(id), keys.index(ConversationStatus.BOT)),
                id, locale, now, now.toEpochMilli(), retentionMs, now.toEpochMilli() - retentionMs).orThrow(id);
        return new Conversation(id, locale, ConversationStatus.BOT, null, null, now, null, null, null, null);
    }

    public Optional<Conversation> find(String id) {
        return valid(id) ? reads.find(id) : Optional.empty();
    }

    /**
     * Stores a customer's message once: a client id stored before for this conversation stores
     * nothing and answers the seq of the first frame with {@code duplicate}.
     *
     * @throws ConversationNotFoundException if there is no such conversation
     * @throws ConversationClosedException if it has ended
     */
    public AppendResult appendCustomerMessage(String id, String clientId, String text) {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(text, "text");
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("id", clientId);
        fields.put("text", text);
        Outcome outcome = append(id, "customer", fields, "customer", clientId, text);
        return new AppendResult(outcome.number(), outcome.duplicate());
    }

    /**
     * Stores a frame the caller built (the bot's), with {@code seq} and {@code ts} set here.
     *
     * @param frame the fields, {@code type} first; a {@code seq} or {@code ts} in it is replaced
     * @return the frame's seq
     * @throws ConversationClosedException if the conversation has ended
     */
    public long appendFrame(String id, Map<String, Object> frame) {
        if (!(frame.get("type") instanceof String type) || type.isBlank()) {
            throw new IllegalArgumentException("A frame needs a type");
        }
        return append(id, type, frame, "bot", "", "").number();
    }

    public List<Frame> framesAfter(String id, long after) {
        return valid(id) ? reads.framesAfter(id, after) : List.of();
    }

    /** The seq of the conversation's last frame; 0 when it has none or does not exist. */
    public long lastSeq(String id) {
        return valid(id) ? reads.lastSeq(id) : 0;
    }

    public Optional<String> botState(String id) {
        return valid(id) ? reads.botState(id) : Optional.empty();
    }

    /** Stores the bot's state of the conversation, an opaque text, in place of the last one. */
    public void saveBotState(String id, String json) {
        saveBotState(id, json, 0);
    }

    /**
     * Stores the bot's state after it answered the customer message {@code answeredSeq}, unless
     * that message, or a later one, was answered already (by another node, say): of several answers
     * to a message only the first is stored. The caller stores the answer's frames only when this
     * returns {@code true}.
     *
     * @param answeredSeq the seq of the customer message answered; 0 stores the state unconditionally
     * @return whether the state was stored
     */
    public boolean saveBotState(String id, String json, long answeredSeq) {
        Objects.requireNonNull(json, "json");
        checkId(id);
        Outcome outcome = Script.BOT_STATE.run(commands,
                List.of(keys.meta(id), keys.frames(id), keys.ids(id), keys.index(ConversationStatus.BOT)),
                id, json, now().toEpochMilli(), retentionMs, answeredSeq);
        if (outcome.code().equals("answered")) {
            return false;
        }
        outcome.orThrow(id);
        return true;
    }

    /**
     * The customer message the bot still owes an answer: the conversation's last frame, if the bot has
     * the conversation, the frame is a customer message and no answer to it was stored (see
     * {@link #saveBotState(String, String, long)}). That is a message stored by a node that stopped
     * before the bot answered.
     */
    public Optional<Frame> unanswered(String id) {
        return valid(id) ? reads.unanswered(id) : Optional.empty();
    }

    /**
     * Hands a conversation from the bot to the queue and tells the customer their position and the
     * estimated wait. A conversation already waiting stays as it is, and its entry is returned.
     *
     * @param reason why ({@code customer_request}, …), or {@code null}
     * @param contextJson what the bot tried, as JSON for the agent, or {@code null}
     * @throws NotQueuedException if an agent has the conversation already
     * @throws ConversationClosedException if it has ended
     */
    public QueueEntry enqueue(String id, String reason, String contextJson) {
        checkId(id);
        Instant now = now();
        Script.ENQUEUE.run(commands,
                List.of(keys.meta(id), keys.frames(id), keys.ids(id), keys.queue(), keys.index(ConversationStatus.BOT), keys.waits()),
                id, keys.events(), keys.conversationPrefix(), now.toEpochMilli(), now,
                Objects.requireNonNullElse(reason, ""), Objects.requireNonNullElse(contextJson, "")).orThrow(id);
        return reads.entry(id);
    }

    /** The waiting conversations, longest waiting first. */
    public List<QueueEntry> queue() {
        return reads.queue();
    }

    /** The conversations in a status, those that entered it (bot: were active) longest ago first. */
    public List<Conversation> conversations(ConversationStatus status) {
        return reads.conversations(status, now().toEpochMilli() - retentionMs);
    }

    /**
     * Gives a waiting conversation to an agent; of several agents at once exactly one gets it. The
     * agent who has it already gets it again, unchanged.
     *
     * @throws AlreadyClaimedException if another agent has it
     * @throws NotQueuedException if the bot still has it
     * @throws ConversationClosedException if it has ended
     * @throws ConversationNotFoundException if there is no such conversation
     */
    public Conversation claim(String id, String agent, String agentDisplayName) {
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(agentDisplayName, "agentDisplayName");
        checkId(id);
        Instant now = now();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("status", "assigned");
        fields.put("agent", agentDisplayName);
        FrameJson.Parts assigned = frameJson.parts("handoff", fields, now);
        Script.CLAIM.run(commands,
                List.of(keys.meta(id), keys.frames(id), keys.queue(), keys.index(ConversationStatus.ASSIGNED), keys.waits()),
                id, keys.events(), keys.conversationPrefix(), now.toEpochMilli(), now, agent, agentDisplayName,
                assigned.head(), assigned.tail(), WAITS_KEPT).orThrow(id);
        return reads.find(id).orElseThrow(() -> new ConversationNotFoundException(id));
    }

    /**
     * Stores a message of the agent who has the conversation.
     *
     * @return the frame's seq
     * @throws NotYourConversationException if another agent has it, or no agent (it is with the bot or waiting)
     * @throws ConversationClosedException if it has ended
     */
    public long agentMessage(String id, String agent, String agentDisplayName, String text) {
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(text, "text");
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("text", text);
        fields.put("agent", agentDisplayName);
        return append(id, "agent", fields, "agent", agent, "").number();
    }

    /**
     * Ends a conversation and asks the customer for a rating. The assigned agent closes theirs; any
     * agent may close a waiting one (the customer left), which asks for no rating.
     *
     * @throws NotYourConversationException if another agent has it
     * @throws NotQueuedException if the bot still has it
     * @throws ConversationClosedException if it has ended already
     */
    public void close(String id, String agent) {
        Objects.requireNonNull(agent, "agent");
        checkId(id);
        Instant now = now();
        Script.CLOSE.run(commands,
                List.of(keys.meta(id), keys.frames(id), keys.ids(id), keys.queue(), keys.index(ConversationStatus.ASSIGNED),
                        keys.index(ConversationStatus.CLOSED), keys.waits()),
                id, keys.events(), keys.conversationPrefix(), now.toEpochMilli(), now, agent, retentionMs,
                now.toEpochMilli() - retentionMs).orThrow(id);
    }

    /**
     * Stores the customer's rating of a closed conversation, once.
     *
     * @return the seq of the {@code rating} frame
     * @throws InvalidRatingException if the score is not 1 to 5, the conversation has not ended, or was rated
     */
    public long rate(String id, int score) {
        if (score < 1 || score > 5) {
            throw new InvalidRatingException(id, "a rating is a whole number from 1 to 5");
        }
        checkId(id);
        FrameJson.Parts rating = frameJson.parts("rating", Map.of("score", score), now());
        return Script.RATE.run(commands, List.of(keys.meta(id), keys.frames(id)),
                id, keys.events(), score, rating.head(), rating.tail()).orThrow(id).number();
    }

    /**
     * Passes every event of every node to the listener until the returned handle is closed.
     * Listeners run on the Redis I/O thread and must hand longer work to a thread of their own.
     */
    public AutoCloseable subscribe(Consumer<HandoffEvent> listener) {
        return events.subscribe(Objects.requireNonNull(listener, "listener"));
    }

    /** Ends every subscription; the connections stay open. */
    @Override
    public void close() {
        events.close();
    }

    private Outcome append(String id, String type, Map<String, ?> fields, String kind, String who, String customerText) {
        checkId(id);
        Instant now = now();
        FrameJson.Parts frame = frameJson.parts(type, fields, now);
        return Script.APPEND.run(commands,
                List.of(keys.meta(id), keys.frames(id), keys.ids(id), keys.index(ConversationStatus.BOT)),
                id, keys.events(), frame.head(), frame.tail(), now.toEpochMilli(), retentionMs, kind, who, customerText)
                .orThrow(id);
    }

    /** Now, to the millisecond, as every stored time is. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static boolean valid(String id) {
        return id != null && ID.matcher(id).matches();
    }

    /** An id that cannot be one of ours names no conversation (and never reaches a key name). */
    private static void checkId(String id) {
        if (!valid(id)) {
            throw new ConversationNotFoundException(id);
        }
    }
}

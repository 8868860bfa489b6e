package io.lotse.handoff;

import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live-agent side of conversations: their frames, the queue and its automatic assignment,
 * agents' presence, transfers, notes, closing and ratings, kept in Redis so that every node sees
 * the same.
 *
 * <p>Every change of a conversation is one Lua script (see {@link Script}): the status check, the
 * frame with the next {@code seq}, the queues and the event to every node happen together or not
 * at all. A customer's place in the queue is its rank in its team's queue, read when needed, so a
 * change of the queue writes nothing into the other waiting conversations. Conversations left with
 * the bot expire after {@link HandoffSettings#closedRetention()} without a frame, closed ones that
 * long after the close; queued, pending and assigned ones are kept.
 *
 * <p>Thread-safe; it uses the connections it is given and leaves closing them to the caller.
 */
public final class Handoff implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Handoff.class);
    /** How many recent waits and handling times the estimate averages. */
    static final int TIMES_KEPT = 20;
    /** The handling time assumed before any conversation was handled. */
    static final Duration DEFAULT_HANDLING = Duration.ofMinutes(5);
    /** A customer connection is refreshed about every second; one not seen for this long is gone. */
    static final Duration CUSTOMER_GONE = Duration.ofSeconds(3);
    /** Ids this class makes are 32 hex digits; anything outside this pattern cannot name a conversation. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    /** Assignments one call of {@link #serve()} makes at most, so one node never serves for long. */
    private static final int SERVE_LIMIT = 200;

    private final RedisCommands<String, String> commands;
    private final Keys keys;
    private final HandoffSettings settings;
    private final long retentionMs;
    private final Clock clock;
    private final HandoffMetrics metrics;
    private final FrameJson frameJson = new FrameJson();
    private final ConversationReads reads;
    private final Events events;
    private final Agents agents;
    private final CannedReplies replies;

    public Handoff(StatefulRedisConnection<String, String> redis, StatefulRedisPubSubConnection<String, String> pubSub,
            HandoffSettings settings, Clock clock) {
        this(redis, pubSub, settings, clock, HandoffMetrics.NONE);
    }

    public Handoff(StatefulRedisConnection<String, String> redis, StatefulRedisPubSubConnection<String, String> pubSub,
            HandoffSettings settings, Clock clock, HandoffMetrics metrics) {
        this.commands = redis.sync();
        this.keys = new Keys(settings.keyPrefix());
        this.settings = settings;
        this.retentionMs = settings.closedRetention().toMillis();
        this.clock = clock;
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.reads = new ConversationReads(redis, keys, frameJson);
        this.events = new Events(pubSub, keys.events());
        this.agents = new Agents(redis, keys);
        this.replies = new CannedReplies(commands, keys);
    }

    /** The team's canned replies. */
    public CannedReplies replies() {
        return replies;
    }

    public HandoffSettings settings() {
        return settings;
    }

    // ---------------------------------------------------------------- the customer's conversation

    /** Starts a conversation with the bot, under a new random id. */
    public Conversation start(String locale) {
        Objects.requireNonNull(locale, "locale");
        String id = UUID.randomUUID().toString().replace("-", "");
        Instant now = now();
        Script.START.run(commands, List.of(keys.meta(id), keys.index(ConversationStatus.BOT)),
                id, locale, now, now.toEpochMilli(), retentionMs, now.toEpochMilli() - retentionMs).orThrow(id);
        return new Conversation(id, locale, ConversationStatus.BOT, null, null, now, null, null, null, null, null, null,
                null, null, null, null, 0);
    }

    /** Records who the customer is, as the site vouched for it; the tier decides their place in the queue. */
    public void identify(String id, Customer customer) {
        checkId(id);
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("customerId", customer.id());
        fields.put("customerName", Objects.requireNonNullElse(customer.name(), ""));
        fields.put("customerEmail", Objects.requireNonNullElse(customer.email(), ""));
        fields.put("tier", Objects.requireNonNullElse(customer.tier(), ""));
        if (commands.exists(keys.meta(id)) == 0) {
            throw new ConversationNotFoundException(id);
        }
        commands.hset(keys.meta(id), fields);
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
        Outcome outcome = append(id, frameJson.parts("customer", new Frames.Customer(clientId, text), now()), "customer",
                clientId, text);
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
        return append(id, frameJson.parts(type, frame, now()), "bot", "", "").number();
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
     * Stores the message a customer leaves for the agents (with the address to answer to), once per
     * client id; a queued conversation then waits as pending.
     *
     * @throws NotWaitingException if the conversation is not waiting for an agent
     */
    public AppendResult contact(String id, String clientId, String email, String text) {
        checkId(id);
        FrameJson.Parts frame = frameJson.parts("contact", new Frames.Contact(clientId, email, text), now());
        Outcome outcome = Script.CONTACT.run(commands,
                List.of(keys.meta(id), keys.frames(id), keys.ids(id), keys.queue(), keys.teamQueue(team(id)),
                        keys.index(ConversationStatus.PENDING)),
                id, keys.events(), clientId, email, frame.head(), frame.tail(), now().toEpochMilli()).orThrow(id);
        return new AppendResult(outcome.number(), outcome.duplicate());
    }

    /**
     * The customer leaves the queue or the pending list, and the bot answers again.
     *
     * @throws NotWaitingException if the conversation is not waiting for an agent
     */
    public void cancel(String id) {
        checkId(id);
        String team = team(id);
        Instant now = now();
        Script.CANCEL.run(commands,
                List.of(keys.meta(id), keys.frames(id), keys.ids(id), keys.notes(id), keys.queue(), keys.teamQueue(team),
                        keys.index(ConversationStatus.PENDING), keys.index(ConversationStatus.BOT)),
                id, keys.events(), now.toEpochMilli(), now, retentionMs).orThrow(id);
        metrics.left(team, "cancelled");
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
        FrameJson.Parts rating = frameJson.parts("rating", new Frames.Rating(score), now());
        return Script.RATE.run(commands, List.of(keys.meta(id), keys.frames(id)),
                id, keys.events(), score, rating.head(), rating.tail()).orThrow(id).number();
    }

    // ---------------------------------------------------------------- handing over

    /**
     * Asks for an agent: the conversation goes to its team's queue, which is served at once; or,
     * outside business hours or with no agent of its team online (agents at capacity count), it
     * waits as pending with an {@code offline} frame that invites the customer to leave a message.
     * A conversation already waiting stays as it is.
     *
     * @param reason why ({@code customer_request}, …), or {@code null}
     * @param contextJson what the bot tried, as JSON for the agent, or {@code null}
     * @param category the category of the article the question was about, which picks the team, or {@code null}
     * @throws NotQueuedException if an agent has the conversation already
     * @throws ConversationClosedException if it has ended
     */
    public HandoffOutcome requestAgent(String id, String reason, String contextJson, String category) {
        checkId(id);
        String team = settings.teamFor(category);
        Instant now = now();
        String offlineReason = null;
        if (!settings.businessHours().isOpen(now)) {
            offlineReason = "outside_hours";
        } else if (agents.states().stream().noneMatch(a -> a.status() == AgentStatus.ONLINE && a.serves(team))) {
            offlineReason = "no_agent";
        }
        String mode = offlineReason == null ? "queued" : "pending";
        FrameJson.Parts offlineFrame = frameJson.parts("handoff", new Frames.Offline(offlineReason, settings.businessHours().spec(),
                settings.businessHours().zone().getId(), settings.businessHours().nextOpening(now).map(Instant::toString).orElse(null)),
                now);
        String result = enqueue(id, reason, contextJson, team, mode, offlineFrame, now).text(0);
        metrics.requested(team, reason, "pending".equals(mode) && "pending".equals(result) ? "offline" : "queued");
        if ("queued".equals(result)) {
            serve();
        }
        QueueEntry entry = reads.entry(id, now());
        ConversationStatus status = find(id).map(Conversation::status).orElse(ConversationStatus.QUEUED);
        return new HandoffOutcome(status, status == ConversationStatus.PENDING ? offlineReason : null, entry);
    }

    /**
     * Puts a conversation into the queue of no team, whoever is online; a conversation already
     * waiting stays as it is. {@link #requestAgent} is what a customer's request goes through.
     */
    public QueueEntry enqueue(String id, String reason, String contextJson) {
        checkId(id);
        Instant now = now();
        enqueue(id, reason, contextJson, null, "queued", new FrameJson.Parts("", ""), now);
        return reads.entry(id, now);
    }

    private Outcome enqueue(String id, String reason, String contextJson, String team, String mode, FrameJson.Parts offline,
            Instant now) {
        String tier = commands.hget(keys.meta(id), "tier");
        tier = tier == null || tier.isEmpty() ? null : tier;
        long dueAt = now.plus(settings.firstResponseFor(tier)).toEpochMilli();
        return Script.ENQUEUE.run(commands,
                List.of(keys.meta(id), keys.frames(id), keys.ids(id), keys.queue(), keys.teamQueue(team),
                        keys.index(ConversationStatus.BOT), keys.index(ConversationStatus.PENDING)),
                id, keys.events(), now.toEpochMilli(), now, reason, contextJson, team, tier,
                QueueScore.of(tier, now.toEpochMilli()), dueAt, mode, offline.head(), offline.tail(), perPosition(team))
                .orThrow(id);
    }

    /** A page of the waiting conversations: tier A, then B, then the rest; longest waiting first within each. */
    public List<QueueEntry> queue(long offset, int limit) {
        return reads.queue(Math.max(0, offset), Math.max(1, limit), now());
    }

    /** The whole queue. */
    public List<QueueEntry> queue() {
        return queue(0, Integer.MAX_VALUE - 1);
    }

    public long queueLength() {
        return reads.queueLength();
    }

    /** A conversation's queue entry, position 0 when it is not waiting in the queue. */
    public QueueEntry entry(String id) {
        checkId(id);
        return reads.entry(id, now());
    }

    /** Where a waiting conversation stands in its team's queue, 0 when it does not wait there. */
    public int position(String id, String team) {
        return valid(id) ? reads.position(id, team) : 0;
    }

    /**
     * The estimated wait of the conversation at a place in a team's queue: the recent handling time
     * divided among the conversations the team's online agents take at once; empty while nobody of
     * the team is online, when nobody can say.
     */
    public Optional<Duration> estimatedWait(String team, int position) {
        String perPosition = perPosition(team);
        return perPosition.isEmpty() ? Optional.empty()
                : Optional.of(Duration.ofSeconds(Math.round(Double.parseDouble(perPosition) * position)));
    }

    private String perPosition(String team) {
        int seats = agents.states().stream().filter(a -> a.status() == AgentStatus.ONLINE && a.serves(team))
                .mapToInt(AgentState::capacity).sum();
        if (seats == 0) {
            return "";
        }
        List<String> recent = commands.lrange(keys.handled(), 0, -1);
        double handling = recent.isEmpty() ? DEFAULT_HANDLING.toSeconds()
                : recent.stream().mapToDouble(Double::parseDouble).average().orElse(DEFAULT_HANDLING.toSeconds());
        return String.valueOf(handling / seats);
    }

    /** The conversations in a status, those that entered it (bot: were active) longest ago first. */
    public List<Conversation> conversations(ConversationStatus status) {
        return reads.conversations(status, now().toEpochMilli() - retentionMs);
    }

    // ---------------------------------------------------------------- the agent's side

    /**
     * Gives a waiting (queued or pending) conversation to an agent; of several agents at once exactly
     * one gets it. The agent who has it already gets it again, unchanged.
     *
     * @throws AlreadyClaimedException if another agent has it
     * @throws NotQueuedException if the bot still has it
     * @throws ConversationClosedException if it has ended
     * @throws ConversationNotFoundException if there is no such conversation
     */
    public Conversation claim(String id, String agent, String agentDisplayName) {
        assign(id, agent, agentDisplayName, "claim");
        return reads.find(id).orElseThrow(() -> new ConversationNotFoundException(id));
    }

    /**
     * An administrator gives a waiting conversation to an agent, or moves an assigned one to
     * another agent, who must be online with room for a conversation that was assigned.
     */
    public Conversation reassign(String id, String toAgent, String byAdmin, String note) {
        checkId(id);
        AgentProfile target = agents.profile(toAgent).orElseThrow(() -> new UnknownTargetException("agent", toAgent));
        Conversation conversation = find(id).orElseThrow(() -> new ConversationNotFoundException(id));
        if (conversation.status() == ConversationStatus.ASSIGNED) {
            transferToAgent(id, conversation.agent(), toAgent, note, byAdmin);
        } else {
            assign(id, target.name(), target.displayName(), "admin");
            if (note != null && !note.isBlank()) {
                addNote(id, byAdmin, note, new Move(null, toAgent, null, null));
            }
        }
        return reads.find(id).orElseThrow(() -> new ConversationNotFoundException(id));
    }

    private boolean assign(String id, String agent, String agentDisplayName, String mode) {
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(agentDisplayName, "agentDisplayName");
        checkId(id);
        Instant now = now();
        String team = team(id);
        FrameJson.Parts assigned = frameJson.parts("handoff", new Frames.Assigned(agentDisplayName), now);
        Outcome outcome = Script.ASSIGN.run(commands,
                List.of(keys.meta(id), keys.frames(id), keys.queue(), keys.teamQueue(team), keys.index(ConversationStatus.PENDING),
                        keys.index(ConversationStatus.ASSIGNED), keys.agent(agent), keys.agentOpen(agent), keys.waits()),
                id, keys.events(), now.toEpochMilli(), now, agent, agentDisplayName, assigned.head(), assigned.tail(), mode,
                TIMES_KEPT).orThrow(id);
        long waited = outcome.number();
        if (waited >= 0) {
            metrics.waited(team, Duration.ofMillis(waited));
        }
        return true;
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
        Outcome outcome = append(id, frameJson.parts("agent", new Frames.Agent(text, agentDisplayName), now()), "agent", agent, "");
        if (outcome.values().size() > 1 && outcome.number(1) >= 0) {
            metrics.firstResponse(team(id), Duration.ofMillis(outcome.number(1)));
        }
        return outcome.number();
    }

    /**
     * Ends a conversation and asks the customer for a rating. The assigned agent closes theirs; any
     * agent may close a waiting or pending one, which asks for no rating.
     *
     * @throws NotYourConversationException if another agent has it
     * @throws NotQueuedException if the bot still has it
     * @throws ConversationClosedException if it has ended already
     */
    public void close(String id, String agent) {
        Objects.requireNonNull(agent, "agent");
        close(id, agent, "agent");
    }

    private Outcome close(String id, String agent, String reason) {
        checkId(id);
        Instant now = now();
        Map<String, String> meta = reads.meta(id);
        String team = emptyToNull(meta.get("team"));
        String holder = Objects.requireNonNullElse(meta.get("agent"), agent.isEmpty() ? "-" : agent);
        Outcome outcome = Script.CLOSE.run(commands,
                List.of(keys.meta(id), keys.frames(id), keys.ids(id), keys.notes(id), keys.queue(), keys.teamQueue(team),
                        keys.index(ConversationStatus.PENDING), keys.index(ConversationStatus.ASSIGNED),
                        keys.index(ConversationStatus.CLOSED), keys.agentOpen(holder), keys.handled()),
                id, keys.events(), now.toEpochMilli(), now, agent, retentionMs, now.toEpochMilli() - retentionMs, reason, TIMES_KEPT)
                .orThrow(id);
        if (outcome.number() >= 0) {
            metrics.handled(team, Duration.ofMillis(outcome.number()));
        }
        if ("abandoned".equals(reason)) {
            metrics.left(team, "abandoned");
        }
        if ("assigned".equals(outcome.text(1))) {
            serve();
        }
        return outcome;
    }

    /**
     * The assigned agent hands the conversation to a team: it goes back into the queue at its old
     * place for that team, with the note for whoever takes it.
     *
     * @throws UnknownTargetException if no agent is in that team and no category goes to it
     * @throws NotYourConversationException if the agent does not have it
     */
    public void transferToTeam(String id, String agent, String teamName, String note) {
        checkId(id);
        String team = teamName.toLowerCase(java.util.Locale.ROOT);
        if (!teams().contains(team)) {
            throw new UnknownTargetException("team", team);
        }
        Map<String, String> meta = reads.meta(id);
        String fromTeam = emptyToNull(meta.get("team"));
        release(id, agent, "team", null, team, oldPlace(meta));
        addNote(id, agent, note, new Move(null, null, Objects.requireNonNullElse(fromTeam, ""), team));
        metrics.transferred(fromTeam, "team");
        serve();
    }

    /**
     * The assigned agent hands the conversation straight to a colleague, who must be online with room.
     *
     * @throws UnknownTargetException if there is no such agent
     * @throws AgentUnavailableException if that agent is not online or at capacity
     */
    public void transferToAgent(String id, String agent, String toAgent, String note) {
        transferToAgent(id, agent, toAgent, note, agent);
    }

    private void transferToAgent(String id, String agent, String toAgent, String note, String noteAuthor) {
        checkId(id);
        AgentProfile target = agents.profile(toAgent).orElseThrow(() -> new UnknownTargetException("agent", toAgent));
        String team = team(id);
        release(id, agent, "agent", target, team, 0);
        addNote(id, noteAuthor, note, new Move(agent, toAgent, null, null));
        metrics.transferred(team, "agent");
    }

    private void release(String id, String agent, String mode, AgentProfile target, String team, long score) {
        Instant now = now();
        FrameJson.Parts assigned = frameJson.parts("handoff", new Frames.Assigned(target == null ? "" : target.displayName()), now);
        String targetName = target == null ? "-" : target.name();
        Script.RELEASE.run(commands,
                List.of(keys.meta(id), keys.frames(id), keys.queue(), keys.teamQueue(team), keys.index(ConversationStatus.ASSIGNED),
                        keys.agentOpen(agent), keys.agent(targetName), keys.agentOpen(targetName)),
                id, keys.events(), now.toEpochMilli(), now, mode, agent, target == null ? "" : target.name(),
                target == null ? "" : target.displayName(), team, score, assigned.head(), assigned.tail(), perPosition(team))
                .orThrow(id);
    }

    /** Every team: those articles' categories go to, and those agents are in. */
    public Set<String> teams() {
        Set<String> teams = new LinkedHashSet<>(settings.teamByCategory().values());
        agents.states().forEach(a -> teams.addAll(a.teams()));
        return teams;
    }

    /**
     * Adds an internal note: in the agents' transcript, never sent to the customer.
     *
     * @throws ConversationNotFoundException if there is no such conversation
     */
    public Note addNote(String id, String agent, String text) {
        return addNote(id, agent, text, new Move(null, null, null, null));
    }

    /** Where a transfer took a conversation, for its note; all {@code null} for a plain note. */
    private record Move(String fromAgent, String toAgent, String fromTeam, String toTeam) {}

    private Note addNote(String id, String agent, String text, Move move) {
        checkId(id);
        FrameJson.Parts note = frameJson.parts("note", new Frames.Note(Objects.requireNonNullElse(text, ""), agent,
                agents.profile(agent).map(AgentProfile::displayName).orElse(agent), move.fromAgent(), move.toAgent(),
                move.fromTeam(), move.toTeam()), now());
        long number = Script.NOTE.run(commands, List.of(keys.meta(id), keys.notes(id), keys.frames(id)),
                id, keys.events(), note.head(), note.tail()).orThrow(id).number();
        return reads.notes(id).stream().filter(n -> n.number() == number).findFirst()
                .orElseThrow(() -> new ConversationNotFoundException(id));
    }

    public List<Note> notes(String id) {
        return valid(id) ? reads.notes(id) : List.of();
    }

    // ---------------------------------------------------------------- presence

    /** Makes these the agents of the installation (the configuration, the same on every node). */
    public void registerAgents(Collection<AgentProfile> profiles) {
        agents.register(profiles, now());
    }

    public boolean isAgent(String name) {
        return agents.known(name);
    }

    /**
     * Sets an agent's presence. Online, they get conversations at once up to their capacity; away,
     * they keep theirs and get none; offline, theirs go back to the front of the queue.
     */
    public AgentState setPresence(String agent, AgentStatus status) {
        if (!agents.known(agent)) {
            throw new UnknownTargetException("agent", agent);
        }
        agents.setStatus(agent, status, now());
        if (status == AgentStatus.OFFLINE) {
            requeueAll(agent);
        }
        events.publish(commands, new HandoffEvent.AgentsChanged());
        if (status == AgentStatus.ONLINE) {
            serve();
        }
        return agents.state(agent).orElseThrow();
    }

    public List<AgentState> agents() {
        return agents.states();
    }

    public Optional<AgentState> agent(String name) {
        return agents.state(name);
    }

    /** The conversations an agent has now. */
    public List<Conversation> conversationsOf(String agent) {
        return reads.conversations(List.copyOf(agents.open(agent)), ConversationStatus.ASSIGNED);
    }

    /** The consoles of these agents are open on this node now. */
    public void agentsSeen(Collection<String> names) {
        agents.seen(names, now());
    }

    // ---------------------------------------------------------------- customers' connections

    /** Customers of these conversations have a connection open on this node now. */
    public void customersSeen(Collection<String> ids) {
        if (ids.isEmpty()) {
            return;
        }
        long now = now().toEpochMilli();
        Map<String, Double> scores = new LinkedHashMap<>();
        ids.forEach(id -> scores.put(id, (double) now));
        List<io.lettuce.core.ScoredValue<String>> values = scores.entrySet().stream()
                .map(e -> io.lettuce.core.ScoredValue.just(e.getValue(), e.getKey())).toList();
        @SuppressWarnings("unchecked")
        io.lettuce.core.ScoredValue<String>[] array = values.toArray(io.lettuce.core.ScoredValue[]::new);
        commands.zadd(keys.customersSeen(), array);
    }

    /** A customer connection came (or came back): tell the agents. */
    public void customerConnected(String id) {
        customersSeen(List.of(id));
        events.publish(commands, new HandoffEvent.CustomerPresence(id, true));
    }

    /**
     * The last customer connection of a conversation on this node closed. The time is kept negative:
     * the customer was last there then, and is gone now (unless another node sees them again).
     */
    public void customerLeft(String id) {
        commands.zadd(keys.customersSeen(), -(double) now().toEpochMilli(), id);
        events.publish(commands, new HandoffEvent.CustomerPresence(id, false));
    }

    /** Whether the customers of these conversations have a connection open now. */
    public Map<String, Boolean> customersOnline(Collection<String> ids) {
        long bound = now().minus(CUSTOMER_GONE).toEpochMilli();
        Map<String, RedisFuture<Double>> scores = new LinkedHashMap<>();
        ids.forEach(id -> scores.put(id, redisAsync().zscore(keys.customersSeen(), id)));
        Map<String, Boolean> online = new LinkedHashMap<>();
        scores.forEach((id, score) -> {
            Double seen = reads.await(score);
            online.put(id, seen != null && seen >= bound);
        });
        return online;
    }

    /** Shows the other side that someone is typing; nothing is stored. */
    public void typing(String id, String from) {
        if (valid(id)) {
            events.publish(commands, new HandoffEvent.Typing(id, from));
        }
    }

    // ---------------------------------------------------------------- upkeep

    /**
     * Serves the queue: while a conversation waits and an online agent of its team has room, the one
     * waiting first (by priority) goes to the agent with the fewest open conversations, then the one
     * idle longest. Any node may serve at any time; each assignment is checked in Redis, so a
     * conversation goes to exactly one agent and nobody beyond their capacity.
     *
     * @return how many conversations were assigned
     */
    public int serve() {
        int assigned = 0;
        List<AgentState> states = new ArrayList<>(agents.states());
        while (assigned < SERVE_LIMIT) {
            List<AgentState> free = states.stream().filter(AgentState::hasRoom).toList();
            if (free.isEmpty()) {
                return assigned;
            }
            Candidate next = nextCandidate(free);
            if (next == null) {
                return assigned;
            }
            AgentState agent = next.agent();
            try {
                assign(next.conversationId(), agent.name(), agent.displayName(), "auto");
                assigned++;
                states.set(states.indexOf(agent), new AgentState(agent.name(), agent.displayName(), agent.status(),
                        agent.capacity(), agent.active() + 1, agent.teams(), now()));
            } catch (AgentUnavailableException e) {
                states = new ArrayList<>(agents.states());
                if (states.stream().noneMatch(AgentState::hasRoom)) {
                    return assigned;
                }
            } catch (NotQueuedException | AlreadyClaimedException | ConversationClosedException | ConversationNotFoundException e) {
                log.debug("Serving the queue: {} was taken meanwhile", next.conversationId());
            }
        }
        return assigned;
    }

    private record Candidate(String conversationId, double score, AgentState agent) {}

    /** The first waiting conversation, by priority across the queues free agents serve, with the agent for it. */
    private Candidate nextCandidate(List<AgentState> free) {
        Set<String> teams = new LinkedHashSet<>();
        teams.add("");
        free.forEach(a -> teams.addAll(a.teams()));
        Candidate best = null;
        for (String team : teams) {
            List<io.lettuce.core.ScoredValue<String>> head = commands.zrangeWithScores(keys.teamQueue(team), 0, 0);
            if (head.isEmpty() || (best != null && head.get(0).getScore() >= best.score())) {
                continue;
            }
            String teamName = team.isEmpty() ? null : team;
            Optional<AgentState> agent = free.stream().filter(a -> a.serves(teamName))
                    .min(Comparator.comparingInt(AgentState::active).thenComparing(AgentState::idleSince));
            if (agent.isPresent()) {
                best = new Candidate(head.get(0).getValue(), head.get(0).getScore(), agent.get());
            }
        }
        return best;
    }

    /**
     * What every node does every second or so: agents whose console has been gone longer than the
     * presence timeout go offline (their conversations back to the front of the queue), queued
     * conversations whose customer has been gone longer than {@code abandonAfter} close as
     * abandoned, and the queue is served.
     */
    public void upkeep() {
        Instant now = now();
        for (String name : agents.unseenSince(now.minus(settings.presenceTimeout()), reads)) {
            Optional<AgentState> state = agents.state(name);
            if (state.isPresent() && state.get().status() != AgentStatus.OFFLINE) {
                log.info("Agent {} has had no console for {}: offline", name, settings.presenceTimeout());
                setPresence(name, AgentStatus.OFFLINE);
            }
        }
        abandonGoneCustomers(now);
        serve();
    }

    private void abandonGoneCustomers(Instant now) {
        long bound = now.minus(settings.abandonAfter()).toEpochMilli();
        List<String> queued = reads.below(keys.queue(), Long.MAX_VALUE, 1000);
        Map<String, RedisFuture<Double>> seen = new LinkedHashMap<>();
        Map<String, RedisFuture<String>> since = new LinkedHashMap<>();
        for (String id : queued) {
            seen.put(id, redisAsync().zscore(keys.customersSeen(), id));
            since.put(id, redisAsync().hget(keys.meta(id), "queuedAtMs"));
        }
        for (String id : queued) {
            Double lastSeen = reads.await(seen.get(id));
            String queuedAt = reads.await(since.get(id));
            // A negative time is when the customer left; a positive one when they were last seen there.
            double last = lastSeen != null ? Math.abs(lastSeen) : queuedAt == null ? 0 : Double.parseDouble(queuedAt);
            if (last < bound) {
                try {
                    close(id, "", "abandoned");
                    log.info("Conversation {} closed as abandoned: its customer has been gone for {}", id, settings.abandonAfter());
                } catch (RuntimeException e) {
                    log.debug("Conversation {} was not abandoned: {}", id, e.getMessage());
                }
            }
        }
    }

    private void requeueAll(String agent) {
        for (String id : agents.open(agent)) {
            try {
                Map<String, String> meta = reads.meta(id);
                String team = emptyToNull(meta.get("team"));
                release(id, agent, "front", null, team, oldPlace(meta));
            } catch (RuntimeException e) {
                log.debug("Conversation {} of {} stays: {}", id, agent, e.getMessage());
                commands.srem(keys.agentOpen(agent), id);
            }
        }
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

    private Outcome append(String id, FrameJson.Parts frame, String kind, String who, String customerText) {
        checkId(id);
        Instant now = now();
        return Script.APPEND.run(commands,
                List.of(keys.meta(id), keys.frames(id), keys.ids(id), keys.index(ConversationStatus.BOT), keys.notes(id)),
                id, keys.events(), frame.head(), frame.tail(), now.toEpochMilli(), retentionMs, kind, who, customerText)
                .orThrow(id);
    }

    private String team(String id) {
        return emptyToNull(commands.hget(keys.meta(id), "team"));
    }

    /** The queue score the conversation had when it first waited: its old place in any team's queue. */
    private static long oldPlace(Map<String, String> meta) {
        String score = meta.get("queueScore");
        if (score != null) {
            return Long.parseLong(score);
        }
        String queuedAt = meta.get("queuedAtMs");
        return QueueScore.of(emptyToNull(meta.get("tier")), queuedAt == null ? 0 : Long.parseLong(queuedAt));
    }

    private io.lettuce.core.api.async.RedisAsyncCommands<String, String> redisAsync() {
        return commands.getStatefulConnection().async();
    }

    /** Now, to the millisecond, as every stored time is. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
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

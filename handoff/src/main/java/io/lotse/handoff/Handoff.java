package io.lotse.handoff;

import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lotse.handoff.conversation.ConversationReads;
import io.lotse.handoff.conversation.Deflections;
import io.lotse.handoff.conversation.Lifecycle;
import io.lotse.handoff.conversation.Transcript;
import io.lotse.handoff.notes.CannedReplies;
import io.lotse.handoff.notes.Notes;
import io.lotse.handoff.presence.Agents;
import io.lotse.handoff.presence.Customers;
import io.lotse.handoff.privacy.Erasure;
import io.lotse.handoff.privacy.Retention;
import io.lotse.handoff.queue.Abandonment;
import io.lotse.handoff.queue.Assignment;
import io.lotse.handoff.queue.Estimates;
import io.lotse.handoff.queue.Handover;
import io.lotse.handoff.queue.QueueReads;
import io.lotse.handoff.queue.Serving;
import io.lotse.handoff.queue.Transfers;
import io.lotse.handoff.store.ConversationIds;
import io.lotse.handoff.store.Events;
import io.lotse.handoff.store.Keys;
import io.lotse.handoff.store.Store;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live-agent side of conversations: their frames, the queue and its automatic assignment,
 * agents' presence, transfers, notes, closing and ratings, kept in Redis so that every node sees
 * the same.
 *
 * <p>Every change of a conversation is one Lua script (see {@link io.lotse.handoff.store.Script}):
 * the status check, the frame with the next {@code seq}, the queues and the event to every node
 * happen together or not at all. A customer's place in the queue is its rank in its team's queue,
 * read when needed, so a change of the queue writes nothing into the other waiting conversations.
 * Conversations left with the bot expire after {@link HandoffSettings#closedRetention()} without a
 * frame, closed ones that long after the close, and queued, pending and assigned ones after
 * {@link HandoffSettings#openRetention()} without a frame; an expired or erased conversation leaves
 * every list that named it.
 *
 * <p>This class is the module's face: each method hands its work to the feature that does it
 * ({@code conversation}, {@code queue}, {@code presence}, {@code notes}) and strings together the
 * steps that cross features, such as serving the queue after a close.
 *
 * <p>Thread-safe; it uses the connections it is given and leaves closing them to the caller.
 */
public final class Handoff implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Handoff.class);

    private final HandoffSettings settings;
    private final Store store;
    private final Events events;
    private final ConversationReads reads;
    private final Transcript transcript;
    private final Lifecycle lifecycle;
    private final Agents agents;
    private final Customers customers;
    private final Notes notes;
    private final CannedReplies replies;
    private final QueueReads queue;
    private final Estimates estimates;
    private final Handover handover;
    private final Assignment assignment;
    private final Serving serving;
    private final Transfers transfers;
    private final Abandonment abandonment;
    private final Erasure erasure;
    private final Retention retention;
    private final Deflections deflections;

    public Handoff(StatefulRedisConnection<String, String> redis, StatefulRedisPubSubConnection<String, String> pubSub,
            HandoffSettings settings, Clock clock) {
        this(redis, pubSub, settings, clock, HandoffMetrics.NONE);
    }

    public Handoff(StatefulRedisConnection<String, String> redis, StatefulRedisPubSubConnection<String, String> pubSub,
            HandoffSettings settings, Clock clock, HandoffMetrics metrics) {
        Objects.requireNonNull(metrics, "metrics");
        this.settings = settings;
        this.store = new Store(redis, new Keys(settings.keyPrefix()), clock);
        this.events = new Events(pubSub, store.keys().events());
        this.reads = new ConversationReads(store);
        this.transcript = new Transcript(store, settings, metrics, reads);
        this.lifecycle = new Lifecycle(store, settings, metrics, reads);
        this.agents = new Agents(store);
        this.customers = new Customers(store, events);
        this.notes = new Notes(store, agents);
        this.replies = new CannedReplies(redis.sync(), store.keys());
        this.queue = new QueueReads(store, reads);
        this.estimates = new Estimates(store, agents);
        this.assignment = new Assignment(store, metrics, reads);
        this.serving = new Serving(store, agents, assignment);
        this.handover = new Handover(store, settings, metrics, reads, queue, agents, estimates, serving);
        this.transfers = new Transfers(store, settings, metrics, reads, agents, notes, assignment, serving, estimates);
        this.abandonment = new Abandonment(store, settings, lifecycle, serving);
        this.erasure = new Erasure(store, reads, queue, notes);
        this.retention = new Retention(store, settings, erasure);
        this.deflections = new Deflections(store, settings, metrics);
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
        return lifecycle.start(locale);
    }

    /** Records who the customer is, as the site vouched for it; the tier decides their place in the queue. */
    public void identify(String id, Customer customer) {
        lifecycle.identify(id, customer);
    }

    public Optional<Conversation> find(String id) {
        return reads.find(id);
    }

    /**
     * Stores a customer's message once: a client id stored before for this conversation stores
     * nothing and answers the seq of the first frame with {@code duplicate}.
     *
     * @throws ConversationNotFoundException if there is no such conversation
     * @throws ConversationClosedException if it has ended
     */
    public AppendResult appendCustomerMessage(String id, String clientId, String text) {
        return transcript.appendCustomerMessage(id, clientId, text);
    }

    public List<Frame> framesAfter(String id, long after) {
        return reads.framesAfter(id, after);
    }

    /** The seq of the conversation's last frame; 0 when it has none or does not exist. */
    public long lastSeq(String id) {
        return reads.lastSeq(id);
    }

    /**
     * What the bot reads before it answers a customer's message, in one round trip: the
     * conversation's status, language and bot state, how many frames it has, and whether the
     * message's client id was stored before.
     *
     * @param clientId the message's client id, or {@code null}
     * @throws ConversationNotFoundException if there is no such conversation
     */
    public TurnContext turnContext(String id, String clientId) {
        return reads.turnContext(id, clientId).orElseThrow(() -> new ConversationNotFoundException(id));
    }

    /**
     * Stores the bot's turn on a new customer message in one step: the message, the bot's frames
     * ({@code seq} and {@code ts} set here) and its new state, announced once; or nothing, when
     * frames came since the context was read (the bot answered from an old state), the bot no
     * longer has the conversation or the client id was stored before. A customer message and the
     * bot's answer to it are so never stored apart, nor twice.
     *
     * @param read what the bot answered from ({@link #turnContext})
     * @param botFrames the bot's frames, each with its {@code type} first
     * @throws ConversationClosedException if the conversation has ended
     */
    public TurnResult answer(String id, TurnContext read, String clientId, String text, String botState,
            List<? extends Map<String, ?>> botFrames) {
        return transcript.answerNew(id, read.frames(), clientId, text, botState, botFrames);
    }

    /**
     * The same for a customer message stored before that the bot never answered (its node stopped
     * first): the message {@code seq}, which must still be the conversation's last frame.
     */
    public TurnResult answerStored(String id, long seq, String botState, List<? extends Map<String, ?>> botFrames) {
        return transcript.answerStored(id, seq, botState, botFrames);
    }

    /**
     * The customer message the bot still owes an answer: the conversation's last frame, if the bot has
     * the conversation, the frame is a customer message and no answer to it was stored (see
     * {@link #answer} and {@link #answerStored}). That is a message stored by a node that stopped
     * before the bot answered.
     */
    public Optional<Frame> unanswered(String id) {
        return reads.unanswered(id);
    }

    /**
     * Stores the message a customer leaves for the agents (with the address to answer to), once per
     * client id; a queued conversation then waits as pending.
     *
     * @throws NotWaitingException if the conversation is not waiting for an agent
     */
    public AppendResult contact(String id, String clientId, String email, String text) {
        return lifecycle.contact(id, clientId, email, text);
    }

    /**
     * The customer leaves the queue or the pending list, and the bot answers again.
     *
     * @throws NotWaitingException if the conversation is not waiting for an agent
     * @throws MessageLeftException if the customer left a message for the team, which stays with it
     */
    public void cancel(String id) {
        lifecycle.cancel(id);
    }

    /**
     * Stores the customer's rating of a closed conversation, once.
     *
     * @return the seq of the {@code rating} frame
     * @throws InvalidRatingException if the score is not 1 to 5, the conversation has not ended, or was rated
     */
    public long rate(String id, int score) {
        return lifecycle.rate(id, score);
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
        return handover.requestAgent(id, reason, contextJson, category);
    }

    /**
     * Puts a conversation into the queue of no team, whoever is online; a conversation already
     * waiting stays as it is. {@link #requestAgent} is what a customer's request goes through.
     */
    public QueueEntry enqueue(String id, String reason, String contextJson) {
        return handover.enqueue(id, reason, contextJson);
    }

    /** A page of the waiting conversations: tier A, then B, then the rest; longest waiting first within each. */
    public List<QueueEntry> queue(long offset, int limit) {
        return queue.page(Math.max(0, offset), Math.max(1, limit));
    }

    /**
     * A page of the queue from a place in it (0 the first), with the total and the cursor of the
     * next page.
     */
    public QueuePage queuePage(long offset, int limit) {
        return queue.pageAt(Math.max(0, offset), Math.max(1, limit));
    }

    /**
     * The page after the one that gave the cursor; it starts right after that page's last
     * conversation, however the queue changed meanwhile.
     *
     * @throws IllegalArgumentException if the cursor is not one a page gave
     */
    public QueuePage queuePage(String cursor, int limit) {
        return queue.pageAfter(cursor, Math.max(1, limit));
    }

    /** The whole queue. */
    public List<QueueEntry> queue() {
        return queue(0, Integer.MAX_VALUE - 1);
    }

    public long queueLength() {
        return queue.length();
    }

    /** How many conversations wait in one team's queue ({@code null}: of no team). */
    public long queueLength(String team) {
        return queue.length(team);
    }

    /** A conversation's queue entry, position 0 when it is not waiting in the queue. */
    public QueueEntry entry(String id) {
        return queue.entry(id);
    }

    /**
     * Where each of these conversations waits, in one or two round trips however many they are: for
     * telling every waiting customer on a node their new place at once.
     */
    public Map<String, QueuePlace> places(Collection<String> ids) {
        return queue.places(ids, teams());
    }

    /** Where a waiting conversation stands in its team's queue, 0 when it does not wait there. */
    public int position(String id, String team) {
        return queue.position(id, team);
    }

    /**
     * The estimated wait of the conversation at a place in a team's queue: the recent handling time
     * divided among the conversations the team's online agents take at once; empty while nobody of
     * the team is online, when nobody can say.
     */
    public Optional<Duration> estimatedWait(String team, int position) {
        return estimates.estimatedWait(team, position);
    }

    /**
     * The wait each place in a team's queue adds ({@link #estimatedWait} is it times the place), for
     * telling many waiting customers at once; empty while nobody of the team is online.
     */
    public Optional<Duration> waitPerPlace(String team) {
        return estimates.perPlace(team);
    }

    /** The conversations in a status, those that entered it (bot: were active) longest ago first. */
    public List<Conversation> conversations(ConversationStatus status) {
        return reads.conversations(status, store.now().toEpochMilli() - settings.closedRetention().toMillis());
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
        return assignment.claim(id, agent, agentDisplayName);
    }

    /**
     * An administrator gives a waiting conversation to an agent, or moves an assigned one to
     * another agent, who must be online with room for a conversation that was assigned.
     */
    public Conversation reassign(String id, String toAgent, String byAdmin, String note) {
        return transfers.reassign(id, toAgent, byAdmin, note);
    }

    /**
     * Stores a message of the agent who has the conversation.
     *
     * @return the frame's seq
     * @throws NotYourConversationException if another agent has it, or no agent (it is with the bot or waiting)
     * @throws ConversationClosedException if it has ended
     */
    public long agentMessage(String id, String agent, String agentDisplayName, String text) {
        return transcript.agentMessage(id, agent, agentDisplayName, text);
    }

    /**
     * Ends a conversation and asks the customer for a rating. The assigned agent closes theirs; any
     * agent may close a waiting or pending one, which asks for no rating. The agent's seat goes to
     * the next in the queue.
     *
     * @throws NotYourConversationException if another agent has it
     * @throws NotQueuedException if the bot still has it
     * @throws ConversationClosedException if it has ended already
     */
    public void close(String id, String agent) {
        Objects.requireNonNull(agent, "agent");
        if (lifecycle.close(id, agent, "agent")) {
            serve();
        }
    }

    /**
     * The assigned agent hands the conversation to a team: it goes back into the queue at its old
     * place for that team, with the note for whoever takes it.
     *
     * @throws UnknownTargetException if no agent is in that team and no category goes to it
     * @throws NotYourConversationException if the agent does not have it
     */
    public void transferToTeam(String id, String agent, String teamName, String note) {
        transfers.toTeam(id, agent, teamName, note);
    }

    /**
     * The assigned agent hands the conversation straight to a colleague, who must be online with room.
     *
     * @throws UnknownTargetException if there is no such agent
     * @throws AgentUnavailableException if that agent is not online or at capacity
     */
    public void transferToAgent(String id, String agent, String toAgent, String note) {
        transfers.toAgent(id, agent, toAgent, note, agent);
    }

    /** Every team: those articles' categories go to, and those agents are in. */
    public Set<String> teams() {
        return transfers.teams();
    }

    /**
     * Adds an internal note: in the agents' transcript, never sent to the customer.
     *
     * @throws ConversationNotFoundException if there is no such conversation
     */
    public Note addNote(String id, String agent, String text) {
        return notes.add(id, agent, text, Notes.Move.NONE);
    }

    public List<Note> notes(String id) {
        return notes.notes(id);
    }

    // ---------------------------------------------------------------- privacy

    /** Everything stored about a conversation; empty when there is no such conversation. */
    public Optional<ConversationExport> export(String id) {
        return erasure.export(id);
    }

    /**
     * Erases a conversation everywhere, in one step: its transcript, notes and every list that names
     * it (the queue, its agent's, its customer's). Its token resumes nothing afterwards; every node
     * is told with a {@link HandoffEvent.Erased}. An agent's seat it took is free again.
     *
     * @return whether there was such a conversation (none: nothing changed)
     */
    public boolean erase(String id) {
        Optional<String> before = erasure.erase(id);
        if (before.isPresent()) {
            log.info("Conversation {} erased on request", id);
            if (ConversationStatus.ASSIGNED.code().equals(before.get())) {
                serve();
            }
        }
        return before.isPresent();
    }

    /** The conversations of the customer whose signed identity has this {@code sub}, oldest first. */
    public List<String> conversationsOfCustomer(String sub) {
        Objects.requireNonNull(sub, "sub");
        return erasure.ofCustomer(sub);
    }

    /** Erases every conversation of the customer with this {@code sub}; returns their ids (none: nothing changed). */
    public List<String> eraseCustomer(String sub) {
        return conversationsOfCustomer(sub).stream().filter(this::erase).toList();
    }

    /**
     * Erases now every conversation whose retention has ended (the upkeep does so about once a
     * minute).
     */
    public void expire() {
        if (retention.sweep(store.now()) > 0) {
            serve();
        }
    }

    // ---------------------------------------------------------------- presence

    /** Makes these the agents of the installation (the configuration, the same on every node). */
    public void registerAgents(Collection<AgentProfile> profiles) {
        agents.register(profiles, store.now());
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
        agents.setStatus(agent, status, store.now());
        if (status == AgentStatus.OFFLINE) {
            transfers.requeueAll(agent);
        }
        events.publish(store.sync(), new HandoffEvent.AgentsChanged());
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
        agents.seen(names, store.now());
    }

    // ---------------------------------------------------------------- customers' connections

    /** Customers of these conversations have a connection open on this node now. */
    public void customersSeen(Collection<String> ids) {
        customers.seen(ids);
    }

    /** A customer connection came (or came back): tell the agents. */
    public void customerConnected(String id) {
        customers.connected(id);
    }

    /**
     * The last customer connection of a conversation on this node closed. The time is kept negative:
     * the customer was last there then, and is gone now (unless another node sees them again).
     */
    public void customerLeft(String id) {
        customers.left(id);
    }

    /** Whether the customers of these conversations have a connection open now. */
    public Map<String, Boolean> customersOnline(Collection<String> ids) {
        return customers.online(ids);
    }

    /** Shows the other side that someone is typing; nothing is stored. */
    public void typing(String id, String from) {
        if (ConversationIds.valid(id)) {
            events.publish(store.sync(), new HandoffEvent.Typing(id, from));
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
        return serving.serve();
    }

    /**
     * What every node does every second or so: agents whose console has been gone longer than the
     * presence timeout go offline (their conversations back to the front of the queue), queued
     * conversations whose customer has been gone longer than {@code abandonAfter} close as
     * abandoned, conversations whose retention has ended are erased (about once a minute), the
     * queue is served, and the conversations with the bot that have been quiet as long are counted
     * as deflected (see {@link HandoffMetrics#deflected}).
     */
    public void upkeep() {
        Instant now = store.now();
        for (String name : agents.unseenSince(now.minus(settings.presenceTimeout()))) {
            Optional<AgentState> state = agents.state(name);
            if (state.isPresent() && state.get().status() != AgentStatus.OFFLINE) {
                log.info("Agent {} has had no console for {}: offline", name, settings.presenceTimeout());
                setPresence(name, AgentStatus.OFFLINE);
            }
        }
        abandonment.abandonGoneCustomers(now);
        retention.sweepIfDue(now);
        serve();
        deflections.count(now);
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
}

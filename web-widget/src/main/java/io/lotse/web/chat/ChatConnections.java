package io.lotse.web.chat;

import io.lettuce.core.RedisException;
import io.lotse.handoff.Frame;
import io.lotse.handoff.Handoff;
import io.lotse.handoff.HandoffEvent;
import io.lotse.handoff.QueueEntry;
import io.lotse.handoff.QueuePlace;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.web.socket.CloseStatus;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The customer connections open on this node, and the one path by which stored frames reach them.
 *
 * <p>Every stored frame is announced to every node through the handoff's events; the node holding
 * the customer's connection then sends whatever the connection has not seen yet. Event handling
 * leaves the Redis I/O thread at once (a virtual thread per delivery), since delivery itself reads
 * from Redis.
 */
final class ChatConnections implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ChatConnections.class);
    /** A waiting customer's place told live: a {@code handoff} frame without {@code seq}, as it is not stored. */
    record LivePosition(String type, String status, int position, Long estimatedWaitSeconds) {
        LivePosition(int position, Long estimatedWaitSeconds) {
            this("handoff", "queued", position, estimatedWaitSeconds);
        }
    }

    /** The agent is typing; neither stored nor numbered. */
    record Typing(String type, String from) {}

    private static final Typing AGENT_TYPING = new Typing("typing", "agent");
    /** Queue changes within this time reach the waiting customers as one update. */
    private static final Duration POSITION_DEBOUNCE = Duration.ofMillis(300);
    /** A catch-up after a renewed subscription tries this often, pausing once, twice, … this long. */
    private static final int CATCH_UP_ATTEMPTS = 8;
    private static final Duration CATCH_UP_PAUSE = Duration.ofMillis(250);

    /** Sent to the connections of a conversation that was erased, before they are closed. */
    record Erased(String type, String code, String message) {
        Erased() {
            this("error", "conversation_erased", "This conversation has been deleted. Start a new one to ask something else.");
        }
    }

    private final Handoff handoff;
    private final JsonMapper json;
    private final ChatLimits limits;
    private final Map<String, ChatConnection> bySession = new ConcurrentHashMap<>();
    private final Map<String, Set<ChatConnection>> byConversation = new ConcurrentHashMap<>();
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final AutoCloseable subscription;
    private final AtomicBoolean positionsDue = new AtomicBoolean();

    ChatConnections(Handoff handoff, JsonMapper json, ChatLimits limits) {
        this.handoff = handoff;
        this.json = json;
        this.limits = limits;
        this.subscription = handoff.subscribe(this::onEvent);
    }

    private void onEvent(HandoffEvent event) {
        switch (event) {
            case HandoffEvent.FrameAppended appended -> {
                Set<ChatConnection> connections = byConversation.get(appended.conversationId());
                if (connections != null) {
                    connections.stream()
                            .filter(c -> c.lastSentSeq() < appended.seq())
                            .forEach(c -> executor.execute(() -> deliver(c, appended.seq())));
                }
            }
            case HandoffEvent.Typing typing when "agent".equals(typing.from()) -> {
                Set<ChatConnection> connections = byConversation.get(typing.conversationId());
                if (connections != null) {
                    String typingFrame = json.writeValueAsString(AGENT_TYPING);
                    connections.forEach(c -> executor.execute(() -> sendQuietly(c, typingFrame)));
                }
            }
            case HandoffEvent.Resubscribed resubscribed ->
                // The announcements of frames stored while the subscription was down are lost: catch every
                // open connection up from the store.
                bySession.values().forEach(c -> executor.execute(() -> catchUp(c)));
            case HandoffEvent.Erased erased -> {
                // Out of the heartbeat at once, so that this node notes nothing more about the conversation.
                Set<ChatConnection> connections = byConversation.remove(erased.conversationId());
                executor.execute(() -> closeErased(erased.conversationId(), connections));
            }
            case HandoffEvent.QueueChanged changed -> positionsChanged();
            case HandoffEvent.AgentsChanged changed -> positionsChanged();
            default -> { }
        }
    }

    /** Tells the connections of an erased conversation so, and closes them; its message limit goes too. */
    private void closeErased(String conversationId, Set<ChatConnection> connections) {
        limits.forget(conversationId);
        if (connections == null) {
            return;
        }
        String frame = json.writeValueAsString(new Erased());
        for (ChatConnection connection : connections) {
            bySession.remove(connection.sessionId());
            sendQuietly(connection, frame);
            try {
                connection.session().close(CloseStatus.POLICY_VIOLATION.withReason("conversation_erased"));
            } catch (IOException | RuntimeException e) {
                log.debug("Could not close {}: {}", connection.sessionId(), e.toString());
            }
        }
    }

    /** The queue moved: tell the waiting customers on this node their new place, once for a burst of changes. */
    private void positionsChanged() {
        if (positionsDue.compareAndSet(false, true)) {
            executor.execute(() -> {
                try {
                    Thread.sleep(POSITION_DEBOUNCE.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } finally {
                    positionsDue.set(false);
                }
                tellPositions();
            });
        }
    }

    /**
     * Tells every waiting customer on this node their place: every place read at once, one estimate
     * per team, so the cost in Redis does not grow with one round trip per waiting customer.
     */
    private void tellPositions() {
        List<ChatConnection> waiting = bySession.values().stream().filter(ChatConnection::waiting).toList();
        if (waiting.isEmpty()) {
            return;
        }
        Map<String, QueuePlace> places;
        try {
            places = handoff.places(waiting.stream().map(ChatConnection::conversationId).toList());
        } catch (RuntimeException e) {
            log.debug("Could not read the waiting customers' places: {}", e.toString());
            return;
        }
        Map<String, Optional<Duration>> perPlace = new HashMap<>();
        for (ChatConnection connection : waiting) {
            QueuePlace place = places.get(connection.conversationId());
            if (place == null || place.position() == 0 || place.position() == connection.toldPosition()) {
                continue;
            }
            try {
                Optional<Duration> wait = perPlace.computeIfAbsent(String.valueOf(place.team()), t -> handoff.waitPerPlace(place.team()));
                tell(connection, place.position(), wait);
            } catch (RuntimeException e) {
                log.debug("Could not tell {} its place: {}", connection.sessionId(), e.toString());
            }
        }
    }

    /**
     * Sends a waiting customer their place and the estimated wait when it changed since they were
     * last told: a live frame, neither stored nor numbered, as a customer who comes back is told
     * anew.
     */
    void tellPosition(ChatConnection connection) {
        try {
            QueueEntry entry = handoff.entry(connection.conversationId());
            if (entry.position() == 0 || entry.position() == connection.toldPosition()) {
                return;
            }
            tell(connection, entry.position(), handoff.waitPerPlace(entry.team()));
        } catch (RuntimeException e) {
            log.debug("Could not tell {} its place: {}", connection.sessionId(), e.toString());
        }
    }

    private void tell(ChatConnection connection, int position, Optional<Duration> waitPerPlace) {
        Long estimate = waitPerPlace.map(d -> Math.round(d.toMillis() / 1000.0 * position)).orElse(null);
        connection.waiting(true, position);
        sendQuietly(connection, json.writeValueAsString(new LivePosition(position, estimate)));
    }

    private void sendQuietly(ChatConnection connection, String frame) {
        connection.lock.lock();
        try {
            if (connection.isOpen()) {
                connection.send(frame);
            }
        } catch (IOException | RuntimeException e) {
            log.debug("Could not send to {}: {}", connection.sessionId(), e.toString());
        } finally {
            connection.lock.unlock();
        }
    }

    /** Every second: the customers with a connection here are there, which keeps their place in the queue. */
    @Scheduled(fixedDelay = 1000, initialDelay = 1000)
    void heartbeat() {
        if (!byConversation.isEmpty()) {
            try {
                handoff.customersSeen(List.copyOf(byConversation.keySet()));
            } catch (RuntimeException e) {
                log.debug("Could not refresh the customers' presence: {}", e.toString());
            }
        }
    }

    void add(ChatConnection connection) {
        bySession.put(connection.sessionId(), connection);
        byConversation.computeIfAbsent(connection.conversationId(), id -> ConcurrentHashMap.newKeySet()).add(connection);
        executor.execute(() -> {
            try {
                handoff.customerConnected(connection.conversationId());
            } catch (RuntimeException e) {
                log.debug("Could not note the customer's connection: {}", e.toString());
            }
        });
    }

    ChatConnection get(String sessionId) {
        return bySession.get(sessionId);
    }

    void remove(String sessionId) {
        ChatConnection connection = bySession.remove(sessionId);
        if (connection != null) {
            Set<ChatConnection> left = byConversation.computeIfPresent(connection.conversationId(), (id, set) -> {
                set.remove(connection);
                return set.isEmpty() ? null : set;
            });
            if (left == null && !executor.isShutdown()) {
                executor.execute(() -> {
                    try {
                        handoff.customerLeft(connection.conversationId());
                    } catch (RuntimeException e) {
                        log.debug("Could not note that the customer left: {}", e.toString());
                    }
                });
            }
        }
    }

    int size() {
        return bySession.size();
    }

    /** Sends the connection every stored frame it has not been sent yet, in order. */
    void deliver(ChatConnection connection) {
        deliver(connection, Long.MAX_VALUE);
    }

    /** The same for an announced frame: nothing is read when the connection was sent it meanwhile. */
    private void deliver(ChatConnection connection, long announcedSeq) {
        try {
            deliverOrThrow(connection, announcedSeq);
        } catch (RedisException e) {
            // The customer's client resumes with `after` and gets what it missed.
            log.debug("Could not deliver to {}: {}", connection.sessionId(), e.toString());
        }
    }

    /**
     * Sends frames just stored, the ones that follow each other from the first, to the conversation's
     * connections on this node without reading them again; a connection that has not been sent
     * everything before them reads what it misses from the store instead.
     */
    void deliverStored(String conversationId, List<Frame> frames) {
        Set<ChatConnection> connections = byConversation.get(conversationId);
        if (connections == null || frames.isEmpty()) {
            return;
        }
        for (ChatConnection connection : connections) {
            connection.lock.lock();
            try {
                if (connection.lastSentSeq() >= frames.getLast().seq() || !connection.isOpen()) {
                    continue;
                }
                if (connection.lastSentSeq() + 1 == frames.getFirst().seq()) {
                    for (Frame frame : frames) {
                        send(connection, frame);
                    }
                    continue;
                }
            } catch (IOException | RuntimeException e) {
                log.debug("Could not deliver to {}: {}", connection.sessionId(), e.toString());
                continue;
            } finally {
                connection.lock.unlock();
            }
            deliver(connection);
        }
    }

    /**
     * As {@link #deliver}, but tells the caller when the frames could not be read.
     *
     * @throws RedisException if Redis cannot be reached
     */
    void deliverOrThrow(ChatConnection connection) {
        deliverOrThrow(connection, Long.MAX_VALUE);
    }

    private void deliverOrThrow(ChatConnection connection, long announcedSeq) {
        connection.lock.lock();
        try {
            if (!connection.isOpen() || connection.lastSentSeq() >= announcedSeq) {
                return;
            }
            for (Frame frame : handoff.framesAfter(connection.conversationId(), connection.lastSentSeq())) {
                send(connection, frame);
            }
        } catch (RedisException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // The socket failed; the customer's client resumes with `after` and gets what it missed.
            log.debug("Could not deliver to {}: {}", connection.sessionId(), e.toString());
        } finally {
            connection.lock.unlock();
        }
    }

    /** Sends one frame in its turn; the caller holds the connection's lock. */
    private void send(ChatConnection connection, Frame frame) throws IOException {
        connection.send(forCustomer(frame));
        connection.sent(frame.seq());
        if ("handoff".equals(frame.type())) {
            JsonNode handoffFrame = json.readTree(frame.json());
            connection.waiting("queued".equals(handoffFrame.path("status").asString()),
                    handoffFrame.path("position").asInt(0));
        }
    }

    /**
     * Delivers after the subscription was renewed. Redis is back then, but the connection for
     * commands may still be reconnecting, so a failed read is tried again a few times.
     */
    private void catchUp(ChatConnection connection) {
        for (int attempt = 1; ; attempt++) {
            try {
                deliverOrThrow(connection);
                return;
            } catch (RedisException e) {
                if (attempt == CATCH_UP_ATTEMPTS) {
                    log.debug("Could not catch {} up: {}", connection.sessionId(), e.toString());
                    return;
                }
            }
            try {
                Thread.sleep(CATCH_UP_PAUSE.multipliedBy(attempt));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** The frame as the customer sees it: without the engine's decision, which is for agents and editors. */
    String forCustomer(Frame frame) {
        if (!"bot".equals(frame.type()) || !frame.json().contains("\"" + BotFrames.DECISION + "\"")) {
            return frame.json();
        }
        ObjectNode node = (ObjectNode) json.readTree(frame.json());
        node.remove(BotFrames.DECISION);
        return json.writeValueAsString(node);
    }

    /** Delivers to every connection of a conversation on this node. */
    void deliverAll(String conversationId) {
        Set<ChatConnection> connections = byConversation.get(conversationId);
        if (connections != null) {
            connections.forEach(this::deliver);
        }
    }

    @Override
    public void destroy() throws Exception {
        subscription.close();
        executor.shutdownNow();
    }
}

package io.lotse.handoff.store;

import io.lettuce.core.api.sync.RedisCommands;
import io.lotse.handoff.HandoffEvent;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The handoff's events from every node, read from the Redis channel and passed to this node's
 * listeners.
 *
 * <p>The channel is subscribed when the first listener arrives. Listeners run on Lettuce's I/O
 * thread, one after the other, so they must return quickly; one that throws is logged and the
 * others still get the event. Lettuce subscribes again after a reconnect, but what was published
 * meanwhile is lost: once the new subscription is confirmed, listeners get a
 * {@link HandoffEvent.Resubscribed} and then a {@link HandoffEvent.QueueChanged}, so that they read
 * again what they may have missed.
 *
 * <p>One of the module's internals, public only for the handoff's feature packages.
 */
public final class Events implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Events.class);

    private final StatefulRedisPubSubConnection<String, String> pubSub;
    private final String channel;
    private final JsonMapper json = new JsonMapper();
    private final List<Consumer<HandoffEvent>> listeners = new CopyOnWriteArrayList<>();
    private final AtomicBoolean subscribedBefore = new AtomicBoolean();
    private final RedisPubSubAdapter<String, String> adapter = new RedisPubSubAdapter<>() {
        @Override
        public void message(String from, String message) {
            if (channel.equals(from)) {
                HandoffEvent event = parse(message);
                if (event != null) {
                    dispatch(event);
                }
            }
        }

        @Override
        public void subscribed(String to, long count) {
            if (channel.equals(to) && subscribedBefore.getAndSet(true)) {
                dispatch(new HandoffEvent.Resubscribed());
                dispatch(new HandoffEvent.QueueChanged());
            }
        }
    };
    private boolean subscribed;
    private boolean closed;

    public Events(StatefulRedisPubSubConnection<String, String> pubSub, String channel) {
        this.pubSub = pubSub;
        this.channel = channel;
    }

    public synchronized AutoCloseable subscribe(Consumer<HandoffEvent> listener) {
        if (closed) {
            throw new IllegalStateException("The handoff is closed");
        }
        if (!subscribed) {
            pubSub.addListener(adapter);
            try {
                pubSub.sync().subscribe(channel);
            } catch (RuntimeException e) {
                pubSub.removeListener(adapter);
                throw e;
            }
            subscribed = true;
        }
        // A wrapper of its own, so that subscribing one listener twice gives two separate subscriptions.
        Consumer<HandoffEvent> entry = listener::accept;
        listeners.add(entry);
        return () -> listeners.remove(entry);
    }

    /** Tells every node's listeners of an event that no script publishes: typing, presence. */
    public void publish(RedisCommands<String, String> commands, HandoffEvent event) {
        Map<String, Object> message = new LinkedHashMap<>();
        switch (event) {
            case HandoffEvent.Typing typing -> {
                message.put("type", "typing");
                message.put("conversationId", typing.conversationId());
                message.put("from", typing.from());
            }
            case HandoffEvent.CustomerPresence presence -> {
                message.put("type", "customer");
                message.put("conversationId", presence.conversationId());
                message.put("online", presence.online());
            }
            case HandoffEvent.AgentsChanged changed -> message.put("type", "agents");
            case HandoffEvent.QueueChanged changed -> message.put("type", "queue");
            default -> throw new IllegalArgumentException("Scripts publish " + event.getClass().getSimpleName());
        }
        commands.publish(channel, json.writeValueAsString(message));
    }

    private void dispatch(HandoffEvent event) {
        for (Consumer<HandoffEvent> listener : listeners) {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                log.warn("A handoff event listener failed on {}", event, e);
            }
        }
    }

    private HandoffEvent parse(String message) {
        try {
            JsonNode node = json.readTree(message);
            return switch (node.path("type").asString()) {
                case "frame" -> new HandoffEvent.FrameAppended(node.path("conversationId").asString(), node.path("seq").asLong());
                case "queue" -> new HandoffEvent.QueueChanged();
                case "assigned" -> new HandoffEvent.Assigned(node.path("conversationId").asString(), node.path("agent").asString());
                case "note" -> new HandoffEvent.NoteAdded(node.path("conversationId").asString(), node.path("number").asLong());
                case "agents" -> new HandoffEvent.AgentsChanged();
                case "erased" -> new HandoffEvent.Erased(node.path("conversationId").asString());
                case "typing" -> new HandoffEvent.Typing(node.path("conversationId").asString(), node.path("from").asString());
                case "customer" -> new HandoffEvent.CustomerPresence(node.path("conversationId").asString(), node.path("online").asBoolean());
                default -> null;
            };
        } catch (JacksonException e) {
            log.debug("Ignoring an unreadable handoff event: {}", message);
            return null;
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        listeners.clear();
        if (subscribed) {
            pubSub.removeListener(adapter);
            unsubscribe();
        }
    }

    /** Waits briefly only: at shutdown the connection may already be gone, and the subscription with it. */
    private void unsubscribe() {
        try {
            pubSub.async().unsubscribe(channel).get(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            log.debug("Could not unsubscribe from {}: {}", channel, e.toString());
        }
    }
}

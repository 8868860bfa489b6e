package io.lotse.web.agent;

import io.lotse.handoff.Handoff;
import io.lotse.handoff.HandoffEvent;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Live updates for the agent consoles on this node, as Server-Sent Events: {@code queue} when the
 * queue changed, {@code frame} when a conversation got a new frame, {@code assigned} (to the agent
 * who got a conversation), {@code note}, {@code typing} (the customer types), {@code customer} (the
 * customer's connection came or went) and {@code agents} (someone's presence changed).
 *
 * <p>Events carry ids only; consoles fetch what they show through the API, so an event lost on a
 * dropped stream costs nothing but a refresh. An open stream is the console being there: every
 * second this node tells Redis which agents have one, and an agent with none for the presence
 * timeout goes offline.
 *
 * <p>When the application shuts down, the streams end first: an open stream is a request in
 * progress, and the web server's graceful shutdown would otherwise wait its whole timeout (30 s)
 * for every agent console still open. The consoles reconnect, to this node once it is back or to
 * another behind the load balancer.
 */
@Component
class AgentEvents implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(AgentEvents.class);
    private static final long TIMEOUT_MS = 30L * 60 * 1000;

    private record Console(String agent, SseEmitter emitter) {}

    private final Handoff handoff;
    private final Set<Console> consoles = ConcurrentHashMap.newKeySet();
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final AutoCloseable subscription;

    AgentEvents(Handoff handoff) {
        this.handoff = handoff;
        this.subscription = handoff.subscribe(event -> executor.execute(() -> publish(event)));
    }

    SseEmitter open(String agent) {
        SseEmitter emitter = new SseEmitter(TIMEOUT_MS);
        Console console = new Console(agent, emitter);
        consoles.add(console);
        emitter.onCompletion(() -> consoles.remove(console));
        emitter.onTimeout(() -> consoles.remove(console));
        emitter.onError(e -> consoles.remove(console));
        send(console, SseEmitter.event().name("hello").data(Map.of()));
        try {
            handoff.agentsSeen(List.of(agent));
        } catch (RuntimeException e) {
            log.debug("Could not note the console of {}: {}", agent, e.toString());
        }
        return emitter;
    }

    private void publish(HandoffEvent event) {
        // A builder is consumed by one send, so every console gets its own.
        Supplier<SseEmitter.SseEventBuilder> builder = switch (event) {
            case HandoffEvent.QueueChanged q -> () -> SseEmitter.event().name("queue").data(Map.of());
            case HandoffEvent.AgentsChanged a -> () -> SseEmitter.event().name("agents").data(Map.of());
            case HandoffEvent.FrameAppended f -> () -> SseEmitter.event().name("frame")
                    .data(Map.of("conversationId", f.conversationId(), "seq", f.seq()));
            case HandoffEvent.Assigned a -> () -> SseEmitter.event().name("assigned")
                    .data(Map.of("conversationId", a.conversationId(), "agent", a.agent()));
            case HandoffEvent.NoteAdded n -> () -> SseEmitter.event().name("note")
                    .data(Map.of("conversationId", n.conversationId(), "number", n.number()));
            case HandoffEvent.Typing t -> "customer".equals(t.from())
                    ? () -> SseEmitter.event().name("typing").data(Map.of("conversationId", t.conversationId()))
                    : null;
            case HandoffEvent.CustomerPresence c -> () -> SseEmitter.event().name("customer")
                    .data(Map.of("conversationId", c.conversationId(), "online", c.online()));
            default -> null;
        };
        if (builder != null) {
            consoles.forEach(console -> send(console, builder.get()));
        }
    }

    private void send(Console console, SseEmitter.SseEventBuilder event) {
        try {
            synchronized (console.emitter()) {
                console.emitter().send(event);
            }
        } catch (IOException | IllegalStateException e) {
            consoles.remove(console);
        }
    }

    /** Every second: the agents with a console open here are there. */
    @Scheduled(fixedDelay = 1000, initialDelay = 1000)
    void heartbeat() {
        if (consoles.isEmpty()) {
            return;
        }
        try {
            handoff.agentsSeen(consoles.stream().map(Console::agent).distinct().toList());
        } catch (RuntimeException e) {
            log.debug("Could not note the open consoles: {}", e.toString());
        }
    }

    /** The context is closing: end the streams before the web server waits for requests in progress. */
    @EventListener(ContextClosedEvent.class)
    void closing() {
        consoles.forEach(c -> c.emitter().complete());
    }

    @Override
    public void destroy() throws Exception {
        subscription.close();
        consoles.forEach(c -> c.emitter().complete());
        executor.shutdownNow();
    }
}

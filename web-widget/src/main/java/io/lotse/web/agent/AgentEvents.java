package io.lotse.web.agent;

import io.lotse.handoff.Handoff;
import io.lotse.handoff.HandoffEvent;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Live updates for the agent consoles on this node, as Server-Sent Events: {@code queue} when the
 * queue changed, {@code frame} when a conversation got a new frame.
 *
 * <p>Events carry ids only; consoles fetch what they show through the API, so an event lost on a
 * dropped stream costs nothing but a refresh.
 *
 * <p>When the application shuts down, the streams end first: an open stream is a request in
 * progress, and the web server's graceful shutdown would otherwise wait its whole timeout (30 s)
 * for every agent console still open. The consoles reconnect, to this node once it is back or to
 * another behind the load balancer.
 */
@Component
class AgentEvents implements DisposableBean {

    private static final long TIMEOUT_MS = 30L * 60 * 1000;

    private final Set<SseEmitter> emitters = ConcurrentHashMap.newKeySet();
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final AutoCloseable subscription;

    AgentEvents(Handoff handoff) {
        this.subscription = handoff.subscribe(event -> executor.execute(() -> publish(event)));
    }

    SseEmitter open() {
        SseEmitter emitter = new SseEmitter(TIMEOUT_MS);
        emitters.add(emitter);
        emitter.onCompletion(() -> emitters.remove(emitter));
        emitter.onTimeout(() -> emitters.remove(emitter));
        emitter.onError(e -> emitters.remove(emitter));
        send(emitter, SseEmitter.event().name("hello").data(Map.of()));
        return emitter;
    }

    private void publish(HandoffEvent event) {
        // A builder is consumed by one send, so every console gets its own.
        Supplier<SseEmitter.SseEventBuilder> builder = switch (event) {
            case HandoffEvent.QueueChanged q -> () -> SseEmitter.event().name("queue").data(Map.of());
            case HandoffEvent.FrameAppended f -> () -> SseEmitter.event().name("frame")
                    .data(Map.of("conversationId", f.conversationId(), "seq", f.seq()));
            // The QueueChanged that follows it makes the consoles reload.
            case HandoffEvent.Resubscribed r -> null;
        };
        if (builder == null) {
            return;
        }
        emitters.forEach(emitter -> send(emitter, builder.get()));
    }

    private void send(SseEmitter emitter, SseEmitter.SseEventBuilder event) {
        try {
            synchronized (emitter) {
                emitter.send(event);
            }
        } catch (IOException | IllegalStateException e) {
            emitters.remove(emitter);
        }
    }

    /** The context is closing: end the streams before the web server waits for requests in progress. */
    @EventListener(ContextClosedEvent.class)
    void closing() {
        emitters.forEach(SseEmitter::complete);
    }

    @Override
    public void destroy() throws Exception {
        subscription.close();
        emitters.forEach(SseEmitter::complete);
        executor.shutdownNow();
    }
}

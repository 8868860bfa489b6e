package io.lotse.web.chat;

import java.io.IOException;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * One open customer WebSocket: which conversation it shows, the last frame it was sent, and its
 * rate limit.
 *
 * <p>Frames reach a connection only through {@link ChatConnections#deliver}, under this
 * connection's lock and in {@code seq} order, so each frame is sent once however many events
 * announce it.
 */
final class ChatConnection {

    private final WebSocketSession session;
    private final String conversationId;
    private final String locale;
    private final RateLimit rateLimit;
    final ReentrantLock lock = new ReentrantLock();
    private long lastSentSeq;

    ChatConnection(WebSocketSession session, String conversationId, String locale, long afterSeq, RateLimit rateLimit) {
        this.session = session;
        this.conversationId = conversationId;
        this.locale = locale;
        this.lastSentSeq = afterSeq;
        this.rateLimit = rateLimit;
    }

    String conversationId() {
        return conversationId;
    }

    String locale() {
        return locale;
    }

    /** The thread-safe session that frames for this connection go through. */
    WebSocketSession session() {
        return session;
    }

    String sessionId() {
        return session.getId();
    }

    long lastSentSeq() {
        return lastSentSeq;
    }

    void sent(long seq) {
        lastSentSeq = seq;
    }

    boolean allowMessage() {
        synchronized (rateLimit) {
            return rateLimit.tryAcquire(System.nanoTime());
        }
    }

    boolean isOpen() {
        return session.isOpen();
    }

    void send(String json) throws IOException {
        session.sendMessage(new TextMessage(json));
    }
}

package io.lotse.web.chat;

import java.io.IOException;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * One open customer WebSocket: which conversation it shows and the last frame it was sent.
 *
 * <p>Frames reach a connection only through {@link ChatConnections#deliver}, under this
 * connection's lock and in {@code seq} order, so each frame is sent once however many events
 * announce it.
 */
final class ChatConnection {

    private final WebSocketSession session;
    private final String conversationId;
    private final String locale;
    final ReentrantLock lock = new ReentrantLock();
    /** Written under the lock; read without it only to skip needless work. */
    private volatile long lastSentSeq;
    /** Whether the customer waits in the queue, as the last handoff frame sent said; and the place they were last told. */
    private volatile boolean waiting;
    private volatile int toldPosition;
    private long lastTypingNanos;

    ChatConnection(WebSocketSession session, String conversationId, String locale, long afterSeq) {
        this.session = session;
        this.conversationId = conversationId;
        this.locale = locale;
        this.lastSentSeq = afterSeq;
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

    /** At most one typing signal a second per connection. */
    synchronized boolean allowTyping(long nowNanos) {
        if (lastTypingNanos != 0 && nowNanos - lastTypingNanos < 1_000_000_000L) {
            return false;
        }
        lastTypingNanos = nowNanos;
        return true;
    }

    boolean waiting() {
        return waiting;
    }

    void waiting(boolean waiting, int position) {
        this.waiting = waiting;
        this.toldPosition = position;
    }

    int toldPosition() {
        return toldPosition;
    }

    boolean isOpen() {
        return session.isOpen();
    }

    void send(String json) throws IOException {
        session.sendMessage(new TextMessage(json));
    }
}

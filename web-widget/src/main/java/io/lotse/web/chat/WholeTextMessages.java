package io.lotse.web.chat;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;

/**
 * Puts text messages that the container hands over in parts back together, up to a limit, and
 * passes each whole message on.
 *
 * <p>Why: the container keeps a text buffer of its configured size for every open connection, for
 * as long as it is open, idle or not. Taking messages in parts lets that buffer be small (a few KB
 * instead of the largest frame), and the whole message is held only while it arrives. A message
 * longer than the limit closes the connection with status 1009, as a container would.
 */
final class WholeTextMessages extends WebSocketHandlerDecorator {

    private static final String PARTS = WholeTextMessages.class.getName() + ".parts";

    private final int maxChars;

    /**
     * @param delegate the handler that gets whole messages
     * @param maxChars the longest message, in characters
     */
    WholeTextMessages(WebSocketHandler delegate, int maxChars) {
        super(delegate);
        this.maxChars = maxChars;
    }

    /**
     * The longest frame a client may send: a message of the longest length with every character
     * written as a six-character JSON unicode escape, plus room for the other fields.
     */
    static int maxFrameChars(int maxMessageLength) {
        return 6 * maxMessageLength + 4096;
    }

    @Override
    public boolean supportsPartialMessages() {
        return true;
    }

    @Override
    public void handleMessage(WebSocketSession session, WebSocketMessage<?> message) throws Exception {
        if (!(message instanceof TextMessage text)) {
            super.handleMessage(session, message);
            return;
        }
        if (!session.isOpen()) {
            return;
        }
        StringBuilder parts = (StringBuilder) session.getAttributes().get(PARTS);
        if (parts == null && text.isLast()) {
            if (text.getPayload().length() > maxChars) {
                tooBig(session);
                return;
            }
            super.handleMessage(session, text);
            return;
        }
        if (parts == null) {
            parts = new StringBuilder();
            session.getAttributes().put(PARTS, parts);
        }
        if (parts.length() + text.getPayload().length() > maxChars) {
            tooBig(session);
            return;
        }
        parts.append(text.getPayload());
        if (text.isLast()) {
            session.getAttributes().remove(PARTS);
            super.handleMessage(session, new TextMessage(parts));
        }
    }

    private static void tooBig(WebSocketSession session) throws Exception {
        session.getAttributes().remove(PARTS);
        session.close(CloseStatus.TOO_BIG_TO_PROCESS.withReason("frame too big"));
    }
}

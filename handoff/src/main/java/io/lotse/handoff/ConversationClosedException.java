package io.lotse.handoff;

/** The conversation has ended; it takes no more messages and cannot be closed again. */
public class ConversationClosedException extends RuntimeException {

    private final String conversationId;

    public ConversationClosedException(String conversationId) {
        super("Conversation " + conversationId + " has ended.");
        this.conversationId = conversationId;
    }

    public String conversationId() {
        return conversationId;
    }
}

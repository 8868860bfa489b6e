package io.lotse.handoff;

/** There is no conversation with that id (never was, or it expired). */
public class ConversationNotFoundException extends RuntimeException {

    private final String conversationId;

    public ConversationNotFoundException(String conversationId) {
        super("There is no conversation with the id " + conversationId + ".");
        this.conversationId = conversationId;
    }

    public String conversationId() {
        return conversationId;
    }
}

package io.lotse.handoff;

/** The conversation is not assigned to this agent (another agent has it, or nobody yet). */
public class NotYourConversationException extends RuntimeException {

    private final String conversationId;

    public NotYourConversationException(String conversationId) {
        super("Conversation " + conversationId + " is not assigned to you.");
        this.conversationId = conversationId;
    }

    public String conversationId() {
        return conversationId;
    }
}

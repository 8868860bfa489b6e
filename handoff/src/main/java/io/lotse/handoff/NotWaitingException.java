package io.lotse.handoff;

/** The customer asked to leave the queue, or left a message, while not waiting for an agent. */
public class NotWaitingException extends RuntimeException {

    private final String conversationId;

    public NotWaitingException(String conversationId) {
        super("Conversation " + conversationId + " is not waiting for an agent.");
        this.conversationId = conversationId;
    }

    public String conversationId() {
        return conversationId;
    }
}

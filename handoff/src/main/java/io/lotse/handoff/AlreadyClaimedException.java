package io.lotse.handoff;

/** Another agent took the conversation first. */
public class AlreadyClaimedException extends RuntimeException {

    private final String conversationId;

    public AlreadyClaimedException(String conversationId) {
        super("Another agent has already taken conversation " + conversationId + ".");
        this.conversationId = conversationId;
    }

    public String conversationId() {
        return conversationId;
    }
}

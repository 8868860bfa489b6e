package io.lotse.handoff;

/** The conversation is not waiting in the queue: the bot still has it, or an agent already has it. */
public class NotQueuedException extends RuntimeException {

    private final String conversationId;
    private final ConversationStatus status;

    public NotQueuedException(String conversationId, ConversationStatus status) {
        super("Conversation " + conversationId + " is not waiting in the queue: " + where(status) + ".");
        this.conversationId = conversationId;
        this.status = status;
    }

    private static String where(ConversationStatus status) {
        return switch (status) {
            case BOT -> "the bot is still answering it";
            case ASSIGNED -> "an agent already has it";
            case QUEUED, PENDING -> "it is waiting";
            case CLOSED -> "it has ended";
        };
    }

    public String conversationId() {
        return conversationId;
    }

    /** Where the conversation is instead. */
    public ConversationStatus status() {
        return status;
    }
}

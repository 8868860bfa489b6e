package io.lotse.handoff;

/**
 * A rating that cannot be stored: the score is not 1 to 5, the conversation has not ended, or it
 * was rated already.
 *
 * <p>The message is a short reason in lower case, to follow a sentence such as "This conversation
 * cannot be rated: ".
 */
public class InvalidRatingException extends RuntimeException {

    private final String conversationId;

    public InvalidRatingException(String conversationId, String reason) {
        super(reason);
        this.conversationId = conversationId;
    }

    public String conversationId() {
        return conversationId;
    }
}

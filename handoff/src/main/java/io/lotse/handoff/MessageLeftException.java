package io.lotse.handoff;

/** The customer left a message for the team, which stays with the team: the conversation cannot go back to the bot. */
public class MessageLeftException extends RuntimeException {

    public MessageLeftException(String conversationId) {
        super("A message was left for the team in conversation " + conversationId + "; it stays with the team.");
    }
}

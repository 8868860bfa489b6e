package io.lotse.handoff;

/** The agent a conversation should go to is not online, or has no room for another one. */
public class AgentUnavailableException extends RuntimeException {

    public AgentUnavailableException(String conversationId) {
        super("The agent cannot take conversation " + conversationId + " now: not online, or at capacity.");
    }
}

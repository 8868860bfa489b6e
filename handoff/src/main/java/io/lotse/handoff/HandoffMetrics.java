package io.lotse.handoff;

import java.time.Duration;

/**
 * What the handoff measures, told as it happens on this node; the application turns it into
 * meters. {@code team} is {@code null} for conversations of no team.
 */
public interface HandoffMetrics {

    HandoffMetrics NONE = new HandoffMetrics() {};

    /** A conversation went to the queue ({@code queued}) or, with nobody there, to the pending list ({@code offline}). */
    default void requested(String team, String reason, String outcome) {}

    /** How long a customer waited until an agent had the conversation. */
    default void waited(String team, Duration wait) {}

    /** How long a customer waited for an agent's first message after the handoff. */
    default void firstResponse(String team, Duration wait) {}

    /** How long an agent had the conversation until the close. */
    default void handled(String team, Duration time) {}

    /** A customer left the queue: {@code cancelled} (back to the bot) or {@code abandoned} (gone). */
    default void left(String team, String how) {}

    /** A conversation was transferred: {@code to} is {@code team} or {@code agent}. */
    default void transferred(String team, String to) {}

    /** The customer rated a conversation an agent had closed, 1 to 5. */
    default void rated(String team, int score) {}

    /**
     * A conversation ended with the bot: it answered the customer, who then let it rest for
     * {@link HandoffSettings#abandonAfter()} without ever having gone to the agents. Told once per
     * conversation, by one node; {@code language} is the conversation's ({@code de}, {@code en}).
     */
    default void deflected(String language) {}
}

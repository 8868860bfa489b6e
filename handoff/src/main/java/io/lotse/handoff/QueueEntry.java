package io.lotse.handoff;

import java.time.Instant;

/**
 * A conversation waiting for an agent.
 *
 * @param position 1 for the next one to be taken
 * @param reason why the bot handed it over, or {@code null}
 * @param lastCustomerText the customer's latest message, or {@code null}
 */
public record QueueEntry(String conversationId, String locale, Instant waitingSince, int position, String reason,
        String lastCustomerText) {}

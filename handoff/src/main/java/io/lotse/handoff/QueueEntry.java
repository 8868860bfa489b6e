package io.lotse.handoff;

import java.time.Instant;

/**
 * A conversation waiting for an agent.
 *
 * @param position its place in its team's queue, 1 for the next one to be taken (0: no longer waiting)
 * @param reason why the bot handed it over, or {@code null}
 * @param lastCustomerText the customer's latest message, or {@code null}
 * @param team the team it waits for, or {@code null} for any agent
 * @param tier the customer's tier, or {@code null}
 * @param customer who the customer is, or {@code null}
 * @param dueAt the first-response deadline
 * @param breached whether that deadline has passed
 */
public record QueueEntry(String conversationId, String locale, Instant waitingSince, int position, String reason,
        String lastCustomerText, String team, String tier, Customer customer, Instant dueAt, boolean breached) {}

package io.lotse.handoff;

import java.time.Instant;

/**
 * A conversation as the handoff keeps it, without its frames.
 *
 * @param agent the user name of the assigned (or last) agent, or {@code null}
 * @param agentDisplayName the name the customer sees for that agent, or {@code null}
 * @param queuedAt when it was first handed to the agents, or {@code null} while the bot has had it only
 * @param rating the customer's 1–5 rating after the close, or {@code null}
 * @param handoffReason why the bot handed it over ({@code customer_request}, …), or {@code null}
 * @param handoffContext what the bot tried, as the JSON the bot gave, or {@code null}
 * @param team the team it is for, or {@code null} for any agent
 * @param customer who the customer is, when the site said so, or {@code null}
 * @param dueAt the first-response deadline, or {@code null} before the handoff
 * @param firstResponseAt when an agent first wrote after the handoff, or {@code null}
 * @param contactEmail the address the customer left with a message, or {@code null}
 * @param closeReason {@code agent} or {@code abandoned} once closed, else {@code null}
 * @param transfers how often it was transferred
 * @param lastCustomerText the customer's latest message, or {@code null}
 */
public record Conversation(String id, String locale, ConversationStatus status, String agent, String agentDisplayName,
        Instant createdAt, Instant queuedAt, Integer rating, String handoffReason, String handoffContext, String team,
        Customer customer, Instant dueAt, Instant firstResponseAt, String contactEmail, String closeReason, int transfers,
        String lastCustomerText) {

    /** Whether the first-response deadline has passed without an agent's message. */
    public boolean breached(Instant now) {
        return dueAt != null && firstResponseAt == null && now.isAfter(dueAt);
    }
}

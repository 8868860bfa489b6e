package io.lotse.handoff;

import java.time.Instant;

/**
 * A conversation as the handoff keeps it, without its frames.
 *
 * @param agent the user name of the assigned (or last) agent, or {@code null}
 * @param agentDisplayName the name the customer sees for that agent, or {@code null}
 * @param queuedAt when it was handed to the queue, or {@code null} while the bot has it
 * @param rating the customer's 1–5 rating after the close, or {@code null}
 * @param handoffReason why the bot handed it over ({@code customer_request}, …), or {@code null}
 * @param handoffContext what the bot tried, as the JSON the bot gave, or {@code null}
 */
public record Conversation(String id, String locale, ConversationStatus status, String agent, String agentDisplayName,
        Instant createdAt, Instant queuedAt, Integer rating, String handoffReason, String handoffContext) {}

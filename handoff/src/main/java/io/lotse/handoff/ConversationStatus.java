package io.lotse.handoff;

import java.util.Locale;

/**
 * Where a conversation stands: with the bot, waiting in the queue, waiting for an agent to pick up
 * the message the customer left ({@code pending}: nobody was there), with an agent, or ended.
 */
public enum ConversationStatus {
    BOT, QUEUED, PENDING, ASSIGNED, CLOSED;

    /** The lower-case name used in frames, the API and Redis ({@code bot}, {@code queued}, …). */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ConversationStatus ofCode(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}

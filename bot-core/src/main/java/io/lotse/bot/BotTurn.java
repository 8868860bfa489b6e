package io.lotse.bot;

import io.lotse.bot.decision.Decision;
import java.util.List;

/**
 * The engine's reply to one customer message.
 *
 * @param state the state to store for the next message
 * @param messages the bot's messages, in order (usually one; two when a guide starts)
 * @param escalation why the conversation goes to a person, or {@code null} when it stays with the bot
 * @param decision what the bot considered and decided
 * @param locale the language of the reply ({@code de} or {@code en})
 */
public record BotTurn(
        BotState state, List<BotMessage> messages, EscalationReason escalation, Decision decision, String locale) {

    public BotTurn {
        messages = messages == null ? List.of() : List.copyOf(messages);
    }

    /** Whether the conversation should now go to the live-agent queue. */
    public boolean escalates() {
        return escalation != null;
    }
}

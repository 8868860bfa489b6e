package io.lotse.bot.decision;

import io.lotse.bot.Candidate;
import java.util.List;

/**
 * What the bot decided for one message and why, kept with the conversation for the agent.
 *
 * @param band {@code answer}, {@code clarify}, {@code escalate} (not confident enough), {@code intent}
 *     (a conversational intent such as a greeting or the wish for a person) or {@code guide}
 *     (a step of a troubleshooting guide)
 * @param reason a short explanation in English, such as "top article 0.82 above answer threshold 0.55"
 * @param candidates the articles considered, most confident first; empty when nothing was searched
 */
public record Decision(String band, String reason, List<Candidate> candidates) {

    public static final String ANSWER = "answer";
    public static final String CLARIFY = "clarify";
    public static final String ESCALATE = "escalate";
    public static final String INTENT = "intent";
    public static final String GUIDE = "guide";

    public Decision {
        candidates = candidates == null ? List.of() : List.copyOf(candidates);
    }

    public static Decision intent(String reason) {
        return new Decision(INTENT, reason, List.of());
    }

    public static Decision guide(String reason) {
        return new Decision(GUIDE, reason, List.of());
    }
}

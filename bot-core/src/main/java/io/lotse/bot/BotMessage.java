package io.lotse.bot;

import io.lotse.bot.decision.Decision;
import java.util.List;

/**
 * One message of the bot, the content of a protocol {@code bot} frame.
 *
 * <p>{@code confidence} is set only on a message that carries an article the bot chose in this very
 * turn (an answer, or the intro and first step of a guide; 1.0 when the customer picked the article);
 * it is {@code null} for small talk, clarifying questions, {@code no_answer}, handoffs and later guide
 * steps, where the turn's {@link Decision} holds the numbers.
 *
 * @param kind {@code answer}, {@code clarify}, {@code step}, {@code smalltalk}, {@code no_answer} or {@code handoff}
 * @param text plain text, or the article's Markdown body (rendered by the web layer)
 * @param articleId the article the text comes from, or {@code null}
 * @param articleTitle that article's title, or {@code null}
 * @param confidence 0..1, or {@code null} (see above)
 * @param quickReplies buttons to offer, never {@code null}
 */
public record BotMessage(
        String kind, String text, String articleId, String articleTitle, Double confidence, List<QuickReply> quickReplies) {

    public static final String ANSWER = "answer";
    public static final String CLARIFY = "clarify";
    public static final String STEP = "step";
    public static final String SMALLTALK = "smalltalk";
    public static final String NO_ANSWER = "no_answer";
    public static final String HANDOFF = "handoff";

    public BotMessage {
        quickReplies = quickReplies == null ? List.of() : List.copyOf(quickReplies);
    }
}

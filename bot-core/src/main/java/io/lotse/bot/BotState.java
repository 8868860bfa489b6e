package io.lotse.bot;

import io.lotse.bot.intents.QuestionFingerprint;
import io.lotse.knowledge.Language;
import java.util.List;

/**
 * What the bot remembers between two messages of one conversation; the caller stores it.
 *
 * <p>A plain record of strings, ints and a list of strings so that it serialises as is (the web
 * module keeps it as JSON). {@code guideStep} is the 1-based step of the troubleshooting guide
 * {@code guideArticleId} the customer was last shown; both are unset ({@code null}, 0) when no guide
 * is active. {@code offeredArticleIds} are the articles the last clarifying question offered.
 * {@code lastQuestion} came later: a state stored without it reads as {@code null}, as does one
 * before the first question.
 *
 * @param locale the conversation's language ({@code de} or {@code en}); {@code null} until known
 * @param unansweredInARow customer messages in a row the bot could not answer
 * @param guideArticleId the troubleshooting article being walked, or {@code null}
 * @param guideStep the step last shown, 1-based; 0 without a guide
 * @param offeredArticleIds the article ids offered by the last clarifying question, never {@code null}
 * @param lastQuestion a fingerprint of the customer's last question (a hash of its words, see
 *     {@link QuestionFingerprint}, never the text), or {@code null}; asking it again is frustration
 */
public record BotState(String locale, int unansweredInARow, String guideArticleId, int guideStep,
        List<String> offeredArticleIds, String lastQuestion) {

    public BotState {
        if (unansweredInARow < 0) {
            throw new IllegalArgumentException("unansweredInARow must not be negative: " + unansweredInARow);
        }
        if (guideStep < 0) {
            throw new IllegalArgumentException("guideStep must not be negative: " + guideStep);
        }
        offeredArticleIds = offeredArticleIds == null ? List.of() : List.copyOf(offeredArticleIds);
    }

    /** A state without a last question, as stored before the bot remembered one. */
    public BotState(String locale, int unansweredInARow, String guideArticleId, int guideStep,
            List<String> offeredArticleIds) {
        this(locale, unansweredInARow, guideArticleId, guideStep, offeredArticleIds, null);
    }

    /**
     * The state of a new conversation.
     *
     * @param locale the page's language; {@code de…} and {@code en…} are kept as {@code de} and
     *     {@code en}, any other language becomes {@code en}, and {@code null} stays {@code null}
     *     (the first message's page locale then decides)
     */
    public static BotState initial(String locale) {
        return new BotState(locale == null ? null : Language.orEnglish(locale).tag(), 0, null, 0, List.of());
    }

    boolean guideActive() {
        return guideArticleId != null && guideStep > 0;
    }

    BotState inLocale(String newLocale) {
        return new BotState(newLocale, unansweredInARow, guideArticleId, guideStep, offeredArticleIds, lastQuestion);
    }

    /** After an answer: nothing pending, the unanswered streak broken. */
    BotState answered() {
        return new BotState(locale, 0, null, 0, List.of(), lastQuestion);
    }

    BotState walking(String articleId, int step) {
        return new BotState(locale, 0, articleId, step, List.of(), lastQuestion);
    }

    BotState offering(List<String> articleIds) {
        return new BotState(locale, unansweredInARow, null, 0, articleIds, lastQuestion);
    }

    BotState unanswered() {
        return new BotState(locale, unansweredInARow + 1, null, 0, List.of(), lastQuestion);
    }

    /**
     * Small talk changes nothing: "ok" or "Danke" in the middle of a guide keeps it, so that the yes
     * and no buttons under the step still answer it; any other text leaves the guide.
     */
    BotState chatted() {
        return this;
    }

    /** The customer asked a question (its {@link QuestionFingerprint}); whatever the bot replies keeps it. */
    BotState asked(String fingerprint) {
        return new BotState(locale, unansweredInARow, guideArticleId, guideStep, offeredArticleIds, fingerprint);
    }

    /** After a handoff the bot starts afresh should the conversation come back to it. */
    BotState handedOff() {
        return new BotState(locale, 0, null, 0, List.of());
    }
}

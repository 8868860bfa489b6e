package io.lotse.bot;

import io.lotse.bot.calibration.CalibratedConfidence;
import io.lotse.bot.calibration.Calibration;

/**
 * The engine's thresholds.
 *
 * <p>Confidences are 0..1, and thresholds mean something only on the scale of one confidence model:
 * with a {@link CalibratedConfidence} take the thresholds its {@link Calibration} chose
 * ({@link Calibration.Result#applyTo(BotSettings)}; {@link Calibration#defaults()} before a knowledge
 * base is calibrated). {@link #defaults()} is the base they are applied to: its margin, handoff count
 * and number of candidates stay, its thresholds give way.
 *
 * @param answerThreshold the least confidence at which the top article is answered
 * @param clarifyThreshold the least confidence at which an article is offered in a clarifying question
 * @param clarifyMargin how close (in confidence) other articles must be to the top one for the bot to
 *     ask which was meant instead of answering
 * @param maxUnanswered after this many unanswered messages in a row the bot hands over
 * @param candidates how many articles to ask the retriever for
 */
public record BotSettings(
        double answerThreshold, double clarifyThreshold, double clarifyMargin, int maxUnanswered, int candidates) {

    public BotSettings {
        requireBetween("answerThreshold", answerThreshold, 0.0, 1.0);
        requireBetween("clarifyThreshold", clarifyThreshold, 0.0, 1.0);
        requireBetween("clarifyMargin", clarifyMargin, 0.0, 1.0);
        if (clarifyThreshold > answerThreshold) {
            throw new IllegalArgumentException("clarifyThreshold (" + clarifyThreshold
                    + ") must not be above answerThreshold (" + answerThreshold + ")");
        }
        if (maxUnanswered < 1) {
            throw new IllegalArgumentException("maxUnanswered must be at least 1: " + maxUnanswered);
        }
        if (candidates < 1 || candidates > 50) {
            throw new IllegalArgumentException("candidates must be between 1 and 50: " + candidates);
        }
    }

    /** Answer at 0.55, clarify from 0.40 within 0.10, hand over after 2 unanswered, 5 candidates. */
    public static BotSettings defaults() {
        return new BotSettings(0.55, 0.40, 0.10, 2, 5);
    }

    private static void requireBetween(String name, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ": " + value);
        }
    }
}

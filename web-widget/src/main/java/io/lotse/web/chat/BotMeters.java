package io.lotse.web.chat;

import io.lotse.bot.BotMessage;
import io.lotse.bot.BotTurn;
import io.lotse.bot.Decision;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The bot's meters: its messages by kind and language, how confident it was in the article it
 * ranked first, and how long a calibration takes.
 *
 * <p>Every tag comes from a short fixed list (anything unexpected is {@code other}), never from
 * what a customer typed, so the number of series stays small.
 */
final class BotMeters {

    static final String REPLIES = "lotse.bot.replies";
    static final String CONFIDENCE = "lotse.bot.confidence";
    static final String CALIBRATION = "lotse.bot.calibration";

    private static final Set<String> KINDS = Set.of(BotMessage.ANSWER, BotMessage.STEP, BotMessage.CLARIFY,
            BotMessage.SMALLTALK, BotMessage.NO_ANSWER, BotMessage.HANDOFF);
    private static final Set<String> DECISIONS = Set.of(Decision.ANSWER, Decision.CLARIFY, Decision.ESCALATE,
            Decision.INTENT, Decision.GUIDE);
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2}");
    /** Bucket bounds of the confidence, for a histogram of where the bot's answers fall against its thresholds. */
    private static final double[] CONFIDENCE_BUCKETS = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0};

    private final MeterRegistry meters;

    BotMeters(MeterRegistry meters) {
        this.meters = meters;
    }

    /**
     * One turn the bot took in a conversation: each of its messages counts once (a guide's start is
     * an answer, its introduction, and a step), and when it searched the articles, the confidence in
     * the one it ranked first.
     */
    void replied(BotTurn turn) {
        String language = language(turn.locale());
        for (BotMessage message : turn.messages()) {
            Counter.builder(REPLIES).description("The bot's messages to customers, by kind")
                    .tag("kind", oneOf(KINDS, message.kind())).tag("language", language)
                    .register(meters).increment();
        }
        Decision decision = turn.decision();
        if (decision != null && !decision.candidates().isEmpty()) {
            DistributionSummary.builder(CONFIDENCE)
                    .description("The bot's confidence in the article it ranked first, per customer question it searched for")
                    .tag("decision", oneOf(DECISIONS, decision.band())).tag("language", language)
                    .serviceLevelObjectives(CONFIDENCE_BUCKETS)
                    .register(meters).record(decision.candidates().getFirst().confidence());
        }
    }

    /** A calibration of the bot on the knowledge base ran: {@code calibrated}, or {@code failed} (the defaults stand). */
    void calibrated(Duration took, boolean succeeded) {
        Timer.builder(CALIBRATION).description("Calibrating the bot on the knowledge base, all languages")
                .tag("outcome", succeeded ? "calibrated" : "failed")
                .register(meters).record(took);
    }

    static String language(String locale) {
        return locale != null && LANGUAGE.matcher(locale).matches() ? locale : "other";
    }

    private static String oneOf(Set<String> known, String value) {
        return known.contains(value) ? value : "other";
    }
}

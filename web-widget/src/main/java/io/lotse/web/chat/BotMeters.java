package io.lotse.web.chat;

import io.lotse.bot.BotMessage;
import io.lotse.bot.BotTurn;
import io.lotse.bot.decision.Decision;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The bot's meters: its messages by kind and language, its decisions about questions with how
 * confident it was in the article it ranked first, and how long a calibration takes.
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
    /** The decisions about a customer's question; the others (an intent, a guide's next step) searched nothing. */
    private static final Set<String> QUESTION_DECISIONS = Set.of(Decision.ANSWER, Decision.CLARIFY, Decision.ESCALATE);
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2}");
    /** Bucket bounds of the confidence, for a histogram of where the bot's answers fall against its thresholds. */
    private static final double[] CONFIDENCE_BUCKETS = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0};

    private final MeterRegistry meters;

    BotMeters(MeterRegistry meters) {
        this.meters = meters;
        // The usual series exist from the start, at zero: a counter born at its first event would lose
        // that event to Prometheus's rate() and increase().
        for (String language : List.of("de", "en")) {
            KINDS.forEach(kind -> replies(kind, language));
            QUESTION_DECISIONS.forEach(decision -> confidence(decision, language));
        }
    }

    /**
     * One turn the bot took in a conversation: each of its messages counts once (a guide's start is
     * an answer, its introduction, and a step), and when it decided about a question (answer, ask
     * back, hand over), its confidence in the article it ranked first.
     */
    void replied(BotTurn turn) {
        String language = language(turn.locale());
        for (BotMessage message : turn.messages()) {
            replies(oneOf(KINDS, message.kind()), language).increment();
        }
        Decision decision = turn.decision();
        if (decision != null && QUESTION_DECISIONS.contains(decision.band())) {
            confidence(decision.band(), language).record(topConfidence(decision));
        }
    }

    /** The confidence in the article ranked first; 0 when the search found none, 1 when the customer picked an offered one. */
    private static double topConfidence(Decision decision) {
        if (decision.candidates().isEmpty()) {
            return Decision.ANSWER.equals(decision.band()) ? 1.0 : 0.0;
        }
        return decision.candidates().getFirst().confidence();
    }

    private Counter replies(String kind, String language) {
        return Counter.builder(REPLIES).description("The bot's messages to customers, by kind")
                .tag("kind", kind).tag("language", language).register(meters);
    }

    private DistributionSummary confidence(String decision, String language) {
        return DistributionSummary.builder(CONFIDENCE)
                .description("The bot's confidence in the article it ranked first, per decision about a customer's question")
                .tag("decision", decision).tag("language", language).serviceLevelObjectives(CONFIDENCE_BUCKETS)
                .register(meters);
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

package io.lotse.web.chat;

import static org.assertj.core.api.Assertions.assertThat;

import io.lotse.bot.BotMessage;
import io.lotse.bot.BotState;
import io.lotse.bot.BotTurn;
import io.lotse.bot.Candidate;
import io.lotse.bot.decision.Decision;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class BotMetersTests {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final BotMeters meters = new BotMeters(registry);

    @Test
    void countsEveryMessageByKindAndLanguageAndTheConfidenceInTheFirstArticle() {
        Decision guide = new Decision(Decision.ANSWER, "top article 0.82 above answer threshold 0.55",
                List.of(new Candidate("router", "Router", 12.0, 0.8, 0.82), new Candidate("wlan", "WLAN", 8.0, 0.5, 0.1)));
        meters.replied(turn("de", guide, message(BotMessage.ANSWER), message(BotMessage.STEP)));
        meters.replied(turn("de", new Decision(Decision.INTENT, "greeting", List.of()), message(BotMessage.SMALLTALK)));

        assertThat(count(BotMessage.ANSWER, "de")).isEqualTo(1);
        assertThat(count(BotMessage.STEP, "de")).isEqualTo(1);
        assertThat(count(BotMessage.SMALLTALK, "de")).isEqualTo(1);
        DistributionSummary confidence = registry.get(BotMeters.CONFIDENCE).tag("decision", "answer").tag("language", "de").summary();
        assertThat(confidence.count()).as("once per decision about a question, the intent none").isEqualTo(1);
        assertThat(confidence.totalAmount()).isEqualTo(0.82);
        assertThat(registry.find(BotMeters.CONFIDENCE).tag("decision", "intent").summary()).isNull();
    }

    @Test
    void aQuestionWithoutAnyArticleFoundIsConfidenceZeroAndAnArticleTheCustomerPickedIsOne() {
        meters.replied(turn("en", new Decision(Decision.ESCALATE, "nothing found", List.of()), message(BotMessage.NO_ANSWER)));
        meters.replied(turn("en", new Decision(Decision.ANSWER, "customer picked article router", List.of()), message(BotMessage.ANSWER)));

        assertThat(registry.get(BotMeters.CONFIDENCE).tag("decision", "escalate").tag("language", "en").summary().max()).isZero();
        assertThat(registry.get(BotMeters.CONFIDENCE).tag("decision", "answer").tag("language", "en").summary().totalAmount()).isEqualTo(1.0);
    }

    @Test
    void theUsualSeriesExistFromTheStartAtZero() {
        assertThat(count(BotMessage.HANDOFF, "de")).isZero();
        assertThat(registry.get(BotMeters.CONFIDENCE).tag("decision", "clarify").tag("language", "en").summary().count()).isZero();
    }

    @Test
    void keepsTagsToKnownValues() {
        meters.replied(turn("<script>", null, message("something new")));
        meters.replied(turn(null, null, message(BotMessage.NO_ANSWER)));

        assertThat(count("other", "other")).isEqualTo(1);
        assertThat(count(BotMessage.NO_ANSWER, "other")).isEqualTo(1);
    }

    @Test
    void timesCalibrationsByOutcome() {
        meters.calibrated(Duration.ofSeconds(4), true);
        meters.calibrated(Duration.ofMillis(10), false);

        assertThat(registry.get(BotMeters.CALIBRATION).tag("outcome", "calibrated").timer().totalTime(java.util.concurrent.TimeUnit.SECONDS))
                .isEqualTo(4.0);
        assertThat(registry.get(BotMeters.CALIBRATION).tag("outcome", "failed").timer().count()).isEqualTo(1);
    }

    private double count(String kind, String language) {
        return registry.get(BotMeters.REPLIES).tag("kind", kind).tag("language", language).counter().count();
    }

    private static BotTurn turn(String locale, Decision decision, BotMessage... messages) {
        return new BotTurn(BotState.initial("en"), List.of(messages), null, decision, locale);
    }

    private static BotMessage message(String kind) {
        return new BotMessage(kind, "text", null, null, null, List.of());
    }
}

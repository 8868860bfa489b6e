package io.lotse.handoff;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the handoff tells its metrics: deflected conversations, counted once across nodes, and ratings. */
class MeasuringTests {

    private static final TestRedis redis = new TestRedis();
    private static final Instant START = Instant.parse("2026-12-01T09:00:00Z");
    /** The defaults' abandon-after, which is also how long a conversation with the bot must be quiet to count. */
    private static final Duration QUIET = Duration.ofMinutes(10);

    private final MutableClock clock = new MutableClock(START);
    private final Recorded recorded = new Recorded();
    private TestRedis.Fixture node;
    private Handoff handoff;

    @BeforeEach
    void newHandoff() {
        node = redis.handoff(clock, recorded);
        handoff = node.handoff();
    }

    @AfterAll
    static void cleanUp() throws Exception {
        redis.close();
    }

    @Test
    void aConversationTheBotAnsweredCountsOnceWhenItHasBeenQuietLongEnoughOnAnyNode() {
        Handoff other = redis.otherNode(node, clock, recorded).handoff();
        handoff.upkeep();
        String answered = answeredByTheBot("de");
        String unanswered = handoff.start("en").id();
        handoff.appendCustomerMessage(unanswered, "c-1", "Hallo?");

        clock.advance(QUIET.minusSeconds(1));
        handoff.upkeep();
        assertThat(recorded.deflected).as("not quiet long enough yet").isEmpty();

        clock.advance(Duration.ofSeconds(2));
        handoff.upkeep();
        other.upkeep();
        handoff.upkeep();
        assertThat(recorded.deflected).containsExactly("de");

        // The customer comes back, the bot answers again, and it falls quiet once more: still one.
        assertThat(handoff.answer(answered, handoff.turnContext(answered, "c-2"), "c-2", "Danke", "{}",
                List.of(Map.of("type", "bot", "kind", "smalltalk", "text", "Gern geschehen.")))
                .stored()).isTrue();
        clock.advance(QUIET.plusSeconds(1));
        other.upkeep();
        handoff.upkeep();
        assertThat(recorded.deflected).containsExactly("de");
    }

    @Test
    void aConversationThatWentToTheAgentsIsNotDeflectedEvenAfterTheCustomerWentBackToTheBot() {
        handoff.upkeep();
        String id = answeredByTheBot("en");
        handoff.enqueue(id, "customer_request", null);
        handoff.cancel(id);

        clock.advance(QUIET.plusSeconds(1));
        handoff.upkeep();

        assertThat(recorded.deflected).isEmpty();
    }

    @Test
    void aRatingIsToldWithTheTeam() {
        String id = handoff.start("de").id();
        handoff.appendCustomerMessage(id, "c-1", "Hallo");
        handoff.enqueue(id, "customer_request", null);
        handoff.claim(id, "anna", "Anna");
        handoff.close(id, "anna");

        handoff.rate(id, 4);

        assertThat(recorded.ratings).containsExactly("none=4");
    }

    private String answeredByTheBot(String locale) {
        String id = handoff.start(locale).id();
        assertThat(handoff.answer(id, handoff.turnContext(id, "c-1"), "c-1", "Wie lange dauert der Versand?", "{}",
                List.of(Map.of("type", "bot", "kind", "answer", "text", "Zwei Tage.")))
                .stored()).isTrue();
        return id;
    }

    private static final class Recorded implements HandoffMetrics {
        final List<String> deflected = new CopyOnWriteArrayList<>();
        final List<String> ratings = new CopyOnWriteArrayList<>();

        @Override
        public void deflected(String language) {
            deflected.add(language);
        }

        @Override
        public void rated(String team, int score) {
            ratings.add((team == null ? "none" : team) + "=" + score);
        }
    }
}

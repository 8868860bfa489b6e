package io.lotse.handoff;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The customer message the bot still owes an answer, and that of several answers only the first is kept. */
class AnsweringTests {

    private static final TestRedis redis = new TestRedis();
    private static final List<Map<String, Object>> REPLY = List.of(Map.of("type", "bot", "kind", "answer", "text", "Hi"));

    private Handoff handoff;

    @BeforeEach
    void newHandoff() {
        handoff = redis.handoff(Clock.systemUTC()).handoff();
    }

    @AfterAll
    static void cleanUp() throws Exception {
        redis.close();
    }

    @Test
    void aCustomerMessageIsUnansweredUntilTheBotsTurnOnItIsStored() {
        String id = handoff.start("en").id();
        assertThat(handoff.unanswered(id)).isEmpty();

        long seq = handoff.appendCustomerMessage(id, "c-1", "Hello").seq();
        assertThat(handoff.unanswered(id)).hasValueSatisfying(frame -> {
            assertThat(frame.seq()).isEqualTo(seq);
            assertThat(frame.type()).isEqualTo("customer");
            assertThat(frame.json()).contains("\"text\":\"Hello\"");
        });

        assertThat(handoff.answerStored(id, seq, "{\"turn\":1}", REPLY).stored()).isTrue();
        assertThat(handoff.unanswered(id)).isEmpty();
        assertThat(handoff.answerStored(id, seq, "{\"turn\":2}", REPLY).stored()).as("a second answer to the same message").isFalse();
        assertThat(handoff.turnContext(id, null).botState()).isEqualTo("{\"turn\":1}");
    }

    @Test
    void aMessageFollowedByABotFrameOrNotWithTheBotIsNotUnanswered() {
        String id = handoff.start("en").id();
        handoff.answer(id, handoff.turnContext(id, "c-1"), "c-1", "Hello", "{}", REPLY);
        assertThat(handoff.unanswered(id)).isEmpty();

        handoff.appendCustomerMessage(id, "c-2", "A person, please");
        handoff.enqueue(id, "customer_request", null);
        handoff.appendCustomerMessage(id, "c-3", "Still there?");
        assertThat(handoff.unanswered(id)).as("the agent answers a queued conversation, not the bot").isEmpty();
    }

    @Test
    void anOlderMessageIsNotAnsweredAfterANewerOne() {
        String id = handoff.start("en").id();
        long first = handoff.appendCustomerMessage(id, "c-1", "One").seq();
        long second = handoff.appendCustomerMessage(id, "c-2", "Two").seq();
        assertThat(handoff.answerStored(id, first, "{\"turn\":1}", REPLY).stored()).as("a message with a later one after it").isFalse();
        assertThat(handoff.answerStored(id, second, "{\"turn\":2}", REPLY).stored()).isTrue();
        assertThat(handoff.answerStored(id, first, "{\"turn\":3}", REPLY).stored()).isFalse();
        assertThat(handoff.turnContext(id, null).botState()).isEqualTo("{\"turn\":2}");
    }
}

package io.lotse.handoff;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The customer message the bot still owes an answer, and that of several answers only the first is kept. */
class AnsweringTests {

    private static final TestRedis redis = new TestRedis();

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
    void aCustomerMessageIsUnansweredUntilTheBotStateForItIsSaved() {
        String id = handoff.start("en").id();
        assertThat(handoff.unanswered(id)).isEmpty();

        long seq = handoff.appendCustomerMessage(id, "c-1", "Hello").seq();
        assertThat(handoff.unanswered(id)).hasValueSatisfying(frame -> {
            assertThat(frame.seq()).isEqualTo(seq);
            assertThat(frame.type()).isEqualTo("customer");
            assertThat(frame.json()).contains("\"text\":\"Hello\"");
        });

        assertThat(handoff.saveBotState(id, "{\"turn\":1}", seq)).isTrue();
        assertThat(handoff.unanswered(id)).isEmpty();
        assertThat(handoff.saveBotState(id, "{\"turn\":2}", seq)).as("a second answer to the same message").isFalse();
        assertThat(handoff.botState(id)).contains("{\"turn\":1}");
    }

    @Test
    void aMessageFollowedByABotFrameOrNotWithTheBotIsNotUnanswered() {
        // Conversations stored before answers were recorded: a bot frame after the message answered it.
        String id = handoff.start("en").id();
        handoff.appendCustomerMessage(id, "c-1", "Hello");
        handoff.appendFrame(id, Map.of("type", "bot", "kind", "smalltalk", "text", "Hi"));
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
        assertThat(handoff.saveBotState(id, "{}", second)).isTrue();
        assertThat(handoff.saveBotState(id, "{}", first)).isFalse();
        handoff.saveBotState(id, "{\"any\":true}");
        assertThat(handoff.botState(id)).as("without a message, always stored").contains("{\"any\":true}");
    }
}

package io.lotse.handoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What an agent may do with a conversation, closing it, and the customer's rating. */
class AgentTests {

    private static final TestRedis redis = new TestRedis();

    private Handoff handoff;
    private String id;

    @BeforeEach
    void assignedToAnna() {
        handoff = redis.handoff(Clock.systemUTC()).handoff();
        id = handoff.start("de").id();
        handoff.appendCustomerMessage(id, "c-1", "Hilfe");
        handoff.enqueue(id, "customer_request", null);
        handoff.claim(id, "anna", "Anna");
    }

    @AfterAll
    static void cleanUp() throws Exception {
        redis.close();
    }

    @Test
    void storesTheAssignedAgentsMessages() {
        long seq = handoff.agentMessage(id, "anna", "Anna", "Hallo, ich bin Anna.");

        Frame frame = handoff.framesAfter(id, seq - 1).getFirst();
        assertThat(frame.seq()).isEqualTo(seq);
        assertThat(frame.type()).isEqualTo("agent");
        assertThat(frame.json()).startsWith("{\"type\":\"agent\",\"seq\":" + seq + ",\"text\":\"Hallo, ich bin Anna.\",\"agent\":\"Anna\",\"ts\":");
    }

    @Test
    void refusesMessagesOfOtherAgentsAndToConversationsNobodyHas() {
        assertThatThrownBy(() -> handoff.agentMessage(id, "ben", "Ben", "Ich auch"))
                .isInstanceOf(NotYourConversationException.class);
        String waiting = handoff.start("de").id();
        handoff.enqueue(waiting, "customer_request", null);
        assertThatThrownBy(() -> handoff.agentMessage(waiting, "anna", "Anna", "Hallo"))
                .isInstanceOf(NotYourConversationException.class);
        assertThatThrownBy(() -> handoff.close(id, "ben")).isInstanceOf(NotYourConversationException.class);
        assertThat(handoff.framesAfter(id, 0)).extracting(Frame::type).doesNotContain("agent");
    }

    @Test
    void keepsStoringTheCustomersMessagesForTheAgent() {
        AppendResult result = handoff.appendCustomerMessage(id, "c-2", "Noch da?");

        assertThat(result.duplicate()).isFalse();
        assertThat(handoff.find(id).orElseThrow().status()).isEqualTo(ConversationStatus.ASSIGNED);
    }

    @Test
    void closingAsksForARatingThatIsStoredOnce() {
        handoff.close(id, "anna");

        assertThat(handoff.find(id).orElseThrow().status()).isEqualTo(ConversationStatus.CLOSED);
        Frame closed = handoff.framesAfter(id, 0).getLast();
        assertThat(closed.json()).startsWith("{\"type\":\"handoff\",\"seq\":" + closed.seq()
                + ",\"status\":\"closed\",\"ratingRequested\":true,\"reason\":\"agent\",\"ts\":");
        assertThat(handoff.conversations(ConversationStatus.CLOSED)).extracting(Conversation::id).containsExactly(id);
        assertThat(handoff.conversations(ConversationStatus.ASSIGNED)).isEmpty();

        long seq = handoff.rate(id, 4);

        Frame rating = handoff.framesAfter(id, seq - 1).getFirst();
        assertThat(rating.json()).startsWith("{\"type\":\"rating\",\"seq\":" + seq + ",\"score\":4,\"ts\":");
        assertThat(handoff.find(id).orElseThrow().rating()).isEqualTo(4);
        assertThatThrownBy(() -> handoff.rate(id, 5))
                .isInstanceOf(InvalidRatingException.class)
                .hasMessageContaining("rated already");
        assertThat(handoff.find(id).orElseThrow().rating()).isEqualTo(4);
    }

    @Test
    void refusesRatingsOutOfRangeOrBeforeTheEnd() {
        assertThatThrownBy(() -> handoff.rate(id, 3))
                .isInstanceOf(InvalidRatingException.class)
                .hasMessageContaining("not ended");
        handoff.close(id, "anna");
        assertThatThrownBy(() -> handoff.rate(id, 0)).isInstanceOf(InvalidRatingException.class);
        assertThatThrownBy(() -> handoff.rate(id, 6)).isInstanceOf(InvalidRatingException.class);
        assertThat(handoff.find(id).orElseThrow().rating()).isNull();
    }

    @Test
    void aClosedConversationTakesNoMoreMessages() {
        handoff.close(id, "anna");
        long frames = handoff.framesAfter(id, 0).size();

        assertThatThrownBy(() -> handoff.appendCustomerMessage(id, "c-9", "Hallo?"))
                .isInstanceOf(ConversationClosedException.class);
        assertThatThrownBy(() -> handoff.agentMessage(id, "anna", "Anna", "Noch etwas"))
                .isInstanceOf(ConversationClosedException.class);
        assertThatThrownBy(() -> handoff.answer(id, handoff.turnContext(id, "c-9"), "c-9", "Hallo?", "{}",
                List.of(Map.of("type", "bot", "text", "Hallo"))))
                .isInstanceOf(ConversationClosedException.class);
        assertThatThrownBy(() -> handoff.close(id, "anna")).isInstanceOf(ConversationClosedException.class);
        assertThat(handoff.framesAfter(id, 0)).hasSize((int) frames);
    }

    @Test
    void theBotsConversationsCannotBeClosedByAnAgent() {
        String withBot = handoff.start("en").id();

        assertThatThrownBy(() -> handoff.close(withBot, "anna")).isInstanceOf(NotQueuedException.class);
    }
}

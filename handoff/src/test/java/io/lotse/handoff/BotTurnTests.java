package io.lotse.handoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A bot's turn, the customer's message with the bot's frames and state, is stored in one step or not at all. */
class BotTurnTests {

    private static final TestRedis redis = new TestRedis();
    private static final List<Map<String, Object>> REPLY = List.of(
            Map.of("type", "bot", "kind", "answer", "text", "Like this."),
            Map.of("type", "bot", "kind", "followup", "text", "Did that help?"));

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
    void storesTheMessageTheBotFramesAndTheStateTogether() {
        String id = handoff.start("en").id();
        TurnContext read = handoff.turnContext(id, "c-1");
        assertThat(read).isEqualTo(new TurnContext(ConversationStatus.BOT, "en", null, 0, 0, 0));

        TurnResult turn = handoff.answer(id, read, "c-1", "How?", "{\"turn\":1}", REPLY);

        assertThat(turn.outcome()).isEqualTo(TurnResult.Outcome.STORED);
        assertThat(turn.customerSeq()).isEqualTo(1);
        assertThat(turn.frames()).extracting(Frame::seq).containsExactly(1L, 2L, 3L);
        assertThat(turn.frames()).extracting(Frame::type).containsExactly("customer", "bot", "bot");
        assertThat(turn.frames()).as("the frames returned are the frames stored").isEqualTo(handoff.framesAfter(id, 0));
        assertThat(turn.frames().getFirst().json()).startsWith("{\"type\":\"customer\",\"seq\":1,\"id\":\"c-1\",\"text\":\"How?\"");
        assertThat(handoff.turnContext(id, null).botState()).isEqualTo("{\"turn\":1}");
        assertThat(handoff.unanswered(id)).isEmpty();
        assertThat(handoff.find(id).orElseThrow().lastCustomerText()).isEqualTo("How?");
        assertThat(handoff.turnContext(id, "c-1")).isEqualTo(new TurnContext(ConversationStatus.BOT, "en", "{\"turn\":1}", 3, 1, 1));
    }

    @Test
    void announcesTheTurnOnceWithItsLastFrame() throws Exception {
        BlockingQueue<HandoffEvent> events = new LinkedBlockingQueue<>();
        handoff.subscribe(events::add);
        String id = handoff.start("en").id();
        handoff.answer(id, handoff.turnContext(id, "c-1"), "c-1", "How?", "{}", REPLY);
        handoff.appendCustomerMessage(id, "c-2", "And then?");

        assertThat(events.poll(5, TimeUnit.SECONDS)).isEqualTo(new HandoffEvent.FrameAppended(id, 3));
        assertThat(events.poll(5, TimeUnit.SECONDS)).isEqualTo(new HandoffEvent.FrameAppended(id, 4));
    }

    @Test
    void storesNothingWhenFramesCameAfterTheStateWasRead() {
        String id = handoff.start("en").id();
        TurnContext read = handoff.turnContext(id, "c-1");
        handoff.answer(id, handoff.turnContext(id, "c-2"), "c-2", "Other tab", "{\"turn\":\"other\"}", REPLY);

        TurnResult turn = handoff.answer(id, read, "c-1", "How?", "{\"turn\":1}", REPLY);

        assertThat(turn.outcome()).isEqualTo(TurnResult.Outcome.STALE);
        assertThat(turn.frames()).isEmpty();
        assertThat(handoff.lastSeq(id)).isEqualTo(3);
        assertThat(handoff.turnContext(id, null).botState()).isEqualTo("{\"turn\":\"other\"}");
        assertThat(handoff.turnContext(id, "c-1").storedSeq()).as("the message was not stored").isZero();
    }

    @Test
    void aRepeatedClientIdStoresNothing() {
        String id = handoff.start("en").id();
        handoff.answer(id, handoff.turnContext(id, "c-1"), "c-1", "How?", "{}", REPLY);
        TurnContext again = handoff.turnContext(id, "c-1");
        assertThat(again.storedSeq()).isEqualTo(1);
        assertThat(again.storedUnanswered()).isFalse();

        TurnResult turn = handoff.answer(id, handoff.turnContext(id, "c-1"), "c-1", "How?", "{}", REPLY);

        assertThat(turn.outcome()).isEqualTo(TurnResult.Outcome.DUPLICATE);
        assertThat(turn.customerSeq()).isEqualTo(1);
        assertThat(handoff.lastSeq(id)).isEqualTo(3);
    }

    @Test
    void theBotStaysSilentOnceTheConversationWaitsForAnAgent() {
        String id = handoff.start("en").id();
        TurnContext read = handoff.turnContext(id, "c-1");
        handoff.enqueue(id, "customer_request", null);

        TurnResult turn = handoff.answer(id, read, "c-1", "How?", "{}", REPLY);

        assertThat(turn.outcome()).isEqualTo(TurnResult.Outcome.NOT_WITH_BOT);
        assertThat(handoff.framesAfter(id, 0)).extracting(Frame::type).containsExactly("handoff");
        assertThat(handoff.turnContext(id, "c-1").status()).isEqualTo(ConversationStatus.QUEUED);
    }

    @Test
    void answersAStoredMessageOnceAndOnlyWhileItIsTheLastFrame() {
        String id = handoff.start("en").id();
        long seq = handoff.appendCustomerMessage(id, "c-1", "How?").seq();
        assertThat(handoff.turnContext(id, "c-1").storedUnanswered()).isTrue();

        TurnResult first = handoff.answerStored(id, seq, "{\"turn\":1}", REPLY);
        TurnResult second = handoff.answerStored(id, seq, "{\"turn\":2}", REPLY);

        assertThat(first.outcome()).isEqualTo(TurnResult.Outcome.STORED);
        assertThat(first.frames()).extracting(Frame::seq).containsExactly(2L, 3L);
        assertThat(second.outcome()).as("the message is no longer the last frame").isEqualTo(TurnResult.Outcome.STALE);
        assertThat(handoff.turnContext(id, null).botState()).isEqualTo("{\"turn\":1}");
        assertThat(handoff.unanswered(id)).isEmpty();
        assertThat(handoff.turnContext(id, "c-1").storedUnanswered()).isFalse();
    }

    @Test
    void aClosedOrUnknownConversationTakesNoTurn() {
        assertThatThrownBy(() -> handoff.turnContext("nope", "c-1")).isInstanceOf(ConversationNotFoundException.class);
        String id = handoff.start("en").id();
        TurnContext read = handoff.turnContext(id, "c-1");
        handoff.enqueue(id, "customer_request", null);
        handoff.close(id, "anna");

        assertThatThrownBy(() -> handoff.answer(id, read, "c-1", "How?", "{}", REPLY))
                .isInstanceOf(ConversationClosedException.class);
        assertThat(handoff.turnContext(id, null).status()).isEqualTo(ConversationStatus.CLOSED);
    }
}

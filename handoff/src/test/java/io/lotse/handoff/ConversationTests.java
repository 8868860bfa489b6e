package io.lotse.handoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lotse.handoff.store.Keys;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Starting conversations, storing the customer's and the bot's frames, reading them back, expiry. */
class ConversationTests {

    private static final TestRedis redis = new TestRedis();
    private static final Instant START = Instant.parse("2026-11-22T14:03:11.204Z");

    private final JsonMapper json = new JsonMapper();
    private final MutableClock clock = new MutableClock(START);
    private Handoff handoff;
    private Keys keys;

    @BeforeEach
    void newHandoff() {
        TestRedis.Fixture fixture = redis.handoff(clock);
        handoff = fixture.handoff();
        keys = fixture.keys();
    }

    @AfterAll
    static void cleanUp() throws Exception {
        redis.close();
    }

    @Test
    void startsAConversationWithTheBotThatCanBeFound() {
        Conversation started = handoff.start("de");

        assertThat(started.id()).matches("[0-9a-f]{32}");
        assertThat(started.status()).isEqualTo(ConversationStatus.BOT);
        assertThat(handoff.find(started.id())).contains(
                new Conversation(started.id(), "de", ConversationStatus.BOT, null, null, START, null, null, null, null, null, null,
                        null, null, null, null, 0, null));
        assertThat(handoff.start("de").id()).isNotEqualTo(started.id());
    }

    @Test
    void findsNothingForUnknownOrMalformedIds() {
        assertThat(handoff.find("0123456789abcdef0123456789abcdef")).isEmpty();
        assertThat(handoff.find("x}:meta{")).isEmpty();
        assertThat(handoff.find(null)).isEmpty();
        assertThat(handoff.framesAfter("nope", 0)).isEmpty();
        assertThatThrownBy(() -> handoff.appendCustomerMessage("nope", "c-1", "Hallo"))
                .isInstanceOf(ConversationNotFoundException.class)
                .satisfies(e -> assertThat(((ConversationNotFoundException) e).conversationId()).isEqualTo("nope"));
        assertThatThrownBy(() -> handoff.appendCustomerMessage("../{x}", "c-1", "Hallo"))
                .isInstanceOf(ConversationNotFoundException.class);
    }

    @Test
    void storesTheCustomerFrameInTheProtocolsShape() {
        String id = handoff.start("de").id();

        AppendResult result = handoff.appendCustomerMessage(id, "c-1", "Wie lange dauert der \"Versand\"? <b>ö</b>");

        assertThat(result).isEqualTo(new AppendResult(1, false));
        assertThat(handoff.framesAfter(id, 0)).containsExactly(new Frame(1, "customer",
                "{\"type\":\"customer\",\"seq\":1,\"id\":\"c-1\",\"text\":\"Wie lange dauert der \\\"Versand\\\"? <b>ö</b>\","
                        + "\"ts\":\"2026-11-22T14:03:11.204Z\"}"));
    }

    @Test
    void storesARepeatedClientIdOnlyOnce() {
        String id = handoff.start("en").id();
        handoff.appendCustomerMessage(id, "c-1", "first");
        handoff.appendCustomerMessage(id, "c-2", "second");

        AppendResult again = handoff.appendCustomerMessage(id, "c-1", "first, sent again");

        assertThat(again).isEqualTo(new AppendResult(1, true));
        assertThat(handoff.framesAfter(id, 0)).extracting(Frame::seq).containsExactly(1L, 2L);
        assertThat(text(handoff.framesAfter(id, 0).get(0))).isEqualTo("first");
        // Client ids belong to one conversation.
        String other = handoff.start("en").id();
        assertThat(handoff.appendCustomerMessage(other, "c-1", "elsewhere")).isEqualTo(new AppendResult(1, false));
    }

    @Test
    void storesBotFramesWithSeqAfterTypeAndTheTimeOfTheClock() {
        String id = handoff.start("de").id();
        TurnContext read = handoff.turnContext(id, "c-1");
        clock.advance(Duration.ofMillis(1500));
        Map<String, Object> bot = new LinkedHashMap<>();
        bot.put("type", "bot");
        bot.put("kind", "answer");
        bot.put("text", "2–3 Werktage");
        bot.put("articleId", null);
        bot.put("confidence", 0.86);
        bot.put("seq", 99);

        long seq = handoff.answer(id, read, "c-1", "Versand?", "{}", List.of(bot)).frames().getLast().seq();

        assertThat(seq).isEqualTo(2);
        Frame frame = handoff.framesAfter(id, 1).getFirst();
        assertThat(frame.seq()).isEqualTo(2);
        assertThat(frame.type()).isEqualTo("bot");
        assertThat(frame.json()).startsWith("{\"type\":\"bot\",\"seq\":2,\"kind\":\"answer\"");
        JsonNode node = json.readTree(frame.json());
        assertThat(node.get("articleId").isNull()).isTrue();
        assertThat(node.get("confidence").asDouble()).isEqualTo(0.86);
        assertThat(node.get("ts").asString()).isEqualTo("2026-11-22T14:03:12.704Z");
        assertThatThrownBy(() -> handoff.answer(id, handoff.turnContext(id, "c-2"), "c-2", "Und?", "{}",
                List.of(Map.of("text", "no type"))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readsFramesAfterAGivenSeq() {
        String id = handoff.start("en").id();
        for (int i = 1; i <= 5; i++) {
            handoff.appendCustomerMessage(id, "c-" + i, "message " + i);
        }

        assertThat(handoff.framesAfter(id, 3)).extracting(Frame::seq).containsExactly(4L, 5L);
        assertThat(handoff.framesAfter(id, 3)).extracting(this::text).containsExactly("message 4", "message 5");
        assertThat(handoff.framesAfter(id, 5)).isEmpty();
        assertThat(handoff.framesAfter(id, 9)).isEmpty();
        assertThat(handoff.framesAfter(id, -1)).hasSize(5);
    }

    @Test
    void keepsTheBotStateWithTheConversation() {
        String id = handoff.start("de").id();
        assertThat(handoff.turnContext(id, null).botState()).isNull();

        List<Map<String, Object>> reply = List.of(Map.of("type", "bot", "kind", "answer", "text", "Ja."));
        handoff.answer(id, handoff.turnContext(id, "c-1"), "c-1", "Eins?", "{\"unanswered\":1}", reply);
        handoff.answer(id, handoff.turnContext(id, "c-2"), "c-2", "Zwei?", "{\"unanswered\":2}", reply);

        assertThat(handoff.turnContext(id, null).botState()).isEqualTo("{\"unanswered\":2}");
        String unknown = "0123456789abcdef0123456789abcdef";
        assertThatThrownBy(() -> handoff.answer(unknown, new TurnContext(ConversationStatus.BOT, "de", null, 0, 0, 0), "c-1",
                "Eins?", "{}", reply))
                .isInstanceOf(ConversationNotFoundException.class);
    }

    @Test
    void letsAConversationLeftWithTheBotExpireButKeepsQueuedOnes() {
        String id = handoff.start("de").id();
        handoff.appendCustomerMessage(id, "c-1", "Hallo");
        long retention = TestRedis.RETENTION.toMillis();

        for (String key : new String[] {keys.meta(id), keys.frames(id), keys.ids(id)}) {
            assertThat(redis.connection.sync().pttl(key)).as(key).isBetween(1L, retention);
        }

        handoff.enqueue(id, "customer_request", null);
        for (String key : new String[] {keys.meta(id), keys.frames(id), keys.ids(id)}) {
            assertThat(redis.connection.sync().pttl(key)).as(key).isEqualTo(-1L);
        }
    }

    @Test
    void expiresAClosedConversationAfterTheRetention() {
        String id = handoff.start("de").id();
        handoff.appendCustomerMessage(id, "c-1", "Hallo");
        handoff.enqueue(id, "customer_request", null);
        handoff.claim(id, "anna", "Anna");
        handoff.agentMessage(id, "anna", "Anna", "Hallo, ich bin Anna.");

        handoff.close(id, "anna");

        long retention = TestRedis.RETENTION.toMillis();
        for (String key : new String[] {keys.meta(id), keys.frames(id), keys.ids(id)}) {
            assertThat(redis.connection.sync().pttl(key)).as(key).isBetween(1L, retention);
        }
        handoff.rate(id, 5);
        assertThat(redis.connection.sync().pttl(keys.frames(id))).isBetween(1L, retention);
    }

    @Test
    void listsConversationsByStatus() {
        String withBot = handoff.start("de").id();
        String waiting = handoff.start("de").id();
        String assigned = handoff.start("en").id();
        handoff.enqueue(waiting, "low_confidence", null);
        handoff.enqueue(assigned, "customer_request", "{\"reason\":\"customer_request\"}");
        handoff.claim(assigned, "anna", "Anna");

        assertThat(handoff.conversations(ConversationStatus.BOT)).extracting(Conversation::id).containsExactly(withBot);
        assertThat(handoff.conversations(ConversationStatus.QUEUED)).extracting(Conversation::id).containsExactly(waiting);
        assertThat(handoff.conversations(ConversationStatus.ASSIGNED)).singleElement().satisfies(c -> {
            assertThat(c.id()).isEqualTo(assigned);
            assertThat(c.agent()).isEqualTo("anna");
            assertThat(c.agentDisplayName()).isEqualTo("Anna");
            assertThat(c.queuedAt()).isEqualTo(START);
            assertThat(c.handoffReason()).isEqualTo("customer_request");
            assertThat(c.handoffContext()).isEqualTo("{\"reason\":\"customer_request\"}");
        });
        assertThat(handoff.conversations(ConversationStatus.CLOSED)).isEmpty();
    }

    private String text(Frame frame) {
        return json.readTree(frame.json()).get("text").asString();
    }
}

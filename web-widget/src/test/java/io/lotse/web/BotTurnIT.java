package io.lotse.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.lotse.handoff.Frame;
import io.lotse.handoff.Handoff;
import io.lotse.handoff.HandoffEvent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * A bot's turn is stored in one step: the customer's message and the bot's answer follow each other
 * in the transcript, whatever else happens at the same time, and a customer who sends a message
 * again after a dropped connection gets it and its answer once.
 */
class BotTurnIT extends AppIT {

    /** Example questions of the test knowledge base, each answered with its article. */
    private static final List<String> QUESTIONS = List.of("Download my invoice", "Where do I get a return label?",
            "When will my parcel arrive?", "I need a copy of my bill", "I want to send something back",
            "What is the delivery time?");

    @Autowired
    Handoff handoff;

    @Test
    void aTurnIsAnnouncedOnceWithItsLastFrame() throws Exception {
        BlockingQueue<HandoffEvent.FrameAppended> announced = new LinkedBlockingQueue<>();
        try (ChatClient customer = connect("lang=en")) {
            String conversationId = customer.next("welcome").path("conversationId").asString();
            try (AutoCloseable subscription = handoff.subscribe(event -> {
                if (event instanceof HandoffEvent.FrameAppended frame && frame.conversationId().equals(conversationId)) {
                    announced.add(frame);
                }
            })) {
                customer.message("e-1", QUESTIONS.get(0));
                assertThat(customer.drain()).extracting(f -> f.path("seq").asLong()).containsExactly(1L, 2L);
                customer.message("e-2", QUESTIONS.get(1));
                assertThat(customer.drain()).extracting(f -> f.path("seq").asLong()).containsExactly(3L, 4L);

                // Events arrive in the order they were published: once the second turn's is here, the first's are too.
                List<Long> seqs = new ArrayList<>();
                while (!seqs.contains(4L)) {
                    HandoffEvent.FrameAppended next = announced.poll(10, TimeUnit.SECONDS);
                    assertThat(next).as("an announcement of the turns").isNotNull();
                    seqs.add(next.seq());
                }
                assertThat(seqs).containsExactly(2L, 4L);
            }
        }
    }

    @Test
    void messagesFromTwoTabsAtOnceEachHaveTheirAnswerRightAfterThem() {
        try (ChatClient first = connect("lang=en")) {
            JsonNode welcome = first.next("welcome");
            String conversationId = welcome.path("conversationId").asString();
            try (ChatClient second = connect("lang=en&token=" + welcome.path("token").asString())) {
                second.next("welcome");
                for (int round = 0; round < QUESTIONS.size() / 2; round++) {
                    String one = QUESTIONS.get(2 * round);
                    String other = QUESTIONS.get(2 * round + 1);
                    String firstId = "t1-" + round;
                    String secondId = "t2-" + round;
                    CompletableFuture.allOf(
                            CompletableFuture.runAsync(() -> first.message(firstId, one)),
                            CompletableFuture.runAsync(() -> second.message(secondId, other))).join();
                }
                long last = 2L * QUESTIONS.size();
                List<JsonNode> toFirst = first.until(f -> f.path("seq").asLong() == last);
                List<JsonNode> toSecond = second.until(f -> f.path("seq").asLong() == last);
                assertThat(seqsOf(toFirst)).as("every frame once, in order").isEqualTo(seqsOf(toSecond)).hasSize((int) last)
                        .isSorted().doesNotHaveDuplicates();
                assertThat(first.drain()).isEmpty();
                assertThat(second.drain()).isEmpty();
            }
            List<Frame> frames = handoff.framesAfter(conversationId, 0);
            assertThat(frames).extracting(Frame::type).as("each message, then its answer")
                    .containsExactlyElementsOf(List.of("customer", "bot", "customer", "bot", "customer", "bot",
                            "customer", "bot", "customer", "bot", "customer", "bot"));
            for (int i = 0; i < frames.size(); i += 2) {
                JsonNode message = Api.JSON.readTree(frames.get(i).json());
                JsonNode answer = Api.JSON.readTree(frames.get(i + 1).json());
                assertThat(answer.path("articleId").asString()).as("the answer to " + message.path("text").asString())
                        .isEqualTo(articleOf(message.path("text").asString()));
            }
        }
    }

    @Test
    void aMessageSentAgainAfterADroppedConnectionIsStoredAndAnsweredOnce() {
        String token;
        String conversationId;
        try (ChatClient customer = connect("lang=en")) {
            JsonNode welcome = customer.next("welcome");
            token = welcome.path("token").asString();
            conversationId = welcome.path("conversationId").asString();
            customer.message("d-1", QUESTIONS.get(2));
            // The connection drops before the client saw anything of it.
        }
        try (ChatClient resumed = connect("lang=en&token=" + token + "&after=0")) {
            resumed.next("welcome");
            // The client's outbox sends what it did not see confirmed again, with the same id.
            resumed.message("d-1", QUESTIONS.get(2));
            List<JsonNode> frames = resumed.drain();
            assertThat(frames).extracting(f -> f.path("type").asString()).containsExactly("customer", "bot");
            assertThat(frames.getFirst().path("id").asString()).isEqualTo("d-1");
            assertThat(frames.getLast().path("articleId").asString()).isEqualTo("t-en-shipping");
            assertThat(frames.getLast().has("decision")).as("the engine's decision is for agents only").isFalse();
        }
        try (ChatClient again = connect("lang=en&token=" + token + "&after=2")) {
            again.next("welcome");
            again.message("d-1", QUESTIONS.get(2));
            assertThat(again.drain()).isEmpty();
        }
        assertThat(handoff.framesAfter(conversationId, 0)).extracting(Frame::type).containsExactly("customer", "bot");
    }

    private static List<Long> seqsOf(List<JsonNode> frames) {
        List<Long> seqs = new ArrayList<>();
        Set<String> types = new HashSet<>(List.of("customer", "bot"));
        frames.stream().filter(f -> types.contains(f.path("type").asString())).forEach(f -> seqs.add(f.path("seq").asLong()));
        return seqs;
    }

    private static String articleOf(String question) {
        return switch (QUESTIONS.indexOf(question) % 3) {
            case 0 -> "t-en-invoice";
            case 1 -> "t-en-returns";
            default -> "t-en-shipping";
        };
    }
}

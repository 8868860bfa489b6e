package io.lotse.handoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The queue: order, positions told to the customer, claims by competing agents, the wait estimate. */
class QueueTests {

    private static final TestRedis redis = new TestRedis();
    private static final Instant START = Instant.parse("2026-11-22T14:00:00Z");

    private final JsonMapper json = new JsonMapper();
    private final MutableClock clock = new MutableClock(START);
    private Handoff handoff;

    @BeforeEach
    void newHandoff() {
        handoff = redis.handoff(clock).handoff();
    }

    @AfterAll
    static void cleanUp() throws Exception {
        redis.close();
    }

    @Test
    void queuesLongestWaitingFirstWithTheirPositions() {
        String first = waiting("de", "Ich möchte mit einem Menschen sprechen");
        clock.advance(Duration.ofSeconds(5));
        String second = waiting("en", "Still broken");

        assertThat(handoff.queue()).containsExactly(
                new QueueEntry(first, "de", START, 1, "customer_request", "Ich möchte mit einem Menschen sprechen", null, null, null,
                        START.plusSeconds(120), false),
                new QueueEntry(second, "en", START.plusSeconds(5), 2, "customer_request", "Still broken", null, null, null,
                        START.plusSeconds(125), false));
        assertThat(queuedFrames(first)).singleElement().satisfies(frame -> {
            assertThat(frame.get("position").asInt()).isEqualTo(1);
            assertThat(frame.get("estimatedWaitSeconds").isNull()).isTrue();
        });
        assertThat(queuedFrames(second)).extracting(f -> f.get("position").asInt()).containsExactly(2);
        assertThat(handoff.find(first).orElseThrow().status()).isEqualTo(ConversationStatus.QUEUED);
    }

    @Test
    void enqueueReturnsTheEntryAndQueuingTwiceChangesNothing() {
        String id = handoff.start("de").id();
        handoff.appendCustomerMessage(id, "c-1", "Mensch bitte");

        QueueEntry entry = handoff.enqueue(id, "customer_request", "{\"a\":1}");
        clock.advance(Duration.ofSeconds(30));
        QueueEntry again = handoff.enqueue(id, "low_confidence", "{\"a\":2}");

        assertThat(entry).isEqualTo(new QueueEntry(id, "de", START, 1, "customer_request", "Mensch bitte", null, null, null,
                START.plusSeconds(120), false));
        assertThat(again).isEqualTo(entry);
        assertThat(handoff.framesAfter(id, 0)).extracting(Frame::type).containsExactly("customer", "handoff");
        assertThat(handoff.find(id).orElseThrow().handoffContext()).isEqualTo("{\"a\":1}");
    }

    @Test
    void refusesToQueueAssignedOrClosedConversations() {
        String id = waiting("de", "Hilfe");
        handoff.claim(id, "anna", "Anna");

        assertThatThrownBy(() -> handoff.enqueue(id, "customer_request", null))
                .isInstanceOf(NotQueuedException.class)
                .hasMessageContaining("an agent already has it");
        handoff.close(id, "anna");
        assertThatThrownBy(() -> handoff.enqueue(id, "customer_request", null))
                .isInstanceOf(ConversationClosedException.class);
    }

    @Test
    void claimAssignsTheConversationAndTellsTheCustomer() {
        String id = waiting("de", "Hilfe");

        Conversation claimed = handoff.claim(id, "anna", "Anna");

        assertThat(claimed.status()).isEqualTo(ConversationStatus.ASSIGNED);
        assertThat(claimed.agent()).isEqualTo("anna");
        assertThat(claimed.agentDisplayName()).isEqualTo("Anna");
        assertThat(handoff.queue()).isEmpty();
        Frame last = handoff.framesAfter(id, 0).getLast();
        assertThat(last.json()).isEqualTo("{\"type\":\"handoff\",\"seq\":3,\"status\":\"assigned\",\"agent\":\"Anna\","
                + "\"ts\":\"2026-11-22T14:00:00Z\"}");
        // The same agent claiming again (a double click) changes nothing.
        assertThat(handoff.claim(id, "anna", "Anna")).isEqualTo(claimed);
        assertThat(handoff.framesAfter(id, 3)).isEmpty();
    }

    @Test
    void claimRefusesWhatIsNotWaiting() {
        String withBot = handoff.start("de").id();
        String taken = waiting("de", "Hilfe");
        handoff.claim(taken, "anna", "Anna");

        assertThatThrownBy(() -> handoff.claim(withBot, "ben", "Ben"))
                .isInstanceOf(NotQueuedException.class)
                .satisfies(e -> assertThat(((NotQueuedException) e).status()).isEqualTo(ConversationStatus.BOT));
        assertThatThrownBy(() -> handoff.claim(taken, "ben", "Ben")).isInstanceOf(AlreadyClaimedException.class);
        assertThatThrownBy(() -> handoff.claim("0123456789abcdef0123456789abcdef", "ben", "Ben"))
                .isInstanceOf(ConversationNotFoundException.class);
        handoff.close(taken, "anna");
        assertThatThrownBy(() -> handoff.claim(taken, "ben", "Ben")).isInstanceOf(ConversationClosedException.class);
    }

    @Test
    void exactlyOneOfTwoAgentsClaimingAtOnceGetsTheConversation() throws Exception {
        ExecutorService agents = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 25; round++) {
                String id = waiting("de", "Hilfe " + round);
                CyclicBarrier together = new CyclicBarrier(2);
                List<Future<String>> results = new ArrayList<>();
                for (String agent : List.of("anna", "ben")) {
                    results.add(agents.submit(() -> {
                        together.await(10, TimeUnit.SECONDS);
                        try {
                            return handoff.claim(id, agent, agent.toUpperCase()).agent();
                        } catch (AlreadyClaimedException e) {
                            return "lost";
                        }
                    }));
                }
                List<String> outcomes = new ArrayList<>();
                for (Future<String> result : results) {
                    outcomes.add(result.get(10, TimeUnit.SECONDS));
                }

                assertThat(outcomes).as("round %d", round).containsOnlyOnce("lost").hasSize(2);
                String winner = outcomes.stream().filter(o -> !o.equals("lost")).findFirst().orElseThrow();
                assertThat(handoff.find(id).orElseThrow().agent()).isEqualTo(winner);
                assertThat(handoff.framesAfter(id, 0))
                        .filteredOn(f -> f.json().contains("\"status\":\"assigned\""))
                        .hasSize(1);
            }
            assertThat(handoff.queue()).isEmpty();
        } finally {
            agents.shutdownNow();
        }
    }

    @Test
    void positionsAreReadFromTheQueueWithoutWritingToTheOtherWaitingConversations() {
        String first = waiting("de", "eins");
        String second = waiting("de", "zwei");
        String third = waiting("de", "drei");

        handoff.claim(second, "anna", "Anna");

        assertThat(handoff.queue()).extracting(QueueEntry::conversationId, QueueEntry::position)
                .containsExactly(tuple(first, 1), tuple(third, 2));
        assertThat(handoff.entry(third).position()).isEqualTo(2);
        assertThat(queuedFrames(third)).extracting(f -> f.get("position").asInt()).containsExactly(3);

        handoff.close(first, "ben");

        assertThat(handoff.position(third, null)).isEqualTo(1);
        assertThat(queuedFrames(third)).hasSize(1);
        assertThat(handoff.framesAfter(first, 0).getLast().json()).contains("\"status\":\"closed\",\"ratingRequested\":false");
        assertThat(handoff.queue()).extracting(QueueEntry::conversationId).containsExactly(third);
    }

    @Test
    void estimatesTheWaitFromHandlingTimesAndTheSeatsOfOnlineAgents() {
        String first = waiting("de", "eins");
        assertThat(handoff.estimatedWait(null, 1)).as("nobody online: nobody can say").isEmpty();
        assertThat(lastQueued(first).get("estimatedWaitSeconds").isNull()).isTrue();

        handoff.registerAgents(List.of(new AgentProfile("anna", "Anna", List.of(), 2)));
        handoff.setPresence("anna", AgentStatus.ONLINE);
        assertThat(handoff.find(first).orElseThrow().agent()).isEqualTo("anna");
        assertThat(handoff.estimatedWait(null, 1)).contains(Duration.ofSeconds(150));

        clock.advance(Duration.ofSeconds(60));
        handoff.close(first, "anna");
        assertThat(handoff.estimatedWait(null, 3)).as("60 s handled, two seats").contains(Duration.ofSeconds(90));
    }

    @Test
    void tellsThePlacesOfManyConversationsAtOnce() {
        List<String> queued = new ArrayList<>();
        for (int i = 0; i < 70; i++) {
            String id = handoff.start("en").id();
            handoff.enqueue(id, "customer_request", null);
            queued.add(id);
        }
        String withTheBot = handoff.start("en").id();
        List<String> asked = new ArrayList<>(queued);
        asked.add(withTheBot);

        assertThat(handoff.places(asked)).as("many: the queues read whole").hasSize(71)
                .containsEntry(queued.getFirst(), new QueuePlace(queued.getFirst(), null, 1))
                .containsEntry(queued.get(41), new QueuePlace(queued.get(41), null, 42))
                .containsEntry(queued.getLast(), new QueuePlace(queued.getLast(), null, 70))
                .containsEntry(withTheBot, new QueuePlace(withTheBot, null, 0));
        handoff.claim(queued.getFirst(), "anna", "Anna");
        assertThat(handoff.places(List.of(queued.getFirst(), queued.get(41), withTheBot))).as("a few: rank by rank")
                .containsOnly(
                        Map.entry(queued.getFirst(), new QueuePlace(queued.getFirst(), null, 0)),
                        Map.entry(queued.get(41), new QueuePlace(queued.get(41), null, 41)),
                        Map.entry(withTheBot, new QueuePlace(withTheBot, null, 0)));
        assertThat(handoff.places(asked).get(queued.getLast()).position()).isEqualTo(69);
    }

    @Test
    void pagesTheQueueByCursor() {
        List<String> queued = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            queued.add(waiting("en", "Person please " + i));
        }
        QueuePage first = handoff.queuePage(0, 2);
        assertThat(first.entries()).extracting(QueueEntry::conversationId).containsExactlyElementsOf(queued.subList(0, 2));
        assertThat(first.total()).isEqualTo(5);
        handoff.claim(queued.get(0), "anna", "Anna");

        QueuePage second = handoff.queuePage(first.next(), 2);
        assertThat(second.entries()).extracting(QueueEntry::conversationId).containsExactlyElementsOf(queued.subList(2, 4));
        assertThat(second.total()).isEqualTo(4);
        QueuePage last = handoff.queuePage(second.next(), 2);
        assertThat(last.entries()).extracting(QueueEntry::conversationId).containsExactly(queued.get(4));
        assertThat(last.next()).isNull();
        assertThat(handoff.queuePage(3, 2).entries()).extracting(QueueEntry::conversationId).containsExactly(queued.get(4));
        assertThatThrownBy(() -> handoff.queuePage("not-a-cursor", 2)).isInstanceOf(IllegalArgumentException.class);
    }

    private String waiting(String locale, String text) {
        String id = handoff.start(locale).id();
        handoff.appendCustomerMessage(id, "c-1", text);
        handoff.enqueue(id, "customer_request", null);
        return id;
    }

    private List<JsonNode> queuedFrames(String id) {
        return handoff.framesAfter(id, 0).stream()
                .map(f -> json.readTree(f.json()))
                .filter(f -> f.get("type").asString().equals("handoff") && f.get("status").asString().equals("queued"))
                .toList();
    }

    private JsonNode lastQueued(String id) {
        return queuedFrames(id).getLast();
    }
}

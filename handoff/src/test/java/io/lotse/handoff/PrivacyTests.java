package io.lotse.handoff;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.api.sync.RedisCommands;
import io.lotse.handoff.hours.BusinessHours;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Export, erasure (by conversation and by customer) and retention in every status, on real Redis. */
class PrivacyTests {

    private static final TestRedis redis = new TestRedis();
    private static final Instant START = Instant.parse("2026-12-07T09:00:00Z");
    private static final Duration OPEN_RETENTION = Duration.ofDays(7);

    private final MutableClock clock = new MutableClock(START);
    private TestRedis.Fixture node;
    private Handoff handoff;

    @BeforeEach
    void newHandoff() {
        node = redis.handoff(clock, prefix -> new HandoffSettings(prefix, TestRedis.RETENTION, Duration.ofSeconds(60),
                Duration.ofDays(365), Duration.ofMinutes(2), Map.of(), BusinessHours.always(), Map.of(), OPEN_RETENTION));
        handoff = node.handoff();
        handoff.registerAgents(List.of(new AgentProfile("anna", "Anna", List.of(), 3)));
    }

    @AfterAll
    static void cleanUp() throws Exception {
        redis.close();
    }

    @Test
    void exportsEverythingStoredAboutAConversation() {
        String id = handoff.start("de").id();
        handoff.identify(id, new Customer("kunde-7", "Kim Kunde", "kim@example.com", "A"));
        handoff.appendCustomerMessage(id, "c-1", "Meine Karte wurde zweimal belastet");
        handoff.enqueue(id, "customer_request", "{\"reason\":\"customer_request\"}");
        handoff.claim(id, "anna", "Anna");
        handoff.agentMessage(id, "anna", "Anna", "Ich sehe nach.");
        handoff.addNote(id, "anna", "Kundin ruft oft an");
        handoff.close(id, "anna");
        handoff.rate(id, 5);

        ConversationExport export = handoff.export(id).orElseThrow();

        assertThat(export.conversation().id()).isEqualTo(id);
        assertThat(export.conversation().status()).isEqualTo(ConversationStatus.CLOSED);
        assertThat(export.frames()).extracting(Frame::type).containsExactly("customer", "handoff", "handoff", "agent", "handoff", "rating");
        assertThat(export.notes()).singleElement().satisfies(n -> assertThat(n.json()).contains("Kundin ruft oft an"));
        assertThat(export.stored()).containsEntry("customerId", "kunde-7").containsEntry("customerEmail", "kim@example.com")
                .containsEntry("rating", "5").containsEntry("agent", "anna").containsKey("closedAt").containsKey("createdAt");
        assertThat(export.clientMessageIds()).containsEntry("c-1", "1");
        assertThat(export.queueEntry()).isNotNull();
        assertThat(export.queueEntry().position()).isZero();
        assertThat(export.listedIn()).containsKeys("status:closed", "customer:kunde-7");
        assertThat(handoff.export("0123456789abcdef0123456789abcdef")).isEmpty();
        assertThat(handoff.export("x}:meta{")).isEmpty();
    }

    @Test
    void erasesAConversationFromEveryKeyAndListAndTellsEveryNode() throws Exception {
        BlockingQueue<HandoffEvent> events = new LinkedBlockingQueue<>();
        try (AutoCloseable subscription = handoff.subscribe(events::add)) {
            handoff.setPresence("anna", AgentStatus.ONLINE);
            String id = handoff.start("en").id();
            String other = handoff.start("en").id();
            handoff.identify(id, new Customer("kunde-7", "Kim", "kim@example.com", null));
            handoff.appendCustomerMessage(id, "c-1", "I want a person");
            handoff.requestAgent(id, "customer_request", null, null);
            handoff.addNote(id, "anna", "a note");
            handoff.customerConnected(id);
            assertThat(handoff.find(id).orElseThrow().status()).isEqualTo(ConversationStatus.ASSIGNED);
            assertThat(everything()).contains(id);

            assertThat(handoff.erase(id)).isTrue();

            assertThat(everything()).doesNotContain(id).contains(other);
            assertThat(handoff.find(id)).isEmpty();
            assertThat(handoff.agent("anna").orElseThrow().active()).isZero();
            assertThat(handoff.conversationsOfCustomer("kunde-7")).isEmpty();
            HandoffEvent event;
            do {
                event = events.poll(5, TimeUnit.SECONDS);
            } while (event != null && !event.equals(new HandoffEvent.Erased(id)));
            assertThat(event).isEqualTo(new HandoffEvent.Erased(id));

            // A node that still had the customer's connection open notes nothing about it any more.
            handoff.customersSeen(List.of(id));
            handoff.customerLeft(id);
            assertThat(everything()).doesNotContain(id);
        }
    }

    @Test
    void erasingAnUnknownConversationChangesNothing() {
        String id = handoff.start("en").id();
        handoff.appendCustomerMessage(id, "c-1", "hello");
        String before = everything();

        assertThat(handoff.erase("0123456789abcdef0123456789abcdef")).isFalse();
        assertThat(handoff.erase("../{x}")).isFalse();

        assertThat(everything()).isEqualTo(before);
    }

    @Test
    void listsAndErasesTheConversationsOfOneCustomer() {
        String first = handoff.start("de").id();
        String second = handoff.start("de").id();
        String someoneElse = handoff.start("de").id();
        String moved = handoff.start("de").id();
        handoff.identify(first, new Customer("kunde-7", null, null, null));
        clock.advance(Duration.ofMinutes(1));
        handoff.identify(second, new Customer("kunde-7", null, null, "B"));
        handoff.identify(someoneElse, new Customer("kunde-8", null, null, null));
        handoff.identify(moved, new Customer("kunde-7", null, null, null));
        handoff.identify(moved, new Customer("kunde-8", null, null, null));

        assertThat(handoff.conversationsOfCustomer("kunde-7")).containsExactly(first, second);
        assertThat(handoff.conversationsOfCustomer("kunde-8")).containsExactlyInAnyOrder(someoneElse, moved);

        assertThat(handoff.eraseCustomer("kunde-7")).containsExactly(first, second);

        assertThat(handoff.find(first)).isEmpty();
        assertThat(handoff.find(second)).isEmpty();
        assertThat(handoff.find(someoneElse)).isPresent();
        assertThat(handoff.conversationsOfCustomer("kunde-7")).isEmpty();
        assertThat(handoff.eraseCustomer("kunde-7")).isEmpty();
        assertThat(handoff.eraseCustomer("nobody")).isEmpty();
    }

    @Test
    void conversationsInEveryStatusExpireAfterTheirRetention() {
        handoff.setPresence("anna", AgentStatus.ONLINE);
        String assigned = customer("assigned");
        handoff.requestAgent(assigned, "customer_request", null, null);
        handoff.setPresence("anna", AgentStatus.AWAY);
        String queued = customer("queued");
        handoff.enqueue(queued, "customer_request", null);
        String stillTalking = customer("still talking");
        handoff.enqueue(stillTalking, "customer_request", null);
        handoff.setPresence("anna", AgentStatus.OFFLINE);
        String pending = customer("pending");
        handoff.requestAgent(pending, "customer_request", null, null);
        handoff.contact(pending, "k-1", "kim@example.com", "Please call me back");
        String withBot = customer("bot only");
        String closed = customer("closed");
        handoff.enqueue(closed, "customer_request", null);
        handoff.close(closed, "anna");
        handoff.identify(queued, new Customer("kunde-7", null, null, null));
        assertThat(handoff.find(assigned).orElseThrow().status()).isEqualTo(ConversationStatus.QUEUED);
        handoff.claim(assigned, "anna", "Anna");

        clock.advance(OPEN_RETENTION.minusHours(1));
        handoff.appendCustomerMessage(stillTalking, "late", "Are you there?");
        handoff.expire();
        assertThat(List.of(assigned, queued, pending, withBot, closed, stillTalking))
                .allSatisfy(id -> assertThat(handoff.find(id)).as(id).isPresent());

        clock.advance(Duration.ofHours(2));
        handoff.expire();
        assertThat(List.of(assigned, queued, pending)).allSatisfy(id -> assertThat(handoff.find(id)).as(id).isEmpty());
        assertThat(handoff.queue()).extracting(QueueEntry::conversationId).containsExactly(stillTalking);
        assertThat(handoff.conversations(ConversationStatus.PENDING)).isEmpty();
        assertThat(handoff.agent("anna").orElseThrow().active()).isZero();
        assertThat(handoff.conversationsOfCustomer("kunde-7")).isEmpty();
        assertThat(handoff.find(withBot)).isPresent();
        assertThat(handoff.find(closed)).isPresent();

        clock.advance(TestRedis.RETENTION.minus(OPEN_RETENTION));
        handoff.expire();
        assertThat(handoff.find(withBot)).isEmpty();
        assertThat(handoff.find(closed)).isEmpty();
        assertThat(everything()).doesNotContain(assigned, queued, pending, withBot, closed);
    }

    private String customer(String text) {
        String id = handoff.start("en").id();
        handoff.appendCustomerMessage(id, "c-" + text, text);
        return id;
    }

    /** Every key under the handoff's prefix with everything in it, as text. */
    private String everything() {
        RedisCommands<String, String> sync = redis.connection.sync();
        Map<String, Object> all = new TreeMap<>();
        List<String> keys = new ArrayList<>();
        ScanIterator.scan(sync, ScanArgs.Builder.matches(node.prefix() + ":*").limit(500)).forEachRemaining(keys::add);
        for (String key : keys) {
            Object value = switch (sync.type(key)) {
                case "string" -> sync.get(key);
                case "hash" -> new TreeMap<>(sync.hgetall(key));
                case "list" -> sync.lrange(key, 0, -1);
                case "set" -> new java.util.TreeSet<>(sync.smembers(key));
                case "zset" -> sync.zrangeWithScores(key, 0, -1).toString();
                default -> "?";
            };
            all.put(key, value);
        }
        return all.toString();
    }
}

package io.lotse.handoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lotse.handoff.hours.BusinessHours;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Presence, automatic assignment, teams, priorities, service levels, transfers and the upkeep of
 * timeouts, on real Redis with a clock the tests move.
 */
class AssignmentTests {

    private static final TestRedis redis = new TestRedis();
    private static final Instant START = Instant.parse("2026-12-07T09:00:00Z");
    private static final List<AgentProfile> AGENTS = List.of(
            new AgentProfile("anna", "Anna", List.of(), 2),
            new AgentProfile("ben", "Ben", List.of("technik"), 2),
            new AgentProfile("cem", "Cem", List.of("technik", "billing"), 1));

    private final MutableClock clock = new MutableClock(START);
    private TestRedis.Fixture node;
    private Handoff handoff;

    @BeforeEach
    void agentsOffline() {
        node = redis.handoff(clock, this::settings);
        handoff = node.handoff();
        handoff.registerAgents(AGENTS);
    }

    private HandoffSettings settings(String prefix) {
        return new HandoffSettings(prefix, Duration.ofDays(30), Duration.ofSeconds(4), Duration.ofSeconds(5),
                Duration.ofSeconds(2), Map.of("A", Duration.ofMillis(500)), BusinessHours.always(),
                Map.of("technical", "technik", "billing", "billing"));
    }

    @AfterAll
    static void cleanUp() throws Exception {
        redis.close();
    }

    @Test
    void agentsStartOfflineAndNobodyOnlineMeansPending() {
        assertThat(handoff.agents()).extracting(AgentState::status).containsOnly(AgentStatus.OFFLINE);
        String id = customer();

        HandoffOutcome outcome = handoff.requestAgent(id, "customer_request", null, null);

        assertThat(outcome.status()).isEqualTo(ConversationStatus.PENDING);
        assertThat(outcome.offlineReason()).isEqualTo("no_agent");
        assertThat(handoff.queue()).isEmpty();
        assertThat(handoff.conversations(ConversationStatus.PENDING)).extracting(Conversation::id).containsExactly(id);
        assertThat(lastFrame(id)).contains("\"status\":\"offline\"", "\"reason\":\"no_agent\"", "\"businessHours\":\"always\"");

        handoff.setPresence("anna", AgentStatus.ONLINE);
        assertThat(handoff.find(id).orElseThrow().status()).as("pending ones are not assigned automatically")
                .isEqualTo(ConversationStatus.PENDING);
        handoff.claim(id, "anna", "Anna");
        assertThat(handoff.find(id).orElseThrow().status()).isEqualTo(ConversationStatus.ASSIGNED);
    }

    @Test
    void awayAgentsKeepWhatTheyHaveAndGetNothingNew() {
        handoff.setPresence("anna", AgentStatus.ONLINE);
        String first = requested(null);
        assertThat(handoff.find(first).orElseThrow().agent()).isEqualTo("anna");

        handoff.setPresence("anna", AgentStatus.AWAY);
        assertThat(handoff.requestAgent(customer(), "customer_request", null, null).status())
                .as("away is not online").isEqualTo(ConversationStatus.PENDING);
        assertThat(handoff.find(first).orElseThrow().agent()).isEqualTo("anna");
        assertThat(handoff.agent("anna").orElseThrow().active()).isEqualTo(1);
    }

    @Test
    void aConversationGoesToTheLeastBusyThenLongestIdleAgentOfItsTeam() {
        handoff.setPresence("ben", AgentStatus.ONLINE);
        clock.advance(Duration.ofSeconds(1));
        handoff.setPresence("cem", AgentStatus.ONLINE);
        clock.advance(Duration.ofSeconds(1));
        handoff.setPresence("anna", AgentStatus.ONLINE);

        String technical = requested("technical");
        assertThat(agentOf(technical)).as("ben is idle longest of the technical team").isEqualTo("ben");
        String secondTechnical = requested("technical");
        assertThat(agentOf(secondTechnical)).as("cem has fewer open conversations").isEqualTo("cem");
        String thirdTechnical = requested("technical");
        assertThat(agentOf(thirdTechnical)).as("cem is full; ben has room").isEqualTo("ben");
        String billing = requested("billing");
        assertThat(handoff.find(billing).orElseThrow().status()).as("cem, the only billing agent, is full")
                .isEqualTo(ConversationStatus.QUEUED);
        String general = requested(null);
        assertThat(agentOf(general)).as("anna has none; any agent may take a general one").isEqualTo("anna");

        handoff.close(secondTechnical, "cem");
        assertThat(agentOf(billing)).as("cem got room and the billing queue is served").isEqualTo("cem");
    }

    @Test
    void theQueueOrdersTierAThenBThenTheRestAndTheServiceLevelFollowsTheTier() {
        String anonymous = requestedAs(null);
        clock.advance(Duration.ofSeconds(1));
        String tierC = requestedAs("C");
        clock.advance(Duration.ofSeconds(1));
        String tierB = requestedAs("B");
        clock.advance(Duration.ofSeconds(1));
        String tierA = requestedAs("A");

        assertThat(handoff.queue()).extracting(QueueEntry::conversationId).containsExactly(tierA, tierB, anonymous, tierC);
        assertThat(handoff.queue()).extracting(QueueEntry::position).containsExactly(1, 2, 3, 4);
        QueueEntry a = handoff.entry(tierA);
        assertThat(a.dueAt()).isEqualTo(START.plusMillis(3500));
        assertThat(handoff.entry(tierC).dueAt()).isEqualTo(START.plusSeconds(1 + 2));
        assertThat(a.customer()).isEqualTo(new Customer("sub-A", "Kim A", "a@example.com", "A"));

        clock.advance(Duration.ofMillis(700));
        assertThat(handoff.entry(tierA).breached()).isTrue();
        assertThat(handoff.entry(tierB).breached()).isFalse();

        handoff.setPresence("anna", AgentStatus.ONLINE);
        assertThat(agentOf(tierA)).isEqualTo("anna");
        assertThat(agentOf(tierB)).isEqualTo("anna");
        assertThat(handoff.queue()).extracting(QueueEntry::conversationId).containsExactly(anonymous, tierC);
        handoff.agentMessage(tierA, "anna", "Anna", "Hallo");
        assertThat(handoff.find(tierA).orElseThrow().breached(clock.instant())).as("answered late, but answered").isFalse();
        assertThat(handoff.find(tierA).orElseThrow().firstResponseAt()).isEqualTo(clock.instant());
    }

    @Test
    void outsideBusinessHoursNobodyIsThereAndTheCustomerLearnsWhenSomeoneIs() {
        Handoff closed = redis.handoff(clock, prefix -> new HandoffSettings(prefix, Duration.ofDays(30), Duration.ofSeconds(4),
                Duration.ofSeconds(5), Duration.ofSeconds(2), Map.of(), BusinessHours.parse("MON-FRI 10:00-18:00", ZoneOffset.UTC),
                Map.of())).handoff();
        closed.registerAgents(AGENTS);
        closed.setPresence("anna", AgentStatus.ONLINE);
        String id = closed.start("de").id();

        HandoffOutcome outcome = closed.requestAgent(id, "customer_request", null, null);

        assertThat(outcome.offlineReason()).isEqualTo("outside_hours");
        assertThat(closed.framesAfter(id, 0).getLast().json())
                .contains("\"businessHours\":\"MON-FRI 10:00-18:00\"", "\"nextOpening\":\"2026-12-07T10:00:00Z\"");
    }

    @Test
    void anAgentWhoseConsoleIsGoneGoesOfflineAndTheirConversationsGoBackToTheFront() {
        handoff.setPresence("anna", AgentStatus.ONLINE);
        String hers = requested(null);
        handoff.setPresence("ben", AgentStatus.ONLINE);
        handoff.setPresence("anna", AgentStatus.ONLINE);
        clock.advance(Duration.ofSeconds(1));
        String waiting = requestedAs(null);
        handoff.serve();
        assertThat(agentOf(waiting)).isIn("anna", "ben");
        handoff.setPresence("ben", AgentStatus.AWAY);

        clock.advance(Duration.ofSeconds(3));
        handoff.agentsSeen(List.of("ben"));
        handoff.customersSeen(List.of(hers, waiting));
        clock.advance(Duration.ofSeconds(2));
        handoff.upkeep();

        assertThat(handoff.agent("anna").orElseThrow().status()).isEqualTo(AgentStatus.OFFLINE);
        assertThat(handoff.agent("ben").orElseThrow().status()).as("ben's console was seen").isEqualTo(AgentStatus.AWAY);
        assertThat(handoff.agent("anna").orElseThrow().active()).isZero();
        assertThat(handoff.find(hers).orElseThrow().status()).isEqualTo(ConversationStatus.QUEUED);
        assertThat(handoff.queue().getFirst().conversationId()).isEqualTo(hers);
        assertThat(handoff.framesAfter(hers, 0).getLast().json()).contains("\"status\":\"queued\"", "\"transferred\":true");
    }

    @Test
    void aQueuedCustomerGoneLongerThanAbandonAfterIsClosedAsAbandoned() {
        String gone = requestedAs(null);
        String here = requestedAs(null);
        handoff.customersSeen(List.of(gone, here));
        handoff.customerLeft(gone);
        clock.advance(Duration.ofSeconds(4));
        handoff.customersSeen(List.of(here));
        assertThat(handoff.customersOnline(List.of(gone, here))).containsAllEntriesOf(Map.of(gone, false, here, true));
        handoff.upkeep();
        assertThat(handoff.find(gone).orElseThrow().status()).as("gone 4 s of 5").isEqualTo(ConversationStatus.QUEUED);

        clock.advance(Duration.ofSeconds(2));
        handoff.customersSeen(List.of(here));
        handoff.upkeep();

        Conversation abandoned = handoff.find(gone).orElseThrow();
        assertThat(abandoned.status()).isEqualTo(ConversationStatus.CLOSED);
        assertThat(abandoned.closeReason()).isEqualTo("abandoned");
        assertThat(handoff.framesAfter(gone, 0).getLast().json()).contains("\"ratingRequested\":false", "\"reason\":\"abandoned\"");
        assertThat(handoff.find(here).orElseThrow().status()).isEqualTo(ConversationStatus.QUEUED);
        assertThat(handoff.queue()).extracting(QueueEntry::conversationId).containsExactly(here);
    }

    @Test
    void aTransferToATeamGoesBackToItsOldPlaceAndOneToAnAgentNeedsThemOnlineWithRoom() {
        String older = requestedAs(null);
        handoff.setPresence("anna", AgentStatus.ONLINE);
        assertThat(agentOf(older)).isEqualTo("anna");
        clock.advance(Duration.ofSeconds(1));
        handoff.setPresence("cem", AgentStatus.ONLINE);
        assertThat(agentOf(requested("technical"))).isEqualTo("cem");
        String waitingTechnical = requested("technical");
        assertThat(handoff.entry(waitingTechnical).team()).as("cem is full, ben offline").isEqualTo("technik");

        handoff.addNote(older, "anna", "Kunde hat schon neu gestartet");
        assertThatThrownBy(() -> handoff.transferToAgent(older, "anna", "ben", "bitte übernehmen"))
                .isInstanceOf(AgentUnavailableException.class);
        assertThatThrownBy(() -> handoff.transferToTeam(older, "anna", "kitchen", "?")).isInstanceOf(UnknownTargetException.class);
        assertThatThrownBy(() -> handoff.transferToTeam(older, "ben", "technik", "?")).isInstanceOf(NotYourConversationException.class);

        handoff.transferToTeam(older, "anna", "technik", "Router, bitte Technik");

        assertThat(handoff.queue()).extracting(QueueEntry::conversationId, QueueEntry::team)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(older, "technik"),
                        org.assertj.core.groups.Tuple.tuple(waitingTechnical, "technik"));
        assertThat(handoff.agent("anna").orElseThrow().active()).isZero();
        assertThat(handoff.notes(older)).extracting(n -> n.json()).satisfiesExactly(
                n -> assertThat(n).contains("Kunde hat schon neu gestartet"),
                n -> assertThat(n).contains("Router, bitte Technik", "\"toTeam\":\"technik\""));

        handoff.setPresence("ben", AgentStatus.ONLINE);
        assertThat(agentOf(older)).as("first again in the technical queue").isEqualTo("ben");
        handoff.transferToAgent(older, "ben", "anna", "zurück");
        assertThat(agentOf(older)).isEqualTo("anna");
        assertThat(handoff.framesAfter(older, 0).getLast().json()).contains("\"status\":\"assigned\"", "\"agent\":\"Anna\"");
        assertThat(handoff.find(older).orElseThrow().transfers()).isEqualTo(2);
    }

    @Test
    void twoNodesServingAtOnceAssignEachConversationOnceAndNobodyBeyondCapacity() throws Exception {
        TestRedis.Fixture other = redis.otherNode(node, clock, this::settings);
        other.handoff().registerAgents(AGENTS);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            ids.add(requestedAs(i % 3 == 0 ? "A" : null));
        }
        handoff.setPresence("anna", AgentStatus.ONLINE);
        // Anna's capacity is 2 and the setPresence served already; free her and let both nodes race.
        for (String id : List.copyOf(handoff.conversationsOf("anna").stream().map(Conversation::id).toList())) {
            handoff.close(id, "anna");
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 3; round++) {
                CyclicBarrier barrier = new CyclicBarrier(2);
                List<Future<Integer>> served = List.of(
                        pool.submit(() -> { barrier.await(); return handoff.serve(); }),
                        pool.submit(() -> { barrier.await(); return other.handoff().serve(); }));
                int total = served.get(0).get() + served.get(1).get();
                assertThat(handoff.agent("anna").orElseThrow().active()).isLessThanOrEqualTo(2);
                assertThat(total).isLessThanOrEqualTo(2);
                for (Conversation c : handoff.conversationsOf("anna")) {
                    handoff.close(c.id(), "anna");
                }
            }
        } finally {
            pool.shutdownNow();
        }
        long assignedFrames = ids.stream().mapToLong(id -> handoff.framesAfter(id, 0).stream()
                .filter(f -> f.json().contains("\"status\":\"assigned\"")).count()).max().orElseThrow();
        assertThat(assignedFrames).as("no conversation was assigned twice").isLessThanOrEqualTo(1);
        assertThat(ids.stream().filter(id -> handoff.find(id).orElseThrow().status() == ConversationStatus.CLOSED).count())
                .isEqualTo(8);
    }

    @Test
    void leavingTheQueueReturnsToTheBotAndAContactMakesAQueuedOnePending() {
        String id = requestedAs(null);
        handoff.cancel(id);
        assertThat(handoff.find(id).orElseThrow().status()).isEqualTo(ConversationStatus.BOT);
        assertThat(handoff.queue()).isEmpty();
        assertThatThrownBy(() -> handoff.cancel(id)).isInstanceOf(NotWaitingException.class);
        assertThatThrownBy(() -> handoff.contact(id, "c-9", "kim@example.com", "Hallo")).isInstanceOf(NotWaitingException.class);

        handoff.setPresence("cem", AgentStatus.ONLINE);
        handoff.requestAgent(id, "customer_request", null, null);
        handoff.setPresence("cem", AgentStatus.AWAY);
        String queued = requestedWithAgentsBusy();
        AppendResult contact = handoff.contact(queued, "contact-1", "kim@example.com", "Bitte zurückrufen");
        assertThat(contact.duplicate()).isFalse();
        assertThat(handoff.contact(queued, "contact-1", "kim@example.com", "Bitte zurückrufen")).isEqualTo(new AppendResult(contact.seq(), true));
        assertThat(handoff.find(queued).orElseThrow().status()).isEqualTo(ConversationStatus.PENDING);
        assertThat(handoff.find(queued).orElseThrow().contactEmail()).isEqualTo("kim@example.com");
        assertThat(handoff.queue()).extracting(QueueEntry::conversationId).doesNotContain(queued);
    }

    @Test
    void aPendingConversationAskedForAgainKeepsItsTeamAndServingEnds() {
        String billing = customer();
        assertThat(handoff.requestAgent(billing, "customer_request", null, "billing").status()).isEqualTo(ConversationStatus.PENDING);
        handoff.setPresence("anna", AgentStatus.ONLINE);
        handoff.setPresence("ben", AgentStatus.ONLINE);

        assertThat(handoff.requestAgent(billing, "customer_request", null, null).offlineReason())
                .as("nobody of billing is online").isEqualTo("no_agent");
        handoff.setPresence("cem", AgentStatus.ONLINE);
        HandoffOutcome again = handoff.requestAgent(billing, "customer_request", null, null);

        assertThat(again.status()).isEqualTo(ConversationStatus.ASSIGNED);
        assertThat(agentOf(billing)).as("billing's only agent").isEqualTo("cem");
        assertThat(handoff.find(billing).orElseThrow().team()).isEqualTo("billing");
        assertThat(handoff.serve()).isZero();
    }

    @Test
    void aMessageLeftForTheTeamStaysWithTheTeam() {
        String id = customer();
        handoff.requestAgent(id, "customer_request", null, null);
        handoff.contact(id, "contact-1", "kim@example.com", "Bitte zurückrufen");

        assertThatThrownBy(() -> handoff.cancel(id)).isInstanceOf(MessageLeftException.class);
        assertThat(handoff.conversations(ConversationStatus.PENDING)).extracting(Conversation::id).contains(id);
    }

    /** A conversation queued while an agent is online but full. */
    private String requestedWithAgentsBusy() {
        handoff.setPresence("cem", AgentStatus.ONLINE);
        String id = customer();
        handoff.requestAgent(id, "customer_request", null, "billing");
        assertThat(handoff.find(id).orElseThrow().status()).isEqualTo(ConversationStatus.QUEUED);
        return id;
    }

    /** Requested by a customer with that tier, with an online agent kept full, so that it waits in the queue. */
    private String requestedAs(String tier) {
        String id = customer();
        if (tier != null) {
            handoff.identify(id, new Customer("sub-" + tier, "Kim " + tier, tier.toLowerCase() + "@example.com", tier));
        }
        handoff.enqueue(id, "customer_request", null);
        return id;
    }

    private String requested(String category) {
        String id = customer();
        handoff.requestAgent(id, "customer_request", null, category);
        return id;
    }

    private String customer() {
        String id = handoff.start("de").id();
        handoff.appendCustomerMessage(id, "c-1", "Mensch bitte");
        return id;
    }

    private String agentOf(String id) {
        return handoff.find(id).orElseThrow().agent();
    }

    private String lastFrame(String id) {
        return handoff.framesAfter(id, 0).getLast().json();
    }
}

package io.lotse.handoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.time.Clock;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Events reach every subscriber, and a failing subscriber harms nobody. */
class EventsTests {

    private static final TestRedis redis = new TestRedis();

    private Handoff handoff;
    private final BlockingQueue<HandoffEvent> received = new LinkedBlockingQueue<>();

    @BeforeEach
    void newHandoff() {
        handoff = redis.handoff(Clock.systemUTC()).handoff();
    }

    @AfterAll
    static void cleanUp() throws Exception {
        redis.close();
    }

    @Test
    void announcesFramesAndQueueChanges() throws Exception {
        handoff.subscribe(received::add);
        String id = handoff.start("de").id();

        handoff.appendCustomerMessage(id, "c-1", "Hallo");
        awaitEvent(new HandoffEvent.FrameAppended(id, 1)::equals);

        handoff.enqueue(id, "customer_request", null);
        awaitEvent(new HandoffEvent.FrameAppended(id, 2)::equals);
        awaitEvent(HandoffEvent.QueueChanged.class::isInstance);

        handoff.claim(id, "anna", "Anna");
        awaitEvent(new HandoffEvent.FrameAppended(id, 3)::equals);
        awaitEvent(HandoffEvent.QueueChanged.class::isInstance);
    }

    @Test
    void reachesSubscribersOnOtherNodes() throws Exception {
        TestRedis.Fixture node = redis.handoff(Clock.systemUTC());
        Handoff otherNode = redis.otherNode(node, Clock.systemUTC()).handoff();
        otherNode.subscribe(received::add);
        String id = node.handoff().start("de").id();

        node.handoff().appendCustomerMessage(id, "c-1", "Hallo");

        awaitEvent(new HandoffEvent.FrameAppended(id, 1)::equals);
        assertThat(otherNode.framesAfter(id, 0)).hasSize(1);
    }

    @Test
    void aFailingListenerDoesNotStopTheOthers() throws Exception {
        AtomicInteger failures = new AtomicInteger();
        handoff.subscribe(event -> {
            failures.incrementAndGet();
            throw new IllegalStateException("listener broke");
        });
        handoff.subscribe(received::add);
        String id = handoff.start("de").id();

        handoff.appendCustomerMessage(id, "c-1", "eins");
        handoff.appendCustomerMessage(id, "c-2", "zwei");

        awaitEvent(new HandoffEvent.FrameAppended(id, 2)::equals);
        assertThat(failures.get()).isEqualTo(2);
    }

    @Test
    void aClosedSubscriptionGetsNothingMore() throws Exception {
        AtomicInteger seen = new AtomicInteger();
        AutoCloseable subscription = handoff.subscribe(event -> seen.incrementAndGet());
        handoff.subscribe(received::add);
        String id = handoff.start("de").id();
        handoff.appendCustomerMessage(id, "c-1", "eins");
        awaitEvent(new HandoffEvent.FrameAppended(id, 1)::equals);

        subscription.close();
        handoff.appendCustomerMessage(id, "c-2", "zwei");

        // Listeners get each event in subscription order, so the closed one would have seen it by now.
        awaitEvent(new HandoffEvent.FrameAppended(id, 2)::equals);
        assertThat(seen.get()).isEqualTo(1);
    }

    @Test
    void aClosedHandoffTakesNoSubscriptions() {
        handoff.close();

        assertThatThrownBy(() -> handoff.subscribe(received::add)).isInstanceOf(IllegalStateException.class);
    }

    private void awaitEvent(Predicate<HandoffEvent> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            HandoffEvent event = received.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (event == null) {
                fail("The expected event did not arrive within 10 seconds");
            }
            if (wanted.test(event)) {
                return;
            }
        }
    }
}

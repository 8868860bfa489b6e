package io.lotse.web.chat;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.web.socket.WebSocketSession;

/**
 * How many customers one node serves at once: a ceiling of open chat connections, and one of
 * questions the bot is answering at the same moment. Past either, a customer is told the node is
 * busy rather than left waiting in silence.
 *
 * <p>Both ceilings may be changed while the node runs (so a test can fill a node without opening
 * thousands of connections); a lower ceiling closes nobody, it only turns new customers away until
 * enough have left.
 */
final class ChatCapacity {

    /** The heap each open chat is budgeted when no ceiling is configured: about three times what an idle one holds. */
    static final long HEAP_PER_CONNECTION = 100 * 1024;
    /** Questions in flight per processor when no ceiling is configured. */
    static final int QUESTIONS_PER_PROCESSOR = 32;

    private static final String ADMITTED = ChatCapacity.class.getName() + ".admitted";

    private final AtomicInteger connections = new AtomicInteger();
    private volatile int maxConnections;
    private final AdjustableSemaphore questions;
    private final Duration questionWait;
    private final AtomicLong refusedConnections = new AtomicLong();
    private final AtomicLong refusedQuestions = new AtomicLong();

    /**
     * @param maxConnections open chat connections at most
     * @param maxQuestions questions being answered at once at most
     * @param questionWait how long a question may wait for another to finish before its customer is told the node is busy
     */
    ChatCapacity(int maxConnections, int maxQuestions, Duration questionWait) {
        this.maxConnections = atLeastOne("max-connections", maxConnections);
        this.questions = new AdjustableSemaphore(atLeastOne("max-questions-in-flight", maxQuestions));
        this.questionWait = questionWait;
    }

    /** The connection ceiling for a heap of this size: one connection per {@link #HEAP_PER_CONNECTION}. */
    static int connectionsFor(long maxHeapBytes) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, maxHeapBytes / HEAP_PER_CONNECTION));
    }

    /**
     * The connection ceiling for a heap of this size under a web server that takes this many
     * connections (negative: no limit): what the heap holds, but a twentieth of the server's
     * connections (at least 100) below its limit, so that a customer past the ceiling is still told
     * {@code busy} and health checks and agents still get through.
     */
    static int connectionsFor(long maxHeapBytes, int serverConnections) {
        int fromHeap = connectionsFor(maxHeapBytes);
        if (serverConnections < 0) {
            return fromHeap;
        }
        return Math.max(1, Math.min(fromHeap, serverConnections - Math.max(100, serverConnections / 20)));
    }

    /** The ceiling of questions in flight for this many processors. */
    static int questionsFor(int processors) {
        return QUESTIONS_PER_PROCESSOR * Math.max(1, processors);
    }

    /**
     * Takes a place for a new connection, if there is one; the session remembers it, so that
     * {@link #release} gives back exactly the places taken.
     */
    boolean admit(WebSocketSession session) {
        while (true) {
            int open = connections.get();
            if (open >= maxConnections) {
                refusedConnections.incrementAndGet();
                return false;
            }
            if (connections.compareAndSet(open, open + 1)) {
                session.getAttributes().put(ADMITTED, Boolean.TRUE);
                return true;
            }
        }
    }

    /** Gives the place of a closed connection back; nothing for one that was never admitted. */
    void release(WebSocketSession session) {
        if (session.getAttributes().remove(ADMITTED) != null) {
            connections.decrementAndGet();
        }
    }

    /**
     * Takes a place for a question, waiting a moment when every place is taken.
     *
     * @return whether the question may be answered now; if so, {@link #questionDone} must follow
     */
    boolean startQuestion() throws InterruptedException {
        if (questions.tryAcquire(questionWait.toNanos(), TimeUnit.NANOSECONDS)) {
            return true;
        }
        refusedQuestions.incrementAndGet();
        return false;
    }

    void questionDone() {
        questions.release();
    }

    int connections() {
        return connections.get();
    }

    int maxConnections() {
        return maxConnections;
    }

    boolean full() {
        return connections.get() >= maxConnections;
    }

    int questionsInFlight() {
        return questions.maxPermits() - questions.availablePermits();
    }

    int maxQuestionsInFlight() {
        return questions.maxPermits();
    }

    /** Connections turned away since the start, as the node was full. */
    long refusedConnections() {
        return refusedConnections.get();
    }

    /** Questions turned away since the start, as too many were being answered. */
    long refusedQuestions() {
        return refusedQuestions.get();
    }

    void maxConnections(int max) {
        this.maxConnections = atLeastOne("max-connections", max);
    }

    void maxQuestionsInFlight(int max) {
        questions.resize(atLeastOne("max-questions-in-flight", max));
    }

    private static int atLeastOne(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException("chatbot.chat." + name + " must be at least 1, not " + value);
        }
        return value;
    }

    /** A semaphore whose number of permits can change while permits are out. */
    private static final class AdjustableSemaphore extends Semaphore {
        private int maxPermits;

        AdjustableSemaphore(int permits) {
            super(permits, true);
            this.maxPermits = permits;
        }

        synchronized int maxPermits() {
            return maxPermits;
        }

        synchronized void resize(int permits) {
            if (permits > maxPermits) {
                release(permits - maxPermits);
            } else if (permits < maxPermits) {
                reducePermits(maxPermits - permits);
            }
            maxPermits = permits;
        }
    }
}

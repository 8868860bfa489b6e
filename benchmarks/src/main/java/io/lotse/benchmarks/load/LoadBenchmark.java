package io.lotse.benchmarks.load;

import io.lotse.benchmarks.load.ChatSocket.ChatException;
import java.lang.management.ManagementFactory;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import tools.jackson.databind.json.JsonMapper;

/**
 * Load on a running node, as customers and agents make it: idle chats held open, customers asking
 * one question after the other over the chat WebSocket, agents calling the agent API with HTTP
 * Basic. Prints answers per second, round-trip percentiles, errors by code, open connections and,
 * with {@code --pid}, the node's live heap per open conversation. See {@code benchmarks/README.md}.
 */
public final class LoadBenchmark {

    private static final Duration WAIT = Duration.ofSeconds(30);
    /** Customers arriving one after the other, a second apart, while the idle chats are open. */
    private static final int FRESH_CUSTOMERS = 5;

    private final LoadOptions options;
    private final JsonMapper json = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final Node node;
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final Latencies answers = new Latencies();
    /** With {@code --rate}: from the moment a question was due to its answer, a wait for the previous answer included. */
    private final Latencies fromDue = new Latencies();
    /** With {@code --rate}: questions asked later than due, because the previous answer had not come yet. */
    private final LongAdder late = new LongAdder();
    private final LongAdder conversations = new LongAdder();
    /** Replies by the bot frame's kind: answers, clarifications, handoffs, … */
    private final Map<String, LongAdder> kinds = new ConcurrentHashMap<>();
    private final LongAdder handoffs = new LongAdder();
    private final Latencies freshWelcomes = new Latencies();
    private final Latencies freshAnswers = new Latencies();

    private LoadBenchmark(LoadOptions options) {
        this.options = options;
        this.node = new Node(http, options, json);
    }

    public static void main(String[] args) throws Exception {
        LoadOptions options;
        try {
            options = LoadOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        new LoadBenchmark(options).run();
        System.exit(0);
    }

    private void run() throws InterruptedException {
        Questions questions = Questions.read(options.questions(), options.mode(), json);
        System.out.printf("%s: %s, mode %s, %d customers%s, %d idle, %d agents, %d s%n", Instant.now(), options.url(),
                options.mode().name().toLowerCase(), options.customers(),
                options.rate() > 0 ? String.format(" asking %.0f questions a second together", options.rate()) : "",
                options.idle(), options.agents(), options.duration().toSeconds());
        System.out.println("health before: " + node.health());
        OptionalLong heapBefore = options.idle() > 0 ? node.liveHeapBytes() : OptionalLong.empty();
        heapBefore.ifPresent(bytes -> System.out.printf("live heap before: %.1f MB%n", bytes / 1e6));

        List<ChatSocket> idle = openIdle(options.idle());
        OptionalLong heapIdle = OptionalLong.empty();
        if (options.idle() > 0) {
            heapIdle = node.liveHeapBytes();
            if (heapBefore.isPresent() && heapIdle.isPresent() && !idle.isEmpty()) {
                System.out.printf("live heap with %d idle chats: %.1f MB, %.1f KB per idle chat%n", idle.size(),
                        heapIdle.getAsLong() / 1e6, (heapIdle.getAsLong() - heapBefore.getAsLong()) / 1e3 / idle.size());
            }
            System.out.println("health with the idle chats open: " + node.health());
            for (int i = 0; i < FRESH_CUSTOMERS; i++) {
                freshCustomer(questions);
                Thread.sleep(1000);
            }
        }

        long deadline = System.nanoTime() + options.duration().toNanos();
        Agents agents = options.agents() > 0 ? new Agents(http, options.url(), options.agentLogin()) : null;
        long started = System.nanoTime();
        Optional<Duration> cpuBefore = node.cpuTime();
        long ownCpuBefore = ownCpuNanos();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < options.customers(); i++) {
                threads.execute(() -> customer(questions, deadline));
            }
            for (int i = 0; i < options.agents(); i++) {
                threads.execute(() -> agents.run(deadline));
            }
            if (options.customers() == 0 && options.agents() == 0) {
                TimeUnit.NANOSECONDS.sleep(Math.max(0, deadline - System.nanoTime()));
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        long ownCpu = ownCpuNanos() - ownCpuBefore;
        Optional<Duration> cpuUsed = cpuBefore.flatMap(before -> node.cpuTime().map(after -> after.minus(before)));

        long stillOpen = idle.stream().filter(ChatSocket::isOpen).count();
        Node.Health healthAfter = node.health();
        OptionalDouble heapUsed = node.metric("jvm.memory.used", "area:heap");
        OptionalDouble openOnNode = node.metric("lotse.chat.connections", null);
        idle.forEach(ChatSocket::close);

        System.out.println("health after: " + healthAfter);
        StringBuilder summary = new StringBuilder("mode=" + options.mode().name().toLowerCase());
        summary.append(" customers=").append(options.customers()).append(" seconds=").append(Math.round(seconds));
        if (options.customers() > 0) {
            summary.append(String.format(" answers=%d answers_per_s=%.1f p50_ms=%.1f p99_ms=%.1f conversations=%d handoffs=%d",
                    answers.count(), answers.count() / seconds, answers.percentileMillis(0.50), answers.percentileMillis(0.99),
                    conversations.sum(), handoffs.sum()));
            Map<String, Long> byKind = new TreeMap<>();
            kinds.forEach((kind, count) -> byKind.put(kind, count.sum()));
            summary.append(" kinds=").append(byKind.toString().replace(" ", ""));
            if (options.rate() > 0) {
                summary.append(String.format(" rate=%.0f p50_from_due_ms=%.1f p99_from_due_ms=%.1f late=%d", options.rate(),
                        fromDue.percentileMillis(0.50), fromDue.percentileMillis(0.99), late.sum()));
            }
        }
        if (options.idle() > 0) {
            summary.append(" idle=").append(options.idle()).append(" idle_open_at_end=").append(stillOpen);
            summary.append(String.format(" fresh_welcome_p50_ms=%.1f fresh_answer_p50_ms=%.1f", freshWelcomes.percentileMillis(0.5),
                    freshAnswers.percentileMillis(0.5)));
            if (heapBefore.isPresent() && heapIdle.isPresent() && !idle.isEmpty()) {
                summary.append(String.format(" heap_per_idle_chat_kb=%.1f",
                        (heapIdle.getAsLong() - heapBefore.getAsLong()) / 1e3 / idle.size()));
            }
        }
        if (agents != null) {
            summary.append(String.format(" agent_calls=%d agent_calls_per_s=%.1f agent_p50_ms=%.1f agent_p99_ms=%.1f agent_errors=%d",
                    agents.latencies.count(), agents.latencies.count() / seconds, agents.latencies.percentileMillis(0.50),
                    agents.latencies.percentileMillis(0.99), agents.errors.get()));
        }
        long requests = answers.count() + (agents == null ? 0 : agents.latencies.count());
        cpuUsed.ifPresent(cpu -> {
            summary.append(String.format(" node_cpu_s=%.1f", cpu.toMillis() / 1e3));
            if (requests > 0) {
                summary.append(String.format(" node_cpu_ms_per_request=%.2f", (double) cpu.toMillis() / requests));
            }
        });
        if (ownCpu >= 0) {
            // On the node's machine, what the load itself took of its cores.
            summary.append(String.format(" load_generator_cpu_s=%.1f", ownCpu / 1e9));
        }
        openOnNode.ifPresent(open -> summary.append(" node_open_chats=").append(Math.round(open)));
        heapUsed.ifPresent(bytes -> summary.append(String.format(" node_heap_used_mb=%.0f", bytes / 1e6)));
        summary.append(" health_after=").append(healthAfter.status());
        Map<String, Long> byCode = new TreeMap<>();
        errors.forEach((code, count) -> byCode.put(code, count.sum()));
        summary.append(" errors=").append(byCode.values().stream().mapToLong(Long::longValue).sum()).append(byCode.isEmpty() ? "" : byCode);
        System.out.println(summary);
    }

    /** Opens idle chats, a few hundred at a time; those the node refuses are counted by error code. */
    private List<ChatSocket> openIdle(int count) throws InterruptedException {
        if (count == 0) {
            return List.of();
        }
        List<ChatSocket> open = Collections.synchronizedList(new ArrayList<>());
        Semaphore inFlight = new Semaphore(options.openAtOnce());
        long start = System.nanoTime();
        AtomicLong refused = new AtomicLong();
        for (int i = 0; i < count; i++) {
            inFlight.acquire();
            ChatSocket.open(http, options.chatUri(), json, WAIT).whenComplete((socket, e) -> {
                if (e == null) {
                    open.add(socket);
                } else {
                    refused.incrementAndGet();
                    error(e);
                }
                inFlight.release();
            });
        }
        inFlight.acquire(options.openAtOnce());
        inFlight.release(options.openAtOnce());
        System.out.printf("idle chats: %d open, %d refused, in %.1f s%n", open.size(), refused.get(), (System.nanoTime() - start) / 1e9);
        return open;
    }

    /**
     * A customer arriving while the idle chats are open: how soon they are welcomed and answered. The
     * first one after the idle chats opened may wait for the node's work on them (each new
     * conversation is noted in Redis).
     */
    private void freshCustomer(Questions questions) {
        long start = System.nanoTime();
        try {
            ChatSocket socket = ChatSocket.open(http, options.chatUri(), json, WAIT).get();
            long welcomed = System.nanoTime() - start;
            ChatSocket.Answer answer = socket.ask(questions.next()).get(WAIT.toSeconds(), TimeUnit.SECONDS);
            freshWelcomes.record(welcomed);
            freshAnswers.record(answer.roundTripNanos());
            System.out.printf("a fresh customer: welcome after %.1f ms, answer (%s) after %.1f ms more%n", welcomed / 1e6,
                    answer.kind(), answer.roundTripNanos() / 1e6);
            socket.close();
        } catch (ExecutionException | TimeoutException e) {
            System.out.printf("a fresh customer: no answer after %.1f ms: %s%n", (System.nanoTime() - start) / 1e6,
                    e.getCause() == null ? e : e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * One customer: a conversation, a few questions one after the other, then a new conversation;
     * until the deadline. With {@code --rate} each question is due at a random moment (the gaps
     * exponential, so that all customers together ask at the rate as a Poisson stream), and a
     * question due before the previous answer came is asked when it comes.
     */
    private void customer(Questions questions, long deadline) {
        long due = System.nanoTime() + gap();
        while (System.nanoTime() < deadline) {
            ChatSocket socket;
            try {
                socket = ChatSocket.open(http, options.chatUri(), json, WAIT).get();
                conversations.increment();
            } catch (ExecutionException e) {
                error(e.getCause());
                pause();
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            try {
                for (int turn = 0; turn < options.turns() && System.nanoTime() < deadline && socket.isOpen(); turn++) {
                    if (options.rate() > 0) {
                        long early = due - System.nanoTime();
                        if (early > 0) {
                            TimeUnit.NANOSECONDS.sleep(early);
                        } else {
                            late.increment();
                        }
                        if (System.nanoTime() >= deadline) {
                            break;
                        }
                    }
                    CompletableFuture<ChatSocket.Answer> asked = socket.ask(questions.next());
                    try {
                        ChatSocket.Answer answer = asked.get(WAIT.toSeconds(), TimeUnit.SECONDS);
                        answers.record(answer.roundTripNanos());
                        kinds.computeIfAbsent(answer.kind(), k -> new LongAdder()).increment();
                        if (options.rate() > 0) {
                            fromDue.record(System.nanoTime() - due);
                            due += gap();
                        }
                        if (answer.handedOver()) {
                            // The bot is silent from now on: the customer starts a new conversation.
                            handoffs.increment();
                            break;
                        }
                    } catch (ExecutionException | TimeoutException e) {
                        error(e instanceof ExecutionException ? e.getCause() : e);
                        pause();
                        due = System.nanoTime() + gap(); // a question without an answer: the customer starts afresh
                        break;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                socket.close();
            }
        }
    }

    /** The time to a customer's next question with {@code --rate}: exponential, with a mean of customers / rate. */
    private long gap() {
        if (options.rate() <= 0) {
            return 0;
        }
        double meanSeconds = options.customers() / options.rate();
        return (long) (-Math.log(1 - ThreadLocalRandom.current().nextDouble()) * meanSeconds * 1e9);
    }

    /** This process's CPU time so far; -1 where the JVM cannot tell. */
    private static long ownCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
    }

    private void error(Throwable e) {
        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        String code = cause instanceof ChatException chat ? chat.code()
                : cause instanceof TimeoutException ? "timeout" : cause.getClass().getSimpleName();
        errors.computeIfAbsent(code, c -> new LongAdder()).increment();
    }

    /** After an error a customer waits a moment, as the widget does, instead of hammering the node. */
    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

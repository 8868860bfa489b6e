package io.lotse.web.handoff;

import io.lotse.bot.EscalationReason;
import io.lotse.handoff.AgentState;
import io.lotse.handoff.AgentStatus;
import io.lotse.handoff.Handoff;
import io.lotse.handoff.HandoffMetrics;
import io.lotse.web.LotseProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * The handoff's meters, tagged by team ({@code none} for conversations of no team): how long
 * customers wait for an agent and for the first answer, how long agents handle a conversation, how
 * many leave the queue, transfers, ratings, and the conversations the bot saw through alone.
 *
 * <p>What the handoff does is counted by the node that does it; add those up across nodes. The
 * queue lengths and the agents by presence are read from Redis every few seconds by {@link #refresh}
 * and are the same on every node: take one node's value, or the maximum, never the sum.
 */
final class HandoffMeters implements HandoffMetrics {

    /** Service-level buckets of the waits: the share of customers answered within each is what a team is held to. */
    private static final Duration[] WAIT_BUCKETS = {Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(1),
            Duration.ofMinutes(2), Duration.ofMinutes(5), Duration.ofMinutes(10), Duration.ofMinutes(30)};
    private static final Duration[] HANDLING_BUCKETS = {Duration.ofMinutes(1), Duration.ofMinutes(3), Duration.ofMinutes(5),
            Duration.ofMinutes(10), Duration.ofMinutes(20), Duration.ofMinutes(30), Duration.ofHours(1)};
    private static final double[] RATING_BUCKETS = {1, 2, 3, 4, 5};
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2}");

    private final MeterRegistry meters;
    private final Map<String, AtomicLong> queueLengths = new ConcurrentHashMap<>();
    private final Map<AgentStatus, AtomicLong> agentsByStatus = new EnumMap<>(AgentStatus.class);
    private final AtomicLong assigned = new AtomicLong();

    HandoffMeters(MeterRegistry meters) {
        this.meters = meters;
        for (AgentStatus status : AgentStatus.values()) {
            AtomicLong count = new AtomicLong();
            agentsByStatus.put(status, count);
            Gauge.builder("lotse.handoff.agents", count, AtomicLong::get).description("Agents by presence, of the whole installation")
                    .tag("status", status.code()).register(meters);
        }
        Gauge.builder("lotse.handoff.assigned", assigned, AtomicLong::get)
                .description("Conversations agents have now, of the whole installation").register(meters);
        List.of("de", "en").forEach(this::deflections);
        prepare(null);
    }

    @Override
    public void requested(String team, String reason, String outcome) {
        requests(team, reason == null ? "none" : reason, outcome).increment();
    }

    @Override
    public void waited(String team, Duration wait) {
        waits(team).record(wait);
    }

    @Override
    public void firstResponse(String team, Duration wait) {
        firstResponses(team).record(wait);
    }

    @Override
    public void handled(String team, Duration time) {
        handling(team).record(time);
    }

    @Override
    public void left(String team, String how) {
        departures(team, how).increment();
    }

    @Override
    public void transferred(String team, String to) {
        transfers(team, to).increment();
    }

    @Override
    public void rated(String team, int score) {
        ratings(team).record(score);
    }

    @Override
    public void deflected(String language) {
        deflections(language != null && LANGUAGE.matcher(language).matches() ? language : "other").increment();
    }

    /**
     * Registers a team's usual series at zero, once it is known: a counter born at its first event
     * would lose that event to Prometheus's rate() and increase().
     */
    private void prepare(String team) {
        queueLength(team);
        for (EscalationReason reason : EscalationReason.values()) {
            requests(team, reason.code(), "queued");
            requests(team, reason.code(), "offline");
        }
        waits(team);
        firstResponses(team);
        handling(team);
        departures(team, "cancelled");
        departures(team, "abandoned");
        transfers(team, "team");
        transfers(team, "agent");
        ratings(team);
    }

    private Counter requests(String team, String reason, String outcome) {
        return Counter.builder("lotse.handoff.requests").description("Conversations handed to the agents, by reason and outcome")
                .tag("team", team(team)).tag("reason", reason).tag("outcome", outcome).register(meters);
    }

    private Timer waits(String team) {
        return timer("lotse.handoff.wait", "From the handoff until an agent had the conversation", team, WAIT_BUCKETS);
    }

    private Timer firstResponses(String team) {
        return timer("lotse.handoff.first.response", "From the handoff until the agent's first message", team, WAIT_BUCKETS);
    }

    private Timer handling(String team) {
        return timer("lotse.handoff.handling", "From the assignment until the close", team, HANDLING_BUCKETS);
    }

    private Counter departures(String team, String how) {
        return Counter.builder("lotse.handoff.left").description("Customers who left the queue: cancelled or abandoned")
                .tag("team", team(team)).tag("how", how).register(meters);
    }

    private Counter transfers(String team, String to) {
        return Counter.builder("lotse.handoff.transfers").description("Transfers to a team or an agent")
                .tag("team", team(team)).tag("to", to).register(meters);
    }

    private DistributionSummary ratings(String team) {
        return DistributionSummary.builder("lotse.handoff.ratings").description("Customers' ratings of conversations agents closed, 1 to 5")
                .tag("team", team(team)).serviceLevelObjectives(RATING_BUCKETS).register(meters);
    }

    private Counter deflections(String language) {
        return Counter.builder("lotse.bot.deflections")
                .description("Conversations the bot answered and that ended without ever going to the agents")
                .tag("language", language).register(meters);
    }

    /** Reads the queue of every team and the agents' presence from Redis into the gauges. */
    void refresh(Handoff handoff) {
        List<String> teams = new ArrayList<>();
        teams.add(null);
        teams.addAll(handoff.teams());
        for (String team : teams) {
            if (!queueLengths.containsKey(team(team))) {
                prepare(team);
            }
            queueLength(team).set(handoff.queueLength(team));
        }
        Map<AgentStatus, Long> counts = new EnumMap<>(AgentStatus.class);
        long active = 0;
        for (AgentState agent : handoff.agents()) {
            counts.merge(agent.status(), 1L, Long::sum);
            active += agent.active();
        }
        agentsByStatus.forEach((status, count) -> count.set(counts.getOrDefault(status, 0L)));
        assigned.set(active);
    }

    private AtomicLong queueLength(String team) {
        return queueLengths.computeIfAbsent(team(team), tag -> {
            AtomicLong length = new AtomicLong();
            Gauge.builder("lotse.handoff.queue", length, AtomicLong::get)
                    .description("Conversations waiting in a team's queue, of the whole installation")
                    .tag("team", tag).register(meters);
            return length;
        });
    }

    private Timer timer(String name, String description, String team, Duration[] buckets) {
        return Timer.builder(name).description(description).tag("team", team(team)).publishPercentileHistogram(false)
                .serviceLevelObjectives(buckets).register(meters);
    }

    private static String team(String team) {
        // Team names as configuration allows them; anything else (never expected) is not a tag value.
        return team == null || team.isEmpty() ? "none" : LotseProperties.TEAM_NAME.matcher(team).matches() ? team : "other";
    }
}

package io.lotse.web.handoff;

import io.lotse.handoff.HandoffMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * The handoff's meters, tagged by team ({@code none} for conversations of no team): how long
 * customers wait for an agent and for the first answer, how long agents handle a conversation, how
 * many leave the queue, and transfers.
 */
final class HandoffMeters implements HandoffMetrics {

    private final MeterRegistry meters;

    HandoffMeters(MeterRegistry meters) {
        this.meters = meters;
    }

    @Override
    public void requested(String team, String reason, String outcome) {
        Counter.builder("lotse.handoff.requests").description("Conversations handed to the agents, by reason and outcome")
                .tag("team", team(team)).tag("reason", reason == null ? "none" : reason).tag("outcome", outcome)
                .register(meters).increment();
    }

    @Override
    public void waited(String team, Duration wait) {
        timer("lotse.handoff.wait", "From the handoff until an agent had the conversation", team).record(wait);
    }

    @Override
    public void firstResponse(String team, Duration wait) {
        timer("lotse.handoff.first.response", "From the handoff until the agent's first message", team).record(wait);
    }

    @Override
    public void handled(String team, Duration time) {
        timer("lotse.handoff.handling", "From the assignment until the close", team).record(time);
    }

    @Override
    public void left(String team, String how) {
        Counter.builder("lotse.handoff.left").description("Customers who left the queue: cancelled or abandoned")
                .tag("team", team(team)).tag("how", how).register(meters).increment();
    }

    @Override
    public void transferred(String team, String to) {
        Counter.builder("lotse.handoff.transfers").description("Transfers to a team or an agent")
                .tag("team", team(team)).tag("to", to).register(meters).increment();
    }

    private Timer timer(String name, String description, String team) {
        return Timer.builder(name).description(description).tag("team", team(team)).publishPercentileHistogram(false)
                .register(meters);
    }

    private static String team(String team) {
        return team == null ? "none" : team;
    }
}

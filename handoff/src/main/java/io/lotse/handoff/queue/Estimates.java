package io.lotse.handoff.queue;

import io.lotse.handoff.AgentState;
import io.lotse.handoff.AgentStatus;
import io.lotse.handoff.presence.Agents;
import io.lotse.handoff.store.Store;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The estimated wait at a place in a team's queue: the recent handling time divided among the
 * conversations the team's online agents take at once.
 */
public final class Estimates {

    /** The handling time assumed before any conversation was handled. */
    static final Duration DEFAULT_HANDLING = Duration.ofMinutes(5);

    private final Store store;
    private final Agents agents;

    public Estimates(Store store, Agents agents) {
        this.store = store;
        this.agents = agents;
    }

    /** The estimated wait at a place in a team's queue; empty while nobody of the team is online, when nobody can say. */
    public Optional<Duration> estimatedWait(String team, int position) {
        return perPlace(team).map(perPlace -> Duration.ofSeconds(Math.round(perPlace.toMillis() / 1000.0 * position)));
    }

    /** The wait each place in the team's queue adds; empty while nobody of the team is online. */
    public Optional<Duration> perPlace(String team) {
        String perPosition = perPosition(team);
        return perPosition.isEmpty() ? Optional.empty()
                : Optional.of(Duration.ofMillis(Math.round(Double.parseDouble(perPosition) * 1000)));
    }

    /** Seconds of wait per place in the team's queue, as the scripts take it: {@code ""} for no estimate. */
    String perPosition(String team) {
        int seats = agents.states().stream().filter(a -> a.status() == AgentStatus.ONLINE && a.serves(team))
                .mapToInt(AgentState::capacity).sum();
        if (seats == 0) {
            return "";
        }
        List<String> recent = store.sync().lrange(store.keys().handled(), 0, -1);
        double handling = recent.isEmpty() ? DEFAULT_HANDLING.toSeconds()
                : recent.stream().mapToDouble(Double::parseDouble).average().orElse(DEFAULT_HANDLING.toSeconds());
        return String.valueOf(handling / seats);
    }
}

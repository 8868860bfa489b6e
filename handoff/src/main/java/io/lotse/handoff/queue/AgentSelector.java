package io.lotse.handoff.queue;

import io.lotse.handoff.AgentState;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Picks the agent for a waiting conversation: of those who qualify (online, under capacity, in its
 * team), the one with the fewest open conversations, then the one idle longest.
 */
final class AgentSelector {

    private static final Comparator<AgentState> LEAST_BUSY_THEN_IDLE_LONGEST =
            Comparator.comparingInt(AgentState::active).thenComparing(AgentState::idleSince);

    /** The agents who may get a conversation now: online, with room. */
    List<AgentState> free(List<AgentState> states) {
        return states.stream().filter(AgentState::hasRoom).toList();
    }

    /** Of the free agents, the one for a conversation of this team ({@code null}: of no team). */
    Optional<AgentState> select(List<AgentState> free, String team) {
        return free.stream().filter(a -> a.serves(team)).min(LEAST_BUSY_THEN_IDLE_LONGEST);
    }
}

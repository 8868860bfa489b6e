package io.lotse.handoff;

import java.time.Instant;
import java.util.List;

/**
 * An agent now: presence, how many conversations they have of how many they take, their teams.
 *
 * @param idleSince when they last got a conversation (or went online), for picking the one idle longest
 */
public record AgentState(String name, String displayName, AgentStatus status, int capacity, int active,
        List<String> teams, Instant idleSince) {

    /** Takes conversations of this team ({@code null}: a conversation of no team, which any agent may take). */
    public boolean serves(String team) {
        return team == null || team.isEmpty() || teams.stream().anyMatch(t -> t.equalsIgnoreCase(team));
    }

    public boolean hasRoom() {
        return status == AgentStatus.ONLINE && active < capacity;
    }
}

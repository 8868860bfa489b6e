package io.lotse.handoff;

import java.util.List;
import java.util.Objects;

/**
 * An agent as configured: the user name, the name customers see, the teams (none: a general
 * agent, who takes conversations of no team) and how many conversations they take at once.
 */
public record AgentProfile(String name, String displayName, List<String> teams, int capacity) {

    public AgentProfile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(displayName, "displayName");
        // Team names are compared ignoring case; kept in lower case, as in the queues' keys.
        teams = teams.stream().map(t -> t.toLowerCase(java.util.Locale.ROOT)).distinct().toList();
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, not " + capacity);
        }
    }
}

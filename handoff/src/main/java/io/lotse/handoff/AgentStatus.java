package io.lotse.handoff;

import java.util.Locale;
import java.util.Optional;

/** An agent's presence: {@code online} gets conversations, {@code away} keeps what it has, {@code offline} is gone. */
public enum AgentStatus {
    ONLINE, AWAY, OFFLINE;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The status of a code, or empty for anything else. */
    public static Optional<AgentStatus> ofCode(String code) {
        for (AgentStatus status : values()) {
            if (status.code().equals(code)) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }
}

package io.lotse.handoff;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the {@link Handoff}.
 *
 * @param keyPrefix the first part of every Redis key and of the event channel
 * @param closedRetention how long a closed conversation is kept after its close, and a
 *     conversation left with the bot after its last frame
 */
public record HandoffSettings(String keyPrefix, Duration closedRetention) {

    public HandoffSettings {
        Objects.requireNonNull(keyPrefix, "keyPrefix");
        Objects.requireNonNull(closedRetention, "closedRetention");
        if (keyPrefix.isBlank()) {
            throw new IllegalArgumentException("keyPrefix must not be blank");
        }
        if (closedRetention.toMillis() <= 0) {
            throw new IllegalArgumentException("closedRetention must be positive, not " + closedRetention);
        }
    }
}

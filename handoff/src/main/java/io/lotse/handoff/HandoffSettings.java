package io.lotse.handoff;

import io.lotse.handoff.hours.BusinessHours;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Settings of the {@link Handoff}.
 *
 * @param keyPrefix the first part of every Redis key and of the event channel
 * @param closedRetention how long a closed conversation is kept after its close, and a
 *     conversation left with the bot after its last frame
 * @param presenceTimeout how long an agent's console may be gone before the agent is offline
 * @param abandonAfter how long a queued customer may have no open connection before the
 *     conversation is closed as abandoned
 * @param firstResponse the service level: how soon after the handoff an agent should write
 * @param firstResponseByTier the same per customer tier ({@code A}, {@code B}, {@code C}), where it differs
 * @param businessHours when agents are there at all
 * @param teamByCategory which team takes the questions of an article category (lower-case category)
 * @param openRetention how long a conversation that waits for an agent (queued or pending) or is
 *     with an agent is kept after its last frame
 */
public record HandoffSettings(String keyPrefix, Duration closedRetention, Duration presenceTimeout, Duration abandonAfter,
        Duration firstResponse, Map<String, Duration> firstResponseByTier, BusinessHours businessHours,
        Map<String, String> teamByCategory, Duration openRetention) {

    /** How long an open conversation is kept after its last frame when nothing else is said. */
    public static final Duration DEFAULT_OPEN_RETENTION = Duration.ofDays(30);

    public HandoffSettings {
        Objects.requireNonNull(keyPrefix, "keyPrefix");
        Objects.requireNonNull(businessHours, "businessHours");
        if (keyPrefix.isBlank()) {
            throw new IllegalArgumentException("keyPrefix must not be blank");
        }
        positive("closedRetention", closedRetention);
        positive("presenceTimeout", presenceTimeout);
        positive("abandonAfter", abandonAfter);
        positive("firstResponse", firstResponse);
        positive("openRetention", openRetention);
        firstResponseByTier = Map.copyOf(firstResponseByTier);
        Map<String, String> teams = new LinkedHashMap<>();
        teamByCategory.forEach((category, team) -> teams.put(category.toLowerCase(Locale.ROOT), team.toLowerCase(Locale.ROOT)));
        teamByCategory = Map.copyOf(teams);
    }

    /** These settings with open conversations kept for {@link #DEFAULT_OPEN_RETENTION}. */
    public HandoffSettings(String keyPrefix, Duration closedRetention, Duration presenceTimeout, Duration abandonAfter,
            Duration firstResponse, Map<String, Duration> firstResponseByTier, BusinessHours businessHours,
            Map<String, String> teamByCategory) {
        this(keyPrefix, closedRetention, presenceTimeout, abandonAfter, firstResponse, firstResponseByTier, businessHours,
                teamByCategory, DEFAULT_OPEN_RETENTION);
    }

    /** The defaults of everything but the prefix and the retention: always open, no teams, 2 min service level. */
    public HandoffSettings(String keyPrefix, Duration closedRetention) {
        this(keyPrefix, closedRetention, Duration.ofSeconds(60), Duration.ofMinutes(10), Duration.ofMinutes(2), Map.of(),
                BusinessHours.always(), Map.of());
    }

    /** The first-response service level of a customer tier ({@code null}: anonymous). */
    public Duration firstResponseFor(String tier) {
        return tier == null ? firstResponse : firstResponseByTier.getOrDefault(tier, firstResponse);
    }

    /** The team that takes questions about articles of a category, or {@code null} for any agent. */
    public String teamFor(String category) {
        return category == null ? null : teamByCategory.get(category.toLowerCase(Locale.ROOT));
    }

    private static void positive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.toMillis() <= 0) {
            throw new IllegalArgumentException(name + " must be positive, not " + value);
        }
    }
}

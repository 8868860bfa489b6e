package io.lotse.web.handoff;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class HandoffMetersTests {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final HandoffMeters meters = new HandoffMeters(registry);

    @Test
    void waitsFallIntoServiceLevelBucketsPerTeam() {
        meters.waited("technik", Duration.ofSeconds(90));
        meters.waited("technik", Duration.ofMinutes(3));
        meters.waited(null, Duration.ofSeconds(5));

        Timer technik = registry.get("lotse.handoff.wait").tag("team", "technik").timer();
        assertThat(technik.count()).isEqualTo(2);
        CountAtBucket withinTwoMinutes = Arrays.stream(technik.takeSnapshot().histogramCounts())
                .filter(bucket -> bucket.bucket(java.util.concurrent.TimeUnit.SECONDS) == 120).findFirst().orElseThrow();
        assertThat(withinTwoMinutes.count()).isEqualTo(1);
        assertThat(registry.get("lotse.handoff.wait").tag("team", "none").timer().count()).isEqualTo(1);
    }

    @Test
    void ratingsAreADistributionPerTeam() {
        meters.rated("technik", 5);
        meters.rated("technik", 2);

        DistributionSummary ratings = registry.get("lotse.handoff.ratings").tag("team", "technik").summary();
        assertThat(ratings.count()).isEqualTo(2);
        assertThat(ratings.mean()).isEqualTo(3.5);
    }

    @Test
    void deflectionsAreCountedByLanguageAndStrangeTagValuesAreKeptOut() {
        meters.deflected("de");
        meters.deflected("");
        meters.transferred("Team mit Leerzeichen", "team");
        meters.transferred("Billing", "team");

        assertThat(registry.get("lotse.bot.deflections").tag("language", "de").counter().count()).isEqualTo(1);
        assertThat(registry.get("lotse.bot.deflections").tag("language", "other").counter().count()).isEqualTo(1);
        assertThat(registry.get("lotse.handoff.transfers").tag("team", "other").counter().count()).isEqualTo(1);
        assertThat(registry.get("lotse.handoff.transfers").tag("team", "Billing").counter().count())
                .as("a team name as configuration allows it").isEqualTo(1);
    }

    @Test
    void theSeriesOfConversationsOfNoTeamExistFromTheStartAtZero() {
        assertThat(registry.get("lotse.handoff.requests").tag("team", "none").tag("reason", "low_confidence")
                .tag("outcome", "queued").counter().count()).isZero();
        assertThat(registry.get("lotse.handoff.left").tag("team", "none").tag("how", "abandoned").counter().count()).isZero();
        assertThat(registry.get("lotse.handoff.first.response").tag("team", "none").timer().count()).isZero();
        assertThat(registry.get("lotse.bot.deflections").tag("language", "en").counter().count()).isZero();
    }

    @Test
    void theGaugesOfTheQueueWithoutTeamAndOfTheAgentsExistFromTheStart() {
        assertThat(registry.get("lotse.handoff.queue").tag("team", "none").gauge().value()).isZero();
        assertThat(registry.get("lotse.handoff.agents").tag("status", "online").gauge().value()).isZero();
        assertThat(registry.get("lotse.handoff.assigned").gauge().value()).isZero();
    }
}

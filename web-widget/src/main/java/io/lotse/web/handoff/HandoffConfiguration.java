package io.lotse.web.handoff;

import io.lotse.handoff.AgentProfile;
import io.lotse.handoff.Handoff;
import io.lotse.handoff.HandoffSettings;
import io.lotse.web.LotseProperties;
import io.lotse.web.identity.Tier;
import io.lotse.web.redis.RedisConnections;
import io.lotse.web.security.Users;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Wires the live-agent handoff of this node: its settings from {@code chatbot.handoff.*}, the
 * agents from {@code chatbot.users.*}, its meters, and the upkeep every node runs each second
 * (presence timeouts, abandoned customers, serving the queue, deflected conversations).
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class HandoffConfiguration {

    @Bean
    HandoffMeters handoffMeters(MeterRegistry meters) {
        return new HandoffMeters(meters);
    }

    @Bean(destroyMethod = "close")
    Handoff handoff(LotseProperties properties, RedisConnections redis, Users users, HandoffMeters meters) {
        LotseProperties.Handoff config = properties.handoff();
        Map<String, Duration> byTier = new LinkedHashMap<>();
        for (Tier tier : Tier.values()) {
            byTier.put(tier.name(), config.firstResponse(tier));
        }
        Map<String, String> teamByCategory = new LinkedHashMap<>();
        config.teams().forEach((team, settings) -> settings.categories().forEach(category -> teamByCategory.put(category, team)));
        HandoffSettings settings = new HandoffSettings(properties.redis().keyPrefix(), properties.chat().closedRetention(),
                config.presenceTimeout(), config.abandonAfter(), config.firstResponse(null), byTier, config.hours(),
                teamByCategory, properties.chat().openRetention());
        Handoff handoff = new Handoff(redis.main(), redis.newPubSub(properties.redis().keyPrefix() + ":handoff-events"), settings, Clock.systemUTC(), meters);
        handoff.registerAgents(users.agents().stream()
                .map(a -> new AgentProfile(a.name(), a.displayName(), a.teams(), a.capacity()))
                .toList());
        return handoff;
    }

    /** What every node does each second; a node that cannot reach Redis tries again the next second. */
    @Component
    static class Upkeep {

        private static final Logger log = LoggerFactory.getLogger(Upkeep.class);

        private final Handoff handoff;
        private final HandoffMeters meters;

        Upkeep(Handoff handoff, HandoffMeters meters) {
            this.handoff = handoff;
            this.meters = meters;
        }

        @Scheduled(fixedDelay = 1000, initialDelay = 1000)
        void run() {
            try {
                handoff.upkeep();
            } catch (RuntimeException e) {
                log.debug("Handoff upkeep skipped: {}", e.toString());
            }
        }

        /** The queue lengths and the agents' presence for the meters; a scrape never waits for Redis. */
        @Scheduled(fixedDelay = 5000, initialDelay = 1000)
        void refreshMeters() {
            try {
                meters.refresh(handoff);
            } catch (RuntimeException e) {
                log.debug("Handoff meters not refreshed: {}", e.toString());
            }
        }
    }
}

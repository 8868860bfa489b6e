package io.lotse.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lotse.web.identity.Tier;
import io.lotse.web.security.Users;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.util.unit.DataSize;

/** Binds {@code chatbot.*} as Spring Boot does at start-up, from flat properties. */
class LotsePropertiesBindingTests {

    private static LotseProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("chatbot", LotseProperties.class);
    }

    @Test
    void withoutSettingsTheDefaultsHold() {
        LotseProperties.Handoff handoff = bind(Map.of()).handoff();
        assertThat(handoff.teams()).isEmpty();
        assertThat(handoff.hours().isAlways()).isTrue();
        assertThat(handoff.timeZone()).isEqualTo(ZoneId.of("UTC"));
        assertThat(handoff.presenceTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(handoff.abandonAfter()).isEqualTo(Duration.ofMinutes(10));
        assertThat(handoff.firstResponse(null)).isEqualTo(Duration.ofMinutes(2));
        assertThat(handoff.firstResponse(Tier.A)).isEqualTo(Duration.ofMinutes(2));
        assertThat(bind(Map.of()).identity().secret()).isNull();
        assertThat(bind(Map.of()).identity().verifier().isConfigured()).isFalse();
    }

    @Test
    void privacyAndAbuseSettingsBindWithTheirDefaults() {
        LotseProperties defaults = bind(Map.of());
        assertThat(defaults.chat().openRetention()).isEqualTo(Duration.ofDays(30));
        assertThat(defaults.chat().closedRetention()).isEqualTo(Duration.ofDays(30));
        assertThat(defaults.chat().newConversationsPerMinute()).isEqualTo(30);
        assertThat(defaults.security().tokenTtl()).isEqualTo(Duration.ofDays(30));

        LotseProperties set = bind(Map.of("chatbot.chat.open-retention", "7d", "chatbot.chat.new-conversations-per-minute", "20",
                "chatbot.security.token-ttl", "12h", "chatbot.security.token-secret", "a secret of enough length"));
        assertThat(set.chat().openRetention()).isEqualTo(Duration.ofDays(7));
        assertThat(set.chat().newConversationsPerMinute()).isEqualTo(20);
        assertThat(set.security().tokenTtl()).isEqualTo(Duration.ofHours(12));
        assertThat(set.security().toString()).doesNotContain("a secret of enough length");

        assertThatThrownBy(() -> bind(Map.of("chatbot.chat.new-conversations-per-minute", "0")))
                .hasRootCauseMessage("chatbot.chat.new-conversations-per-minute must be 1 or more, not 0");
        assertThatThrownBy(() -> bind(Map.of("chatbot.security.token-ttl", "0s"))).isInstanceOf(BindException.class);
    }

    @Test
    void theLimitsAgainstAbuseBindWithTheirDefaults() {
        LotseProperties defaults = bind(Map.of());
        assertThat(defaults.http().maxBody()).isEqualTo(DataSize.ofMegabytes(1));
        assertThat(defaults.security().loginAttempts()).isEqualTo(10);
        assertThat(defaults.security().loginLockout()).isEqualTo(Duration.ofMinutes(15));

        LotseProperties set = bind(Map.of("chatbot.http.max-body", "256KB", "chatbot.security.login-attempts", "3",
                "chatbot.security.login-lockout", "1h"));
        assertThat(set.http().maxBody()).isEqualTo(DataSize.ofKilobytes(256));
        assertThat(set.security().loginAttempts()).isEqualTo(3);
        assertThat(set.security().loginLockout()).isEqualTo(Duration.ofHours(1));

        assertThatThrownBy(() -> bind(Map.of("chatbot.http.max-body", "0B"))).isInstanceOf(BindException.class)
                .rootCause().hasMessageContaining("chatbot.http.max-body");
    }

    @Test
    void everyHandoffSettingBinds() {
        LotseProperties properties = bind(Map.ofEntries(
                Map.entry("chatbot.users.anna.password", "{noop}pw"),
                Map.entry("chatbot.users.anna.roles", "AGENT"),
                Map.entry("chatbot.users.anna.teams", "Billing, tech"),
                Map.entry("chatbot.users.anna.capacity", "5"),
                Map.entry("chatbot.users.bo.password", "{noop}pw"),
                Map.entry("chatbot.users.bo.roles", "AGENT"),
                Map.entry("chatbot.handoff.teams.Billing.categories", "billing, Payments,,"),
                Map.entry("chatbot.handoff.teams.tech.categories", "technical"),
                Map.entry("chatbot.handoff.business-hours", "mon-fri 08:00-18:00; SAT 10:00-14:00"),
                Map.entry("chatbot.handoff.time-zone", "Europe/Berlin"),
                Map.entry("chatbot.handoff.sla.first-response", "3m"),
                Map.entry("chatbot.handoff.sla.first-response.B", "90s"),
                Map.entry("chatbot.handoff.presence-timeout", "4s"),
                Map.entry("chatbot.handoff.abandon-after", "2s"),
                Map.entry("chatbot.identity.secret", "a-secret-of-at-least-thirty-two-bytes!")));

        Users users = Users.from(properties.users());
        assertThat(users.teams("anna")).containsExactly("Billing", "tech");
        assertThat(users.capacity("anna")).isEqualTo(5);
        assertThat(users.teams("bo")).isEmpty();
        assertThat(users.capacity("bo")).isEqualTo(3);
        assertThat(users.agents()).extracting(Users.Agent::name).containsExactly("anna", "bo");

        LotseProperties.Handoff handoff = properties.handoff();
        assertThat(handoff.teams()).containsOnlyKeys("Billing", "tech");
        assertThat(handoff.teams().get("Billing").categories()).containsExactly("billing", "Payments");
        assertThat(handoff.teamForCategory("PAYMENTS")).contains("Billing");
        assertThat(handoff.teamForCategory("technical")).contains("tech");
        assertThat(handoff.teamForCategory("shipping")).isEmpty();
        assertThat(handoff.teamForCategory(null)).isEmpty();
        assertThat(handoff.timeZone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(handoff.hours().spec()).isEqualTo("MON-FRI 08:00-18:00; SAT 10:00-14:00");
        assertThat(handoff.hours().zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(handoff.hours().isOpen(Instant.parse("2025-06-02T06:30:00Z"))).as("08:30 in Berlin").isTrue();
        assertThat(handoff.firstResponse(null)).isEqualTo(Duration.ofMinutes(3));
        assertThat(handoff.firstResponse(Tier.B)).isEqualTo(Duration.ofSeconds(90));
        assertThat(handoff.firstResponse(Tier.A)).isEqualTo(Duration.ofMinutes(3));
        assertThat(handoff.presenceTimeout()).isEqualTo(Duration.ofSeconds(4));
        assertThat(handoff.abandonAfter()).isEqualTo(Duration.ofSeconds(2));
        assertThat(properties.identity().verifier().isConfigured()).isTrue();
        assertThat(properties.identity().toString()).doesNotContain("thirty-two");
    }

    @Test
    void theFirstResponseLimitBindsAsAValueAndPerTier() {
        LotseProperties.Handoff onlyDefault = bind(Map.of("chatbot.handoff.sla.first-response", "5m")).handoff();
        assertThat(onlyDefault.firstResponse(null)).isEqualTo(Duration.ofMinutes(5));
        assertThat(onlyDefault.firstResponse(Tier.A)).isEqualTo(Duration.ofMinutes(5));

        LotseProperties.Handoff defaultAndA = bind(Map.of(
                "chatbot.handoff.sla.first-response", "5m",
                "chatbot.handoff.sla.first-response.a", "30s")).handoff();
        assertThat(defaultAndA.firstResponse(Tier.A)).isEqualTo(Duration.ofSeconds(30));
        assertThat(defaultAndA.firstResponse(Tier.B)).isEqualTo(Duration.ofMinutes(5));
        assertThat(defaultAndA.firstResponse(null)).isEqualTo(Duration.ofMinutes(5));

        LotseProperties.Handoff bothCases = bind(Map.of(
                "chatbot.handoff.sla.first-response.A", "1m",
                "chatbot.handoff.sla.first-response.b", "3m",
                "chatbot.handoff.sla.first-response.C", "4m")).handoff();
        assertThat(bothCases.firstResponse(Tier.A)).isEqualTo(Duration.ofMinutes(1));
        assertThat(bothCases.firstResponse(Tier.B)).isEqualTo(Duration.ofMinutes(3));
        assertThat(bothCases.firstResponse(Tier.C)).isEqualTo(Duration.ofMinutes(4));
        assertThat(bothCases.firstResponse(null)).as("the default still holds").isEqualTo(Duration.ofMinutes(2));
        assertThat(bothCases.sla()).containsOnlyKeys("first-response.a", "first-response.b", "first-response.c");

        // The bracketed form that YAML needs binds as well.
        assertThat(bind(Map.of("chatbot.handoff.sla[first-response.a]", "45s")).handoff().firstResponse(Tier.A))
                .isEqualTo(Duration.ofSeconds(45));
    }

    @Test
    void environmentVariablesBindToo() {
        Map<String, Object> env = Map.of(
                "CHATBOT_HANDOFF_SLA_FIRSTRESPONSE", "7m",
                "CHATBOT_HANDOFF_SLA_FIRSTRESPONSE_A", "20s",
                "CHATBOT_HANDOFF_PRESENCETIMEOUT", "15s",
                "CHATBOT_HANDOFF_BUSINESSHOURS", "MON 09:00-10:00",
                "CHATBOT_USERS_ANNA_CAPACITY", "2");
        var sources = ConfigurationPropertySources.from(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, env));
        LotseProperties properties = new Binder(sources).bindOrCreate("chatbot", LotseProperties.class);
        assertThat(properties.handoff().firstResponse(null)).isEqualTo(Duration.ofMinutes(7));
        assertThat(properties.handoff().firstResponse(Tier.A)).isEqualTo(Duration.ofSeconds(20));
        assertThat(properties.handoff().presenceTimeout()).isEqualTo(Duration.ofSeconds(15));
        assertThat(properties.handoff().hours().spec()).isEqualTo("MON 09:00-10:00");
        assertThat(properties.users().get("anna").capacity()).isEqualTo(2);
    }

    @Test
    void badValuesStopTheStartNamingTheProperty() {
        assertRefused(Map.of("chatbot.handoff.business-hours", "MON-FRI 18:00-08:00"), "chatbot.handoff.business-hours");
        assertRefused(Map.of("chatbot.handoff.time-zone", "Mars/Olympus"), "chatbot.handoff.time-zone");
        assertRefused(Map.of("chatbot.handoff.sla.first-response", "soon"), "chatbot.handoff.sla");
        assertRefused(Map.of("chatbot.handoff.sla.first-response.d", "1m"), "chatbot.handoff.sla.first-response.d");
        assertRefused(Map.of("chatbot.handoff.sla.first-respons", "1m"), "chatbot.handoff.sla.first-respons");
        assertRefused(Map.of("chatbot.handoff.sla.first-response", "0s"), "chatbot.handoff.sla.first-response");
        assertRefused(Map.of("chatbot.handoff.presence-timeout", "-5s"), "chatbot.handoff.presence-timeout");
        assertRefused(Map.of("chatbot.handoff.abandon-after", "later"), "chatbot.handoff.abandon-after");
        assertRefused(Map.of("chatbot.users.anna.capacity", "lots"), "chatbot.users.anna.capacity");
        assertRefused(Map.of("chatbot.handoff.teams.a.categories", "billing", "chatbot.handoff.teams.b.categories", "Billing"),
                "already goes to team");
    }

    private static void assertRefused(Map<String, String> properties, String property) {
        assertThatThrownBy(() -> bind(properties)).isInstanceOf(BindException.class)
                .satisfies(e -> assertThat(messages(e)).contains(property));
    }

    /** The messages of an exception and its causes, as Spring Boot's start-up failure report shows them. */
    private static String messages(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append(" / ");
        }
        return all.toString();
    }

    @Test
    void aTeamMayHaveMembersOnlyOrCategoriesOnly() {
        LotseProperties properties = bind(Map.of(
                "chatbot.users.anna.password", "{noop}pw", "chatbot.users.anna.roles", "AGENT", "chatbot.users.anna.teams", "vip",
                "chatbot.handoff.teams.returns.categories", "returns"));
        assertThat(Users.from(properties.users()).teams("anna")).containsExactly("vip");
        assertThat(properties.handoff().teams()).containsOnlyKeys("returns");
        assertThat(List.copyOf(properties.handoff().teams().keySet())).containsExactly("returns");
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(LotseProperties.class)
    static class WithProperties {}

    @Test
    void theApplicationBindsTheSameWay() {
        new ApplicationContextRunner().withUserConfiguration(WithProperties.class)
                .withPropertyValues("chatbot.handoff.sla.first-response=5m", "chatbot.handoff.sla.first-response.A=1m",
                        "chatbot.handoff.time-zone=Europe/Berlin", "chatbot.handoff.abandon-after=4s")
                .run(context -> {
                    LotseProperties.Handoff handoff = context.getBean(LotseProperties.class).handoff();
                    assertThat(handoff.firstResponse(Tier.A)).isEqualTo(Duration.ofMinutes(1));
                    assertThat(handoff.firstResponse(Tier.C)).isEqualTo(Duration.ofMinutes(5));
                    assertThat(handoff.hours().zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
                    assertThat(handoff.abandonAfter()).isEqualTo(Duration.ofSeconds(4));
                });
        new ApplicationContextRunner().withUserConfiguration(WithProperties.class)
                .withPropertyValues("chatbot.handoff.business-hours=MON-FRY 08:00-18:00")
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .satisfies(e -> assertThat(messages(e)).contains("chatbot.handoff.business-hours: unknown day 'FRY'")));
    }
}

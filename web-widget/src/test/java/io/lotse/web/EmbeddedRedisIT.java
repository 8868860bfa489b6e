package io.lotse.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * A node as a new user starts it: no Redis configured, so it runs its own from the data
 * directory, loads the sample knowledge base, and keeps conversations across a restart.
 */
class EmbeddedRedisIT {

    @TempDir
    Path dataDir;

    @Test
    void startsItsOwnRedisServesTheSamplesAndKeepsConversationsAcrossARestart() {
        String token;
        List<JsonNode> before;
        try (ConfigurableApplicationContext app = start()) {
            Api api = new Api(port(app));
            // Start-up does not wait for the bot's calibration: until it is done the node is out of
            // service (HTTP 503), so that a load balancer waits, and then up.
            Api.Response starting = api.get("/actuator/health", null);
            if (starting.status() == 503) {
                assertThat(starting.json().path("status").asString()).isEqualTo("OUT_OF_SERVICE");
                assertThat(starting.json().path("components").path("bot").path("status").asString()).isEqualTo("OUT_OF_SERVICE");
            }
            Api.Response health = await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100))
                    .until(() -> api.get("/actuator/health", null), response -> response.status() != 503);
            assertThat(health.status()).isEqualTo(200);
            assertThat(health.json().path("status").asString()).isEqualTo("UP");
            assertThat(health.json().path("components").path("bot").path("status").asString()).isEqualTo("UP");
            assertThat(api.get("/actuator/health/readiness", null).json().path("status").asString()).isEqualTo("UP");
            assertThat(health.json().path("components").path("redis").path("status").asString()).isEqualTo("UP");
            assertThat(health.json().path("components").path("knowledgeBase").path("status").asString()).isEqualTo("UP");

            assertThat(api.get("/api/articles?locale=de", "erik").json().size()).isGreaterThanOrEqualTo(20);
            assertThat(api.get("/api/articles?locale=en", "erik").json().size()).isGreaterThanOrEqualTo(20);

            try (ChatClient customer = ChatClient.connect(port(app), "lang=de")) {
                token = customer.next("welcome").path("token").asString();
                customer.message("s-1", "Wie lange dauert der Versand?");
                before = customer.drain();
                JsonNode answer = before.get(1);
                assertThat(answer.path("kind").asString()).isEqualTo("answer");
                assertThat(answer.path("articleId").asString()).startsWith("de-");
            }
        }
        try (ConfigurableApplicationContext restarted = start()) {
            try (ChatClient customer = ChatClient.connect(port(restarted), "token=" + token)) {
                assertThat(customer.next("welcome").path("resumed").asBoolean()).isTrue();
                assertThat(customer.drain()).isEqualTo(before);
            }
        }
    }

    private ConfigurableApplicationContext start() {
        // As command-line arguments, which win over application.properties (server.port=8080, perhaps
        // taken by a running demo); default properties would not.
        return new SpringApplicationBuilder(LotseApplication.class).run(
                "--server.port=0",
                "--chatbot.data-dir=" + dataDir,
                "--chatbot.users.erik.password={noop}erik-secret",
                "--chatbot.users.erik.roles=EDITOR");
    }

    private static int port(ConfigurableApplicationContext app) {
        return Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
    }
}

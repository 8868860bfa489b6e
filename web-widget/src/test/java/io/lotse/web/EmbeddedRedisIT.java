package io.lotse.web;

import static org.assertj.core.api.Assertions.assertThat;

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
    void startsItsOwnRedisServesTheSamplesAndKeepsConversationsAcrossARestart() throws InterruptedException {
        String token;
        List<JsonNode> before;
        try (ConfigurableApplicationContext app = start()) {
            Api api = new Api(port(app));
            // Start-up does not wait for the bot's calibration: until it is done the node is out of
            // service (HTTP 503), so that a load balancer waits, and then up.
            Api.Response health = api.get("/actuator/health", null);
            if (health.status() == 503) {
                assertThat(health.json().path("status").asString()).isEqualTo("OUT_OF_SERVICE");
                assertThat(health.json().path("components").path("bot").path("status").asString()).isEqualTo("OUT_OF_SERVICE");
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (health.status() == 503 && System.nanoTime() < deadline) {
                Thread.sleep(100);
                health = api.get("/actuator/health", null);
            }
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
        return new SpringApplicationBuilder(LotseApplication.class).properties(
                        "server.port=0",
                        "chatbot.data-dir=" + dataDir,
                        "chatbot.users.erik.password={noop}erik-secret",
                        "chatbot.users.erik.roles=EDITOR")
                .run();
    }

    private static int port(ConfigurableApplicationContext app) {
        return Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
    }
}

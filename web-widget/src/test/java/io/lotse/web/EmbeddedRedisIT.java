package io.lotse.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.assertj.core.api.InstanceOfAssertFactories;
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
        CompletableFuture<List<String>> agentStream;
        try (ConfigurableApplicationContext app = start()) {
            Api api = new Api(port(app));
            agentStream = agentEvents(port(app));
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
        // Shutting down ended the agent console's event stream as a stream ends, not cut off after the
        // graceful shutdown's timeout (which would fail the read with an exception).
        assertThat(agentStream).succeedsWithin(Duration.ofSeconds(10)).asInstanceOf(InstanceOfAssertFactories.LIST)
                .contains("event:hello");
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
                "--chatbot.users.erik.roles=EDITOR",
                "--chatbot.users.anna.password={noop}anna-secret",
                "--chatbot.users.anna.roles=AGENT");
    }

    /** An agent console's event stream, read to its end on another thread: its lines. */
    private static CompletableFuture<List<String>> agentEvents(int port) {
        String login = Base64.getEncoder().encodeToString("anna:anna-secret".getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/agent/events"))
                .header("Authorization", "Basic " + login).header("Accept", "text/event-stream").build();
        return HttpClient.newHttpClient().sendAsync(request, HttpResponse.BodyHandlers.ofLines())
                .thenApplyAsync(response -> {
                    assertThat(response.statusCode()).isEqualTo(200);
                    try (Stream<String> lines = response.body()) {
                        return lines.toList();
                    }
                });
    }

    private static int port(ConfigurableApplicationContext app) {
        return Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
    }
}

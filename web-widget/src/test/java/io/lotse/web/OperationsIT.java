package io.lotse.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Contract version 3 for operators: the metrics and Prometheus endpoints for administrators only,
 * the product's own meters there after a chat and a handoff, and the OpenAPI description of the APIs.
 */
class OperationsIT extends AppIT {

    private Api api;

    @BeforeEach
    void everyoneOfflineBefore() {
        api = api();
        resetHandoff();
    }

    @AfterEach
    void everyoneOfflineAfter() {
        resetHandoff();
    }

    @Test
    void metricsAreForAdministratorsOnlyAndHealthStaysOpen() {
        for (String endpoint : List.of("/actuator/prometheus", "/actuator/metrics", "/actuator/metrics/lotse.bot.replies")) {
            Api.Response anonymous = api.get(endpoint, null);
            assertThat(anonymous.status()).as(endpoint).isEqualTo(401);
            assertThat(anonymous.json().path("code").asString()).isEqualTo("unauthorized");
            assertThat(anonymous.json().path("message").asString()).isNotBlank();
            for (String notAdmin : List.of("anna", "erik")) {
                Api.Response denied = api.get(endpoint, notAdmin);
                assertThat(denied.status()).as(endpoint + " for " + notAdmin).isEqualTo(403);
                assertThat(denied.json().path("code").asString()).isEqualTo("forbidden");
            }
        }
        Api.Response wrongPassword = api.send(api.request("/actuator/prometheus", null)
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString("ada:nope".getBytes())).GET());
        assertThat(wrongPassword.status()).isEqualTo(401);
        assertThat(wrongPassword.json().path("code").asString()).isEqualTo("unauthorized");

        Api.Response prometheus = api.get("/actuator/prometheus", "ada");
        assertThat(prometheus.status()).isEqualTo(200);
        assertThat(prometheus.body()).contains("lotse_knowledge_articles{language=\"en\"}", "lotse_knowledge_generation",
                "lotse_handoff_queue{team=\"none\"}", "lotse_handoff_agents{status=\"offline\"}");
        assertThat(value(prometheus.body(), "lotse_knowledge_articles", "language=\"de\"")).isEqualTo(4);
        assertThat(api.get("/actuator/metrics", "ada").json().path("names").valueStream().map(JsonNode::asString))
                .contains("lotse.knowledge.articles", "lotse.handoff.queue");

        for (String health : List.of("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness")) {
            Api.Response open = api.get(health, null);
            assertThat(open.status()).as(health).isIn(200, 503);
            assertThat(open.json().path("status").asString()).as(health).isNotBlank();
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                value(api.get("/actuator/prometheus", "ada").body(), "lotse_bot_calibration_seconds_count", "outcome=\"calibrated\""))
                .as("the first calibration after start").isPositive());
    }

    @Test
    void anAnsweredQuestionCountsAsAnAnswerWithItsConfidence() {
        double answersBefore = scrape("lotse_bot_replies_total", "kind=\"answer\"", "language=\"en\"");
        double confidenceBefore = scrape("lotse_bot_confidence_count", "decision=\"answer\"", "language=\"en\"");

        try (ChatClient customer = connect("lang=en")) {
            customer.next("welcome");
            customer.message("m-1", "How long does shipping take?");
            JsonNode answer = customer.until(f -> "bot".equals(f.path("type").asString())).getLast();
            assertThat(answer.path("kind").asString()).isEqualTo("answer");
        }

        assertThat(scrape("lotse_bot_replies_total", "kind=\"answer\"", "language=\"en\"")).isEqualTo(answersBefore + 1);
        assertThat(scrape("lotse_bot_confidence_count", "decision=\"answer\"", "language=\"en\"")).isEqualTo(confidenceBefore + 1);
        assertThat(api.get("/actuator/prometheus", "ada").body()).contains("lotse_bot_confidence_bucket{decision=\"answer\",language=\"en\",le=\"0.5\"}");
    }

    @Test
    void aHandoffShowsInTheHandoffMeters() {
        double requestsBefore = scrape("lotse_handoff_requests_total", "reason=\"customer_request\"", "outcome=\"queued\"", "team=\"none\"");
        double ratingsBefore = scrape("lotse_handoff_ratings_count", "team=\"none\"");
        assertThat(api.put("/api/agent/presence", "anna", "{\"status\":\"online\"}").status()).isEqualTo(200);
        try (ChatClient customer = connect("lang=en")) {
            String id = customer.next("welcome").path("conversationId").asString();
            customer.send(Map.of("type", "message", "id", "h-1", "text", "I want to talk to a human", "payload", "human"));
            customer.until(f -> "assigned".equals(f.path("status").asString()));
            assertThat(api.post("/api/agent/conversations/" + id + "/messages", "anna", "{\"text\":\"Hello, Anna here.\"}").status())
                    .isEqualTo(201);
            assertThat(api.post("/api/agent/conversations/" + id + "/close", "anna", null).status()).isEqualTo(200);
            customer.until(f -> "closed".equals(f.path("status").asString()));
            customer.send(Map.of("type", "rating", "score", 5));
            customer.until(f -> "rating".equals(f.path("type").asString()));
        }

        assertThat(scrape("lotse_handoff_requests_total", "reason=\"customer_request\"", "outcome=\"queued\"", "team=\"none\""))
                .isEqualTo(requestsBefore + 1);
        assertThat(scrape("lotse_handoff_ratings_count", "team=\"none\"")).isEqualTo(ratingsBefore + 1);
        String text = api.get("/actuator/prometheus", "ada").body();
        assertThat(value(text, "lotse_handoff_wait_seconds_count", "team=\"none\"")).isPositive();
        assertThat(value(text, "lotse_handoff_first_response_seconds_count", "team=\"none\"")).isPositive();
        assertThat(value(text, "lotse_handoff_handling_seconds_count", "team=\"none\"")).isPositive();
        assertThat(value(text, "lotse_bot_replies_total", "kind=\"handoff\"")).isPositive();
        assertThat(text).contains("lotse_handoff_wait_seconds_bucket{team=\"none\",le=\"120.0\"}");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                value(api.get("/actuator/prometheus", "ada").body(), "lotse_handoff_agents", "status=\"online\"")).isEqualTo(1));
    }

    @Test
    void theApiDescriptionListsTheAgentEditorAndAdminApisAndNothingElse() {
        Api.Response docs = api.get("/v3/api-docs", null);
        assertThat(docs.status()).as("open to anyone").isEqualTo(200);
        JsonNode openApi = docs.json();
        assertThat(openApi.path("openapi").asString()).startsWith("3.");
        assertThat(openApi.path("info").path("title").asString()).isEqualTo("Lotse API");
        assertThat(openApi.path("info").path("version").asString()).isEqualTo("3");
        List<String> paths = openApi.path("paths").propertyStream().map(Map.Entry::getKey).toList();
        assertThat(paths).contains("/api/agent/queue", "/api/agent/conversations/{id}/claim", "/api/agent/presence",
                "/api/articles", "/api/articles/{id}", "/api/bot/preview", "/api/admin/team");
        assertThat(paths).allMatch(path -> path.startsWith("/api/"));

        JsonNode claim = openApi.path("paths").path("/api/agent/conversations/{id}/claim").path("post");
        assertThat(claim.path("tags").valueStream().map(JsonNode::asString)).containsExactly("Conversations");
        assertThat(claim.path("operationId").asString()).isEqualTo("conversationsClaim");
        assertThat(claim.path("responses").path("409").path("content").path("application/json").path("schema").path("$ref")
                .asString()).isEqualTo("#/components/schemas/Error");
        assertThat(openApi.path("paths").path("/api/articles/{id}").path("get").path("tags").get(0).asString()).isEqualTo("Articles");
        assertThat(openApi.path("paths").path("/api/admin/team").path("get").path("tags").get(0).asString()).isEqualTo("Administration");
        assertThat(openApi.path("components").path("schemas").path("Error").path("required").valueStream().map(JsonNode::asString))
                .containsExactly("code", "message");
        assertThat(openApi.path("components").path("securitySchemes").path("basic").path("scheme").asString()).isEqualTo("basic");
        assertThat(openApi.path("components").path("securitySchemes").path("session").path("in").asString()).isEqualTo("cookie");
        assertThat(openApi.path("tags").valueStream().map(t -> t.path("name").asString()))
                .contains("Conversations", "Presence", "Articles", "Administration");
    }

    /** A series' value in this Prometheus text: the sum over every series of that name with all these labels. */
    static double value(String prometheusText, String name, String... labels) {
        double sum = 0;
        for (String line : prometheusText.lines().toList()) {
            if (!line.startsWith(name + "{") && !line.startsWith(name + " ")) {
                continue;
            }
            String series = line.substring(0, line.lastIndexOf(' '));
            if (List.of(labels).stream().allMatch(series::contains)) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    private double scrape(String name, String... labels) {
        return value(api.get("/actuator/prometheus", "ada").body(), name, labels);
    }
}

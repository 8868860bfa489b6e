package io.lotse.web.chat;

import static org.assertj.core.api.Assertions.assertThat;

import io.lotse.web.Api;
import io.lotse.web.AppIT;
import io.lotse.web.ChatClient;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * A node past its capacity tells new customers it is busy, stays honest in its health, and loses
 * nothing stored. The ceilings of the shared context are lowered at run time and put back after
 * each test.
 */
class ChatCapacityIT extends AppIT {

    @Autowired
    ChatCapacity capacity;

    private int maxConnections;
    private int maxQuestions;

    @BeforeEach
    void rememberCeilings() {
        maxConnections = capacity.maxConnections();
        maxQuestions = capacity.maxQuestionsInFlight();
    }

    @AfterEach
    void restoreCeilings() {
        capacity.maxConnections(maxConnections);
        capacity.maxQuestionsInFlight(maxQuestions);
    }

    @Test
    void aNewCustomerOfAFullNodeIsToldItIsBusyAndTheConnectionCloses() {
        try (ChatClient first = connect("lang=en")) {
            String conversationId = first.next("welcome").path("conversationId").asString();
            capacity.maxConnections(capacity.connections());

            try (ChatClient second = connect("lang=en")) {
                JsonNode busy = second.next("error");
                assertThat(busy.path("code").asString()).isEqualTo("busy");
                assertThat(busy.path("message").asString()).isNotBlank();
                assertThat(second.closeCode()).isEqualTo(1013);
            }
            // The customer already here goes on as before.
            first.message("full-1", "How long does shipping take?");
            assertThat(first.drain()).extracting(f -> f.path("type").asString()).contains("customer", "bot");
            assertThat(api().get("/api/agent/conversations/" + conversationId, "anna").json().path("frames").size())
                    .isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void aFullNodeIsUpButNotReadyAndSaysWhy() {
        capacity.maxConnections(Math.max(1, capacity.connections()));
        try (ChatClient customer = connect("lang=en")) {
            // Either this connection filled the node, or it was full already and turned the customer away.
            customer.next();
            Api.Response health = api().get("/actuator/health", null);
            assertThat(health.status()).isEqualTo(200);
            assertThat(health.json().path("status").asString()).isEqualTo("UP");
            assertThat(health.json().path("components").path("chat").path("status").asString()).isEqualTo("FULL");

            Api.Response readiness = api().get("/actuator/health/readiness", null);
            assertThat(readiness.status()).isEqualTo(503);
            assertThat(readiness.json().path("status").asString()).isEqualTo("FULL");

            Api.Response details = api().get("/actuator/health", "ada");
            JsonNode chat = details.json().path("components").path("chat").path("details");
            assertThat(chat.path("maxConnections").asInt()).isEqualTo(capacity.maxConnections());
            assertThat(chat.path("connections").asInt()).isGreaterThanOrEqualTo(chat.path("maxConnections").asInt());
        }
        capacity.maxConnections(maxConnections);
        assertThat(api().get("/actuator/health/readiness", null).status()).isEqualTo(200);
    }

    @Test
    void aQuestionPastTheCeilingIsRefusedAsBusyAndNothingIsStored() throws InterruptedException {
        try (ChatClient customer = connect("lang=en")) {
            String conversationId = customer.next("welcome").path("conversationId").asString();
            capacity.maxQuestionsInFlight(1);
            assertThat(capacity.startQuestion()).isTrue();
            try {
                customer.message("busy-1", "How long does shipping take?");
                JsonNode busy = customer.next("error");
                assertThat(busy.path("code").asString()).isEqualTo("busy");
                assertThat(busy.path("ref").asString()).isEqualTo("busy-1");
            } finally {
                capacity.questionDone();
            }
            assertThat(api().get("/api/agent/conversations/" + conversationId, "anna").json().path("frames")).isEmpty();

            // Sent again with the same id once there is room, it is stored and answered once.
            customer.message("busy-1", "How long does shipping take?");
            List<JsonNode> frames = customer.drain();
            assertThat(frames).extracting(f -> f.path("type").asString()).contains("customer", "bot");
            assertThat(frames.getFirst().path("id").asString()).isEqualTo("busy-1");
        }
    }

    @Test
    void theLongestLegalMessageArrivesInPartsAndIsTakenWhole() {
        int longest = 2000;
        try (ChatClient customer = connect("lang=en")) {
            customer.next("welcome");
            // Every character written as a JSON escape: six times the message, far more than the
            // container's text buffer per connection.
            String text = "\\u00e4".repeat(longest);
            customer.sendRaw("{\"type\":\"message\",\"id\":\"long-1\",\"text\":\"" + text + "\"}");
            JsonNode stored = customer.next("customer");
            assertThat(stored.path("text").asString()).isEqualTo("ä".repeat(longest));
        }
    }
}

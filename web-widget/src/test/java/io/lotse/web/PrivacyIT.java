package io.lotse.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Data protection over the real protocol: card numbers and IBANs masked before anything stores or
 * answers them, an administrator's export and erasure of a conversation and of a customer's
 * conversations, and what erasure leaves behind in Redis (nothing naming the conversation).
 */
class PrivacyIT extends AppIT {

    @AfterEach
    void reset() {
        resetHandoff();
    }

    @Test
    void cardNumbersAndIbansAreMaskedBeforeTheyAreStoredOrReachAnyone() {
        Api api = api();
        try (ChatClient customer = connect("lang=de")) {
            String id = customer.next("welcome").path("conversationId").asString();
            customer.message("p-1", "Meine Karte 4111 1111 1111 1111 wurde belastet, IBAN DE89 3704 0044 0532 0130 00, Bestellung 302-1234567-1234567");
            List<JsonNode> frames = customer.drain();
            String echoed = frames.getFirst().path("text").asString();
            assertThat(echoed).isEqualTo("Meine Karte •••• •••• •••• 1111 wurde belastet, IBAN DE•• •••• •••• •••• •••• 3000, "
                    + "Bestellung 302-1234567-1234567");
            customer.send(Map.of("type", "message", "id", "p-2", "text", "Ich möchte mit einem Menschen sprechen", "payload", "human"));
            customer.until(f -> "offline".equals(f.path("status").asString()));
            customer.send(Map.of("type", "contact", "id", "p-3", "email", "kim@example.com",
                    "text", "Bitte Karte 5555-5555-5555-4444 sperren"));
            customer.until(f -> "contact".equals(f.path("type").asString()));

            String stored = stored(id);
            assertThat(stored).contains("•••• •••• •••• 1111", "DE•• •••• •••• •••• •••• 3000", "•••• •••• •••• 4444")
                    .doesNotContain("4111 1111", "4111111111111111", "3704 0044", "370400440532", "5555-5555");
            JsonNode transcript = api.get("/api/agent/conversations/" + id, "anna").json();
            assertThat(transcript.toString()).doesNotContain("4111 1111", "3704 0044", "5555-5555");

            api.post("/api/agent/conversations/" + id + "/claim", "anna", null);
            assertThat(api.post("/api/agent/conversations/" + id + "/messages", "anna",
                    "{\"text\":\"Ist das Ihre Karte 4111111111111111?\"}").status()).isEqualTo(201);
            assertThat(customer.until(f -> "agent".equals(f.path("type").asString())).getLast().path("text").asString())
                    .isEqualTo("Ist das Ihre Karte •••• •••• •••• 1111?");
        }
    }

    @Test
    void anAdministratorExportsEverythingAboutAConversation() {
        Api api = api();
        try (ChatClient customer = connect("lang=en&identity=" + signedIdentity("export-7", "Kim", "kim@example.com", "A"))) {
            String id = customer.next("welcome").path("conversationId").asString();
            customer.message("e-1", "How long does shipping take?");
            customer.drain();
            api.put("/api/agent/presence", "anna", "{\"status\":\"online\"}");
            customer.send(Map.of("type", "message", "id", "e-2", "text", "I want a human", "payload", "human"));
            customer.until(f -> "assigned".equals(f.path("status").asString()));
            api.post("/api/agent/conversations/" + id + "/notes", "anna", "{\"text\":\"regular customer\"}");
            api.post("/api/agent/conversations/" + id + "/messages", "anna", "{\"text\":\"Hello, Anna here.\"}");
            api.post("/api/agent/conversations/" + id + "/close", "anna", null);
            customer.send(Map.of("type", "rating", "score", 4));
            customer.until(f -> "rating".equals(f.path("type").asString()));

            Api.Response response = api.get("/api/admin/conversations/" + id + "/export", "ada");

            assertThat(response.status()).isEqualTo(200);
            JsonNode export = response.json().path("conversation");
            assertThat(response.json().path("exportedAt").asString()).isNotBlank();
            assertThat(export.path("conversationId").asString()).isEqualTo(id);
            assertThat(export.path("status").asString()).isEqualTo("closed");
            assertThat(export.path("customer").path("id").asString()).isEqualTo("export-7");
            assertThat(export.path("customer").path("email").asString()).isEqualTo("kim@example.com");
            assertThat(export.path("assignment").path("agent").asString()).isEqualTo("anna");
            assertThat(export.path("rating").asInt()).isEqualTo(4);
            assertThat(export.path("timestamps").path("createdAt").asString()).isNotBlank();
            assertThat(export.path("timestamps").path("closedAt").asString()).isNotBlank();
            assertThat(export.path("queue").path("position").asInt()).isZero();
            assertThat(export.path("notes").get(0).path("text").asString()).isEqualTo("regular customer");
            assertThat(export.path("frames").valueStream().map(f -> f.path("type").asString()))
                    .contains("customer", "bot", "handoff", "agent", "rating");
            assertThat(export.path("stored").path("customerId").asString()).isEqualTo("export-7");
            assertThat(export.path("listedIn").has("status:closed")).isTrue();

            JsonNode byCustomer = api.get("/api/admin/customers/export-7/export", "ada").json();
            assertThat(byCustomer.path("customer").asString()).isEqualTo("export-7");
            assertThat(byCustomer.path("conversations").valueStream().map(c -> c.path("conversationId").asString()))
                    .containsExactly(id);
        }
    }

    @Test
    void anErasedConversationIsGoneEverywhereAndItsSocketsAreClosed() {
        Api api = api();
        api.put("/api/agent/presence", "anna", "{\"status\":\"online\"}");
        String id;
        String token;
        try (ChatClient customer = connect("lang=en&identity=" + signedIdentity("erase-7", "Kim", "kim@example.com", null))) {
            JsonNode welcome = customer.next("welcome");
            id = welcome.path("conversationId").asString();
            token = welcome.path("token").asString();
            customer.send(Map.of("type", "message", "id", "x-1", "text", "I want a human", "payload", "human"));
            customer.until(f -> "assigned".equals(f.path("status").asString()));
            api.post("/api/agent/conversations/" + id + "/notes", "anna", "{\"text\":\"a note\"}");
            try (ChatClient secondTab = connect("token=" + URLEncoder.encode(token, StandardCharsets.UTF_8))) {
                secondTab.next("welcome");
                secondTab.drain();
                customer.drain();
                await().atMost(Duration.ofSeconds(5)).until(() -> stored(id).contains("customers:seen"));

                Api.Response erased = api.delete("/api/admin/conversations/" + id, "ada");

                assertThat(erased.status()).isEqualTo(204);
                for (ChatClient socket : List.of(customer, secondTab)) {
                    JsonNode error = socket.until(f -> "error".equals(f.path("type").asString())).getLast();
                    assertThat(error.path("code").asString()).isEqualTo("conversation_erased");
                    assertThat(socket.closeCode()).isEqualTo(1008);
                }
            }
        }
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(stored(id)).as("every key under the prefix").isEmpty());
        try (ChatClient again = connect("token=" + URLEncoder.encode(token, StandardCharsets.UTF_8))) {
            assertThat(again.next("error").path("code").asString()).isEqualTo("invalid_token");
        }
        assertThat(api.get("/api/agent/conversations/" + id, "anna").status()).isEqualTo(404);
        assertThat(api.get("/api/agent/conversations?mine=true", "anna").json().valueStream()
                .map(c -> c.path("conversationId").asString())).doesNotContain(id);
        assertThat(api.get("/api/admin/customers/erase-7/export", "ada").status()).isEqualTo(404);
    }

    @Test
    void unknownConversationsAndCustomersAreNotFoundAndOnlyAdministratorsMayAsk() {
        Api api = api();
        String id;
        try (ChatClient customer = connect("lang=en")) {
            id = customer.next("welcome").path("conversationId").asString();
        }
        String before = stored(id);

        Api.Response unknown = api.delete("/api/admin/conversations/0123456789abcdef0123456789abcdef", "ada");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().path("code").asString()).isEqualTo("conversation_not_found");
        assertThat(api.get("/api/admin/conversations/0123456789abcdef0123456789abcdef/export", "ada").json().path("code").asString())
                .isEqualTo("conversation_not_found");
        Api.Response nobody = api.delete("/api/admin/customers/nobody-here", "ada");
        assertThat(nobody.status()).isEqualTo(404);
        assertThat(nobody.json().path("code").asString()).isEqualTo("customer_not_found");
        assertThat(api.delete("/api/admin/conversations/" + id, "anna").status()).isEqualTo(403);
        assertThat(api.get("/api/admin/conversations/" + id + "/export", "erik").status()).isEqualTo(403);
        assertThat(stored(id)).isEqualTo(before);
    }

    @Test
    void aCustomersConversationsAreErasedTogether() {
        Api api = api();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            try (ChatClient customer = connect("lang=en&identity=" + signedIdentity("both-7", "Kim", null, null))) {
                ids.add(customer.next("welcome").path("conversationId").asString());
                customer.message("b-" + i, "Where is my order?");
                customer.drain();
            }
        }
        String other;
        try (ChatClient customer = connect("lang=en&identity=" + signedIdentity("both-8", "Lou", null, null))) {
            other = customer.next("welcome").path("conversationId").asString();
        }

        assertThat(api.delete("/api/admin/customers/both-7", "ada").status()).isEqualTo(204);

        for (String id : ids) {
            assertThat(stored(id)).isEmpty();
        }
        assertThat(stored(other)).isNotEmpty();
        assertThat(api.delete("/api/admin/customers/both-7", "ada").status()).isEqualTo(404);
    }

    /** Every key under the run's prefix that names the conversation or holds it, with what it holds, as text. */
    private static String stored(String id) {
        RedisClient client = RedisClient.create("redis://127.0.0.1:6379");
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            RedisCommands<String, String> sync = connection.sync();
            List<String> keys = new ArrayList<>();
            ScanIterator.scan(sync, ScanArgs.Builder.matches(KEY_PREFIX + ":*").limit(1000)).forEachRemaining(keys::add);
            StringBuilder found = new StringBuilder();
            for (String key : keys) {
                String content = switch (sync.type(key)) {
                    case "string" -> key.endsWith("token-secret") ? "" : String.valueOf(sync.get(key));
                    case "hash" -> sync.hgetall(key).toString();
                    case "list" -> sync.lrange(key, 0, -1).toString();
                    case "set" -> sync.smembers(key).toString();
                    case "zset" -> sync.zrange(key, 0, -1).toString();
                    default -> "";
                };
                if (key.contains(id) || content.contains(id)) {
                    found.append(key).append(" = ").append(content).append('\n');
                }
            }
            return found.toString();
        } finally {
            client.shutdown();
        }
    }
}

package io.lotse.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Hostile and broken input from customers and callers: each gets a clear error and changes nothing stored. */
class BadInputIT extends AppIT {

    @Test
    void malformedFramesGetErrorsAndStoreNothing() {
        Api api = api();
        try (ChatClient customer = connect("lang=en")) {
            String conversationId = customer.next("welcome").path("conversationId").asString();

            customer.sendRaw("{not json");
            assertThat(customer.next("error").path("code").asString()).isEqualTo("invalid_json");
            customer.sendRaw("[1,2,3]");
            assertThat(customer.next("error").path("code").asString()).isEqualTo("invalid_json");
            customer.send(Map.of("type", "shout", "text", "hi"));
            assertThat(customer.next("error").path("code").asString()).isEqualTo("unknown_type");
            customer.send(Map.of("type", "message", "text", "no id"));
            assertThat(customer.next("error").path("code").asString()).isEqualTo("invalid_message");
            customer.send(Map.of("type", "message", "id", "x-1", "text", "   "));
            assertThat(customer.next("error").path("code").asString()).isEqualTo("invalid_message");
            customer.send(Map.of("type", "message", "id", "x-2", "text", 42));
            assertThat(customer.next("error").path("code").asString()).isEqualTo("invalid_message");
            JsonNode tooLong = sendAndExpectError(customer, Map.of("type", "message", "id", "x-3", "text", "a".repeat(2001)));
            assertThat(tooLong.path("code").asString()).isEqualTo("message_too_long");
            assertThat(tooLong.path("ref").asString()).isEqualTo("x-3");
            assertThat(tooLong.path("message").asString()).contains("2000");

            assertThat(customer.drain()).isEmpty();
            JsonNode conversation = api.get("/api/agent/conversations/" + conversationId, "anna").json();
            assertThat(conversation.path("frames").size()).isZero();
        }
    }

    @Test
    void aForgedOrForeignTokenGetsNothing() {
        String realToken;
        String conversationId;
        int storedFrames;
        try (ChatClient owner = connect("lang=en")) {
            JsonNode welcome = owner.next("welcome");
            realToken = welcome.path("token").asString();
            conversationId = welcome.path("conversationId").asString();
            owner.message("secret-1", "my customer number is 4711");
            storedFrames = owner.drain().size();
        }
        String signature = realToken.substring(realToken.lastIndexOf('.') + 1);
        for (String forged : List.of(conversationId + ".forged", conversationId, "nonsense",
                "00000000-0000-0000-0000-000000000000." + signature, conversationId + "." + signature + "x")) {
            try (ChatClient attacker = connect("token=" + java.net.URLEncoder.encode(forged, java.nio.charset.StandardCharsets.UTF_8))) {
                JsonNode error = attacker.next("error");
                assertThat(error.path("code").asString()).isEqualTo("invalid_token");
                assertThat(attacker.closeCode()).isEqualTo(1008);
            }
        }
        assertThat(api().get("/api/agent/conversations/" + conversationId, "anna").json().path("frames").size())
                .isEqualTo(storedFrames);
    }

    @Test
    void aFloodIsLimited() {
        try (ChatClient customer = connect("lang=en")) {
            customer.next("welcome");
            for (int i = 0; i < 15; i++) {
                customer.message("flood-" + i, "hello " + i);
            }
            List<JsonNode> frames = customer.drain();
            long stored = frames.stream().filter(f -> "customer".equals(f.path("type").asString())).count();
            long limited = frames.stream().filter(f -> "rate_limited".equals(f.path("code").asString())).count();
            assertThat(stored).isEqualTo(10);
            assertThat(limited).isEqualTo(5);
        }
    }

    @Test
    void anOversizedFrameClosesTheConnection() {
        try (ChatClient customer = connect("lang=en")) {
            customer.next("welcome");
            customer.sendRaw("{\"type\":\"message\",\"id\":\"big\",\"text\":\"" + "b".repeat(70_000) + "\"}");
            assertThat(customer.closeCode()).isEqualTo(1009);
        }
    }

    @Test
    void scriptInAMessageIsStoredAsPlainText() {
        try (ChatClient customer = connect("lang=en")) {
            String id = customer.next("welcome").path("conversationId").asString();
            customer.message("xss-1", "<script>alert('x')</script> <img src=x onerror=alert(1)>");
            List<JsonNode> frames = customer.drain();
            assertThat(frames.getFirst().path("text").asString()).isEqualTo("<script>alert('x')</script> <img src=x onerror=alert(1)>");
            JsonNode bot = frames.get(1);
            assertThat(bot.path("html").asString()).doesNotContain("<script").doesNotContain("<img");
            JsonNode stored = api().get("/api/agent/conversations/" + id, "anna").json().path("frames").get(0);
            assertThat(stored.path("text").asString()).startsWith("<script>");
        }
    }

    @Test
    void agentApiErrorsAreJsonWithStableCodes() {
        Api api = api();
        Api.Response anonymous = api.get("/api/agent/queue", null);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.json().path("code").asString()).isEqualTo("unauthorized");
        Api.Response wrongRole = api.get("/api/agent/queue", "erik");
        assertThat(wrongRole.status()).isEqualTo(403);
        assertThat(wrongRole.json().path("code").asString()).isEqualTo("forbidden");
        Api.Response unknown = api.post("/api/agent/conversations/does-not-exist/claim", "anna", null);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().path("code").asString()).isEqualTo("conversation_not_found");
        Api.Response badJson = api.post("/api/agent/conversations/x/messages", "anna", "{broken");
        assertThat(badJson.status()).isEqualTo(400);
        assertThat(badJson.json().path("code").asString()).isEqualTo("invalid_json");
        Api.Response nowhere = api.get("/api/nothing-here", "anna");
        assertThat(nowhere.status()).isEqualTo(404);
        assertThat(nowhere.json().path("code").asString()).isEqualTo("not_found");
        assertThat(nowhere.body()).doesNotContain("Exception");

        try (ChatClient customer = connect("lang=en")) {
            String id = customer.next("welcome").path("conversationId").asString();
            Api.Response notQueued = api.post("/api/agent/conversations/" + id + "/claim", "anna", null);
            assertThat(notQueued.status()).isEqualTo(409);
            assertThat(notQueued.json().path("code").asString()).isEqualTo("not_queued");
            customer.message("h-1", "talk to a human please");
            customer.drain();
            api.post("/api/agent/conversations/" + id + "/claim", "anna", null);
            Api.Response notYours = api.post("/api/agent/conversations/" + id + "/messages", "ben", "{\"text\":\"hi\"}");
            assertThat(notYours.status()).isEqualTo(403);
            assertThat(notYours.json().path("code").asString()).isEqualTo("not_your_conversation");
            Api.Response tooLong = api.post("/api/agent/conversations/" + id + "/messages", "anna",
                    "{\"text\":\"" + "a".repeat(2001) + "\"}");
            assertThat(tooLong.status()).isEqualTo(400);
            assertThat(tooLong.json().path("code").asString()).isEqualTo("message_too_long");
        }
    }

    private static JsonNode sendAndExpectError(ChatClient client, Map<String, ?> frame) {
        client.send(frame);
        return client.next("error");
    }
}

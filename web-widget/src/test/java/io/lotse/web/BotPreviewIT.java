package io.lotse.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The editor's "Try a question": the bot's reply to a new customer and why, with nothing stored. */
class BotPreviewIT extends AppIT {

    private static String preview(String question, String locale) {
        return "/api/bot/preview?q=" + URLEncoder.encode(question, StandardCharsets.UTF_8) + (locale == null ? "" : "&locale=" + locale);
    }

    @Test
    void theEditorSeesTheReplyAndWhyAsANewCustomerWouldGetIt() {
        Api api = api();
        // A German question on an English page is answered from the German articles, as in a chat.
        Api.Response answered = api.get(preview("Wie lange dauert der Versand nach Österreich?", "en"), "erik");
        assertThat(answered.status()).isEqualTo(200);
        JsonNode reply = answered.json();
        assertThat(reply.path("locale").asString()).isEqualTo("de");
        assertThat(reply.path("handoff").isNull()).isTrue();
        assertThat(reply.path("calibrated").isBoolean()).isTrue();
        JsonNode message = reply.path("messages").get(0);
        assertThat(message.path("kind").asString()).isEqualTo("answer");
        assertThat(message.path("articleId").asString()).isEqualTo("t-de-versand");
        assertThat(message.path("html").asString()).startsWith("<p>");
        assertThat(message.has("decision")).as("the decision sits beside the frames, not in them").isFalse();
        JsonNode decision = reply.path("decision");
        assertThat(decision.path("band").asString()).isEqualTo("answer");
        assertThat(decision.path("reason").asString()).contains("answer threshold");
        JsonNode top = decision.path("candidates").get(0);
        assertThat(top.path("articleId").asString()).isEqualTo("t-de-versand");
        assertThat(top.path("title").asString()).isEqualTo("Wie lange dauert der Versand?");
        assertThat(top.path("confidence").asDouble()).isBetween(0.0, 1.0).isEqualTo(message.path("confidence").asDouble());
    }

    @Test
    void aWishForAPersonIsShownAsAHandoffButQueuesNothing() {
        Api api = api();
        int waiting = api.get("/api/agent/queue", "anna").json().size();
        JsonNode reply = api.get(preview("Ich möchte bitte mit einem Menschen sprechen", "de"), "erik").json();
        assertThat(reply.path("handoff").asString()).isEqualTo("customer_request");
        assertThat(reply.path("messages").get(0).path("kind").asString()).isEqualTo("handoff");
        assertThat(reply.path("decision").path("band").asString()).isEqualTo("intent");
        assertThat(api.get("/api/agent/queue", "anna").json().size()).isEqualTo(waiting);
    }

    @Test
    void badQuestionsGetStableErrorsAndOnlyEditorsMayAsk() {
        Api api = api();
        for (String path : new String[] {preview("   ", "de"), preview("x".repeat(2001), "de"),
                preview("Wann kommt mein Paket?", "fr"), preview("Wann kommt mein Paket?", "%3Cscript%3E"), "/api/bot/preview"}) {
            Api.Response bad = api.get(path, "erik");
            assertThat(bad.status()).as(path).isEqualTo(400);
            assertThat(bad.json().path("code").asString()).as(path).isEqualTo("invalid_request");
            assertThat(bad.json().path("message").asString()).as(path).isNotBlank();
        }
        Api.Response agent = api.get(preview("Wann kommt mein Paket?", "de"), "anna");
        assertThat(agent.status()).isEqualTo(403);
        assertThat(agent.json().path("code").asString()).isEqualTo("forbidden");
        Api.Response anonymous = api.get(preview("Wann kommt mein Paket?", "de"), null);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.json().path("code").asString()).isEqualTo("unauthorized");
    }
}

package io.lotse.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The customer story over a real WebSocket and the agent API over real HTTP, against real Redis. */
class ChatProtocolIT extends AppIT {

    @Test
    void answersGermanAndEnglishQuestionsWithTheRightArticle() {
        try (ChatClient german = connect("lang=de"); ChatClient english = connect("lang=en")) {
            JsonNode welcome = german.next("welcome");
            assertThat(welcome.path("status").asString()).isEqualTo("bot");
            assertThat(welcome.path("token").asString()).startsWith(welcome.path("conversationId").asString() + ".");
            english.next("welcome");

            german.message("de-1", "Wie lange ist die Lieferzeit nach Österreich?");
            List<JsonNode> germanFrames = german.drain();
            assertThat(germanFrames.get(0).path("type").asString()).isEqualTo("customer");
            assertThat(germanFrames.get(0).path("id").asString()).isEqualTo("de-1");
            JsonNode germanAnswer = germanFrames.get(1);
            assertThat(germanAnswer.path("type").asString()).isEqualTo("bot");
            assertThat(germanAnswer.path("kind").asString()).isEqualTo("answer");
            assertThat(germanAnswer.path("articleId").asString()).isEqualTo("t-de-versand");
            assertThat(germanAnswer.path("confidence").asDouble()).isBetween(0.0, 1.0);
            assertThat(germanAnswer.path("html").asString()).contains("<strong>2–3 Werktage</strong>");
            assertThat(germanAnswer.has("decision")).as("the engine's decision is for agents, not customers").isFalse();

            english.message("en-1", "Where do I get a return label?");
            JsonNode englishAnswer = english.drain().get(1);
            assertThat(englishAnswer.path("articleId").asString()).isEqualTo("t-en-returns");
            assertThat(englishAnswer.path("kind").asString()).isEqualTo("answer");
        }
    }

    /**
     * A frustrated customer gets a person at once, in German and in English, with the reason
     * {@code frustration}; a calm question is answered.
     */
    @Test
    void frustrationHandsOverAtOnceAndACalmQuestionIsAnswered() {
        resetHandoff();
        Api api = api();
        Map<String, String> frustrated = Map.of(
                "de", "Das ist doch totaler Mist!!! Ihr seid unfähig",
                "en", "This is ridiculous, your service is useless!!!");
        for (Map.Entry<String, String> message : frustrated.entrySet()) {
            try (ChatClient customer = connect("lang=" + message.getKey())) {
                String conversationId = customer.next("welcome").path("conversationId").asString();
                customer.message("f-1", message.getValue());
                List<JsonNode> frames = customer.drain();

                assertThat(frames).extracting(f -> f.path("type").asString()).containsExactly("customer", "bot", "handoff");
                assertThat(frames.get(1).path("kind").asString()).isEqualTo("handoff");
                assertThat(frames.get(1).path("text").asString())
                        .startsWith(message.getKey().equals("de") ? "Das tut mir leid. Ich gebe Sie" : "I'm sorry about that.");
                assertThat(frames.get(2).path("status").asString()).isEqualTo("offline");
                JsonNode conversation = api.get("/api/agent/conversations/" + conversationId, "anna").json();
                assertThat(conversation.path("handoffReason").asString()).as(message.getValue()).isEqualTo("frustration");
            }
        }
        try (ChatClient calm = connect("lang=de")) {
            String conversationId = calm.next("welcome").path("conversationId").asString();
            calm.message("c-1", "Wie lange ist die Lieferzeit nach Österreich???");
            List<JsonNode> frames = calm.drain();

            assertThat(frames).extracting(f -> f.path("type").asString()).containsExactly("customer", "bot");
            assertThat(frames.get(1).path("kind").asString()).isEqualTo("answer");
            assertThat(frames.get(1).path("articleId").asString()).isEqualTo("t-de-versand");
            JsonNode conversation = api.get("/api/agent/conversations/" + conversationId, "anna").json();
            assertThat(conversation.path("status").asString()).isEqualTo("bot");
            assertThat(conversation.path("handoffReason").isNull() || conversation.path("handoffReason").isMissingNode())
                    .isTrue();
        }
    }

    /** "Rechnungskopie anfordern" has too few German words to tell its language, and is asked on an English page. */
    @Test
    void anExampleQuestionGetsItsArticleWhateverThePageLanguage() {
        try (ChatClient customer = connect("lang=en")) {
            customer.next("welcome");

            customer.message("k-1", "rechnungskopie anfordern");
            JsonNode answer = customer.drain().get(1);

            assertThat(answer.path("type").asString()).isEqualTo("bot");
            assertThat(answer.path("kind").asString()).isEqualTo("answer");
            assertThat(answer.path("articleId").asString()).isEqualTo("t-de-rechnung");
            assertThat(answer.path("confidence").asDouble()).isEqualTo(1.0);
            assertThat(answer.path("html").asString()).contains("Kundenkonto");
        }
    }

    /** Version 1's story with nobody online: the request waits as pending, and an agent takes it from there. */
    @Test
    void handsOverOnRequestAndTheAgentTakesOverTheSameChat() {
        resetHandoff();
        Api api = api();
        try (ChatClient customer = connect("lang=de")) {
            String conversationId = customer.next("welcome").path("conversationId").asString();
            customer.message("m-1", "Wie lange dauert der Versand?");
            customer.drain();
            customer.message("m-1b", "Bin ich hier mit einem echten Menschen verbunden?");
            List<JsonNode> identity = customer.drain();
            assertThat(identity).extracting(f -> f.path("type").asString()).containsExactly("customer", "bot");
            assertThat(identity.getLast().path("kind").asString()).isEqualTo("smalltalk");
            assertThat(identity.getLast().path("text").asString()).contains("kein Mensch");
            assertThat(identity.getLast().path("quickReplies").valueStream().map(r -> r.path("payload").asString()))
                    .containsExactly("human");
            customer.message("m-2", "Ich möchte mit einem Mitarbeiter sprechen");
            List<JsonNode> handover = customer.drain();
            assertThat(handover).extracting(f -> f.path("type").asString()).contains("customer", "bot", "handoff");
            JsonNode offline = handover.getLast();
            assertThat(offline.path("status").asString()).isEqualTo("offline");
            assertThat(offline.path("reason").asString()).isEqualTo("no_agent");
            assertThat(offline.path("businessHours").asString()).isEqualTo("always");

            Api.Response pending = api.get("/api/agent/conversations?status=pending", "anna");
            assertThat(pending.status()).isEqualTo(200);
            assertThat(pending.json().valueStream().map(e -> e.path("conversationId").asString()))
                    .contains(conversationId);
            assertThat(api.get("/api/agent/queue", "anna").json().valueStream().map(e -> e.path("conversationId").asString()))
                    .as("pending conversations are not in the queue, and not assigned automatically")
                    .doesNotContain(conversationId);

            assertThat(api.post("/api/agent/conversations/" + conversationId + "/claim", "anna", null).status()).isEqualTo(200);
            Api.Response second = api.post("/api/agent/conversations/" + conversationId + "/claim", "ben", null);
            assertThat(second.status()).isEqualTo(409);
            assertThat(second.json().path("code").asString()).isEqualTo("already_claimed");

            JsonNode assigned = customer.until(f -> "handoff".equals(f.path("type").asString())).getLast();
            assertThat(assigned.path("status").asString()).isEqualTo("assigned");
            assertThat(assigned.path("agent").asString()).isEqualTo("Anna");

            Api.Response reply = api.post("/api/agent/conversations/" + conversationId + "/messages", "anna",
                    "{\"text\":\"Hallo, ich bin Anna. Wie kann ich helfen?\"}");
            assertThat(reply.status()).isEqualTo(201);
            JsonNode agentFrame = customer.until(f -> "agent".equals(f.path("type").asString())).getLast();
            assertThat(agentFrame.path("text").asString()).isEqualTo("Hallo, ich bin Anna. Wie kann ich helfen?");
            assertThat(agentFrame.path("agent").asString()).isEqualTo("Anna");
            assertThat(agentFrame.path("seq").asLong()).isEqualTo(reply.json().path("seq").asLong());

            customer.message("m-3", "Mein Paket ist nicht angekommen.");
            List<JsonNode> afterAssign = customer.drain();
            assertThat(afterAssign).extracting(f -> f.path("type").asString()).containsExactly("customer");

            JsonNode transcript = api.get("/api/agent/conversations/" + conversationId, "anna").json();
            assertThat(transcript.path("status").asString()).isEqualTo("assigned");
            assertThat(transcript.path("handoffReason").asString()).isEqualTo("customer_request");
            List<String> types = transcript.path("frames").valueStream().map(f -> f.path("type").asString()).toList();
            assertThat(types).startsWith("customer", "bot").contains("handoff", "agent").endsWith("customer");
            assertSeqRisesByOne(transcript.path("frames").valueStream().toList());
            // What the engine considered is kept with the conversation, for the agent who takes over.
            JsonNode firstAnswer = transcript.path("frames").get(1);
            assertThat(firstAnswer.path("decision").path("band").asString()).isEqualTo("answer");
            assertThat(firstAnswer.path("decision").path("candidates").get(0).path("articleId").asString()).isEqualTo("t-de-versand");
            assertThat(firstAnswer.path("decision").path("candidates").get(0).path("confidence").asDouble()).isBetween(0.0, 1.0);
        }
    }

    @Test
    void aResumingClientGetsExactlyTheFramesItMissed() {
        Api api = api();
        String conversationId;
        String token;
        long lastSeen;
        try (ChatClient customer = connect("lang=en")) {
            JsonNode welcome = customer.next("welcome");
            conversationId = welcome.path("conversationId").asString();
            token = welcome.path("token").asString();
            customer.message("r-1", "agent please");
            List<JsonNode> frames = customer.drain();
            lastSeen = frames.getLast().path("seq").asLong();
        }
        api.post("/api/agent/conversations/" + conversationId + "/claim", "ben", null);
        api.post("/api/agent/conversations/" + conversationId + "/messages", "ben", "{\"text\":\"First\"}");
        api.post("/api/agent/conversations/" + conversationId + "/messages", "ben", "{\"text\":\"Second\"}");

        try (ChatClient resumed = connect("token=" + token + "&after=" + lastSeen)) {
            JsonNode welcome = resumed.next("welcome");
            assertThat(welcome.path("resumed").asBoolean()).isTrue();
            assertThat(welcome.path("conversationId").asString()).isEqualTo(conversationId);
            List<JsonNode> missed = resumed.drain();
            assertThat(missed).extracting(f -> f.path("type").asString()).containsExactly("handoff", "agent", "agent");
            assertThat(missed).extracting(f -> f.path("seq").asLong())
                    .containsExactly(lastSeen + 1, lastSeen + 2, lastSeen + 3);
            assertThat(missed.get(2).path("text").asString()).isEqualTo("Second");
        }

        try (ChatClient fromStart = connect("token=" + token)) {
            fromStart.next("welcome");
            List<JsonNode> all = fromStart.drain();
            assertThat(all).hasSize((int) lastSeen + 3);
            assertSeqRisesByOne(all);
            assertThat(all.getFirst().path("id").asString()).isEqualTo("r-1");
        }
    }

    @Test
    void closingAsksForARatingThatIsStoredOnce() {
        Api api = api();
        try (ChatClient customer = connect("lang=en")) {
            String conversationId = customer.next("welcome").path("conversationId").asString();
            customer.message("c-1", "I want to talk to a human");
            customer.drain();
            api.post("/api/agent/conversations/" + conversationId + "/claim", "anna", null);
            Api.Response closed = api.post("/api/agent/conversations/" + conversationId + "/close", "anna", null);
            assertThat(closed.status()).isEqualTo(200);
            JsonNode closing = customer.until(f -> "closed".equals(f.path("status").asString())).getLast();
            assertThat(closing.path("ratingRequested").asBoolean()).isTrue();

            customer.send(Map.of("type", "rating", "score", 5));
            assertThat(customer.until(f -> "rating".equals(f.path("type").asString())).getLast().path("score").asInt())
                    .isEqualTo(5);
            customer.send(Map.of("type", "rating", "score", 1));
            assertThat(customer.next("error").path("code").asString()).isEqualTo("invalid_rating");
            customer.message("c-2", "hello again?");
            assertThat(customer.next("error").path("code").asString()).isEqualTo("conversation_closed");

            JsonNode conversation = api.get("/api/agent/conversations/" + conversationId, "anna").json();
            assertThat(conversation.path("rating").asInt()).isEqualTo(5);
            assertThat(conversation.path("status").asString()).isEqualTo("closed");
        }
    }

    @Test
    void aRepeatedMessageIdIsStoredOnce() {
        try (ChatClient customer = connect("lang=en")) {
            customer.next("welcome");
            customer.message("same-id", "How long does shipping take?");
            customer.message("same-id", "How long does shipping take?");
            List<JsonNode> frames = customer.drain();
            assertThat(frames).filteredOn(f -> "customer".equals(f.path("type").asString())).hasSize(1);
            assertThat(frames).filteredOn(f -> "bot".equals(f.path("type").asString())).hasSize(1);
        }
    }

    private static void assertSeqRisesByOne(List<JsonNode> frames) {
        for (int i = 0; i < frames.size(); i++) {
            assertThat(frames.get(i).path("seq").asLong()).as("seq of frame %d", i).isEqualTo(i + 1);
        }
    }

    static String randomId() {
        return UUID.randomUUID().toString();
    }
}

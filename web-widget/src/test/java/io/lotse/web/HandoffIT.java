package io.lotse.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Contract version 2 end to end over a real WebSocket and HTTP, on real Redis: presence, automatic
 * assignment by team and capacity, priority by tier, offline messages, leaving the queue, transfer,
 * internal notes, canned replies and typing.
 */
class HandoffIT extends AppIT {

    private Api api;

    @Autowired
    MeterRegistry meters;

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
    void presenceIsSetListedAndCheckedAndAgentsStartOffline() {
        JsonNode agents = api.get("/api/agent/agents", "anna").json();
        assertThat(agents.valueStream().map(a -> a.path("name").asString())).contains("anna", "ben", "ada");
        assertThat(agents.valueStream().map(a -> a.path("status").asString())).containsOnly("offline");

        Api.Response online = api.put("/api/agent/presence", "ben", "{\"status\":\"online\"}");
        assertThat(online.status()).isEqualTo(200);
        assertThat(online.json().path("name").asString()).isEqualTo("ben");
        assertThat(online.json().path("status").asString()).isEqualTo("online");
        assertThat(online.json().path("capacity").asInt()).isEqualTo(3);
        assertThat(online.json().path("active").asInt()).isZero();
        assertThat(online.json().path("teams").valueStream().map(JsonNode::asString)).containsExactly("technik");

        Api.Response unknown = api.put("/api/agent/presence", "ben", "{\"status\":\"busy\"}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().path("code").asString()).isEqualTo("invalid_status");
        assertThat(api.get("/api/agent/presence", "ben").json().path("status").asString()).isEqualTo("online");
        assertThat(api.put("/api/agent/presence", "erik", "{\"status\":\"online\"}").status()).as("an editor").isEqualTo(403);
    }

    @Test
    void withNobodyOnlineTheCustomerLeavesAMessageThatAnAgentAnswersLater() {
        String token;
        String id;
        try (ChatClient customer = connect("lang=de")) {
            JsonNode welcome = customer.next("welcome");
            token = welcome.path("token").asString();
            id = welcome.path("conversationId").asString();
            JsonNode offline = askForAPerson(customer, "o-1");
            assertThat(offline.path("status").asString()).isEqualTo("offline");
            assertThat(offline.path("reason").asString()).isEqualTo("no_agent");

            customer.send(Map.of("type", "contact", "id", "c-1", "email", "kein-at-zeichen", "text", "Bitte melden"));
            JsonNode invalid = customer.next("error");
            assertThat(invalid.path("code").asString()).isEqualTo("invalid_contact");
            assertThat(invalid.path("ref").asString()).isEqualTo("c-1");

            Map<String, String> contact = Map.of("type", "contact", "id", "c-2", "email", "kim@example.com",
                    "text", "Mein Router blinkt rot. Bitte rufen Sie mich an.");
            customer.send(contact);
            JsonNode stored = customer.next("contact");
            assertThat(stored.path("email").asString()).isEqualTo("kim@example.com");
            assertThat(stored.path("seq").asLong()).isPositive();
            customer.send(contact);
            assertThat(customer.drain()).as("a repeated contact id is stored once").isEmpty();
            customer.send(Map.of("type", "cancel_handoff"));
            assertThat(customer.next("error").path("code").asString()).as("the message stays with the team")
                    .isEqualTo("message_left");
        }
        JsonNode pending = only(api.get("/api/agent/conversations?status=pending", "anna").json(), id);
        assertThat(pending.path("contactEmail").asString()).isEqualTo("kim@example.com");
        assertThat(pending.path("customerOnline").asBoolean()).isFalse();

        assertThat(api.post("/api/agent/conversations/" + id + "/claim", "anna", null).status()).isEqualTo(200);
        assertThat(api.post("/api/agent/conversations/" + id + "/messages", "anna", "{\"text\":\"Guten Tag, ich rufe Sie an.\"}").status())
                .isEqualTo(201);
        try (ChatClient back = connect("token=" + token)) {
            back.next("welcome");
            List<JsonNode> replay = back.drain();
            assertThat(replay).extracting(f -> f.path("type").asString()).contains("contact", "agent");
            assertThat(replay.getLast().path("text").asString()).isEqualTo("Guten Tag, ich rufe Sie an.");
        }
    }

    @Test
    void anOnlineAgentGetsConversationsAtOnceUpToCapacityAndTheNextWhenOneCloses() {
        online("anna");
        List<ChatClient> customers = List.of(connect("lang=en"), connect("lang=en"), connect("lang=en"), connect("lang=en"));
        try {
            List<String> ids = customers.stream().map(c -> c.next("welcome").path("conversationId").asString()).toList();
            for (int i = 0; i < 3; i++) {
                assertThat(askForAPerson(customers.get(i), "q-" + i).path("agent").asString()).isEqualTo("Anna");
            }
            ChatClient fourth = customers.get(3);
            JsonNode queued = askForAPerson(fourth, "q-4");
            assertThat(queued.path("status").asString()).isEqualTo("queued");
            assertThat(queued.path("position").asInt()).isEqualTo(1);
            assertThat(api.get("/api/agent/presence", "anna").json().path("active").asInt()).isEqualTo(3);

            JsonNode entry = only(api.get("/api/agent/queue", "anna").json(), ids.get(3));
            assertThat(entry.path("position").asInt()).isEqualTo(1);
            assertThat(entry.path("team").isNull()).isTrue();
            assertThat(entry.path("tier").isNull()).isTrue();
            assertThat(entry.path("customer").isNull()).isTrue();
            assertThat(Instant.parse(entry.path("dueAt").asString()))
                    .isAfter(Instant.parse(entry.path("waitingSince").asString()));
            assertThat(entry.path("breached").asBoolean()).isFalse();

            assertThat(api.post("/api/agent/conversations/" + ids.get(0) + "/close", "anna", null).status()).isEqualTo(200);
            JsonNode assigned = fourth.until(f -> "assigned".equals(f.path("status").asString())).getLast();
            assertThat(assigned.path("agent").asString()).isEqualTo("Anna");
            assertThat(api.get("/api/agent/conversations?mine=true", "anna").json().valueStream()
                    .map(c -> c.path("conversationId").asString())).containsExactlyInAnyOrder(ids.get(1), ids.get(2), ids.get(3));
            assertThat(api.get("/api/agent/conversations?mine=true", "anna").json().get(0).path("lastCustomerText").asString())
                    .isEqualTo("I want to talk to a human");
            assertThat(meters.get("lotse.handoff.wait").tag("team", "none").timer().count()).isGreaterThanOrEqualTo(4);
            assertThat(meters.get("lotse.handoff.handling").tag("team", "none").timer().count()).isPositive();
        } finally {
            customers.forEach(ChatClient::close);
        }
    }

    @Test
    void aTechnicalQuestionGoesToTheTechnicalTeam() {
        online("anna");
        try (ChatClient customer = connect("lang=de")) {
            String id = customer.next("welcome").path("conversationId").asString();
            customer.message("t-1", "Mein Router hat kein Internet");
            customer.drain();
            JsonNode offline = askForAPerson(customer, "t-2");
            assertThat(offline.path("status").asString()).as("nobody of team technik is online").isEqualTo("offline");
            assertThat(api.get("/api/agent/conversations/" + id, "anna").json().path("team").asString()).isEqualTo("technik");

            customer.send(Map.of("type", "cancel_handoff"));
            assertThat(customer.until(f -> "handoff".equals(f.path("type").asString())).getLast().path("status").asString())
                    .isEqualTo("cancelled");
            online("ben");
            JsonNode assigned = askForAPerson(customer, "t-3");
            assertThat(assigned.path("status").asString()).isEqualTo("assigned");
            assertThat(assigned.path("agent").asString()).isEqualTo("Ben");
        }
    }

    @Test
    void tierAComesFirstThenBThenTheRestAndABadIdentityIsRefusedButTheChatGoesOn() {
        online("anna");
        List<ChatClient> filler = List.of(connect("lang=en"), connect("lang=en"), connect("lang=en"));
        try (ChatClient tierC = connect("lang=en&identity=" + identity("c-7", "Carla", "C"));
                ChatClient forged = connect("lang=en&identity=" + forged(identity("x-1", "Xaver", "A")))) {
            for (ChatClient c : filler) {
                c.next("welcome");
                assertThat(askForAPerson(c, "f").path("status").asString()).isEqualTo("assigned");
            }
            String carla = tierC.next("welcome").path("conversationId").asString();
            assertThat(askForAPerson(tierC, "c").path("position").asInt()).isEqualTo(1);
            String anonymous = forged.next("welcome").path("conversationId").asString();
            assertThat(forged.next("error").path("code").asString()).isEqualTo("invalid_identity");
            assertThat(askForAPerson(forged, "x").path("position").asInt()).isEqualTo(2);
            try (ChatClient tierA = connect("lang=en&identity=" + identity("a-1", "Anton", "A"))) {
                String anton = tierA.next("welcome").path("conversationId").asString();
                assertThat(askForAPerson(tierA, "a").path("position").asInt()).isEqualTo(1);

                JsonNode queue = api.get("/api/agent/queue", "anna").json();
                assertThat(queue.valueStream().map(e -> e.path("conversationId").asString())).containsExactly(anton, carla, anonymous);
                assertThat(queue.get(0).path("tier").asString()).isEqualTo("A");
                assertThat(queue.get(0).path("customer").path("name").asString()).isEqualTo("Anton");
                assertThat(queue.get(0).path("customer").path("email").asString()).isEqualTo("a-1@example.com");
                assertThat(queue.get(2).path("customer").isNull()).isTrue();
                JsonNode moved = forged.until(f -> f.path("position").asInt() == 3).getLast();
                assertThat(moved.has("seq")).as("a place told live is not stored").isFalse();
            }
        } finally {
            filler.forEach(ChatClient::close);
        }
    }

    @Test
    void notesStayWithTheAgentsAndATransferCarriesThemToTheColleague() {
        online("anna");
        String token;
        try (ChatClient customer = connect("lang=en")) {
            JsonNode welcome = customer.next("welcome");
            token = welcome.path("token").asString();
            String id = welcome.path("conversationId").asString();
            assertThat(askForAPerson(customer, "n-1").path("agent").asString()).isEqualTo("Anna");

            Api.Response note = api.post("/api/agent/conversations/" + id + "/notes", "anna", "{\"text\":\"Key account, be quick\"}");
            assertThat(note.status()).isEqualTo(201);
            assertThat(note.json().path("type").asString()).isEqualTo("note");
            assertThat(api.post("/api/agent/conversations/" + id + "/notes", "anna", "{\"text\":\"  \"}").json().path("code").asString())
                    .isEqualTo("invalid_request");
            assertThat(api.post("/api/agent/conversations/" + id + "/notes", "anna", "{\"text\":\"" + "x".repeat(2001) + "\"}")
                    .json().path("code").asString()).isEqualTo("message_too_long");

            Api.Response offlineColleague = api.post("/api/agent/conversations/" + id + "/transfer", "anna",
                    "{\"agent\":\"ben\",\"note\":\"Router issue\"}");
            assertThat(offlineColleague.status()).isEqualTo(409);
            assertThat(offlineColleague.json().path("code").asString()).isEqualTo("agent_unavailable");
            assertThat(api.post("/api/agent/conversations/" + id + "/transfer", "anna", "{\"agent\":\"nobody\"}").json()
                    .path("code").asString()).isEqualTo("unknown_agent");
            assertThat(api.post("/api/agent/conversations/" + id + "/transfer", "anna", "{\"team\":\"kitchen\"}").json()
                    .path("code").asString()).isEqualTo("unknown_team");
            assertThat(api.post("/api/agent/conversations/" + id + "/transfer", "anna", "{}").json()
                    .path("code").asString()).isEqualTo("invalid_request");

            online("ben");
            Api.Response transfer = api.post("/api/agent/conversations/" + id + "/transfer", "anna",
                    "{\"agent\":\"ben\",\"note\":\"Router blinks red, restarted twice\"}");
            assertThat(transfer.status()).isEqualTo(200);
            assertThat(customer.until(f -> "assigned".equals(f.path("status").asString())).getLast().path("agent").asString())
                    .isEqualTo("Ben");
            assertThat(api.post("/api/agent/conversations/" + id + "/messages", "anna", "{\"text\":\"still mine?\"}").status())
                    .isEqualTo(403);

            JsonNode transcript = api.get("/api/agent/conversations/" + id, "ben").json();
            List<JsonNode> notes = transcript.path("frames").valueStream().filter(f -> "note".equals(f.path("type").asString())).toList();
            assertThat(notes).extracting(n -> n.path("text").asString())
                    .containsExactly("Key account, be quick", "Router blinks red, restarted twice");
            assertThat(notes.getLast().path("toAgent").asString()).isEqualTo("ben");
            assertThat(customer.drain()).noneMatch(f -> "note".equals(f.path("type").asString()));
        }
        try (ChatClient replay = connect("token=" + token)) {
            replay.next("welcome");
            List<JsonNode> frames = replay.drain();
            assertThat(frames).isNotEmpty().noneMatch(f -> "note".equals(f.path("type").asString())
                    || f.toString().contains("restarted twice"));
        }
    }

    @Test
    void typingShowsTheOtherSideAndIsNeitherStoredNorNumbered() {
        online("anna");
        try (ChatClient customer = connect("lang=en")) {
            String id = customer.next("welcome").path("conversationId").asString();
            askForAPerson(customer, "y-1");
            assertThat(api.post("/api/agent/conversations/" + id + "/typing", "anna", null).status()).isEqualTo(204);
            JsonNode typing = customer.next("typing");
            assertThat(typing.path("from").asString()).isEqualTo("agent");
            assertThat(typing.has("seq")).isFalse();
            customer.send(Map.of("type", "typing"));
            assertThat(api.get("/api/agent/conversations/" + id, "anna").json().path("frames").valueStream()
                    .map(f -> f.path("type").asString())).doesNotContain("typing");
        }
    }

    @Test
    void cancellingReturnsToTheBotAndIsRefusedWhenNotWaiting() {
        try (ChatClient customer = connect("lang=en")) {
            customer.next("welcome");
            customer.send(Map.of("type", "cancel_handoff"));
            assertThat(customer.next("error").path("code").asString()).isEqualTo("not_waiting");
            customer.send(Map.of("type", "contact", "id", "k-1", "email", "kim@example.com", "text", "hello"));
            assertThat(customer.next("error").path("code").asString()).isEqualTo("not_waiting");

            assertThat(askForAPerson(customer, "k-2").path("status").asString()).isEqualTo("offline");
            customer.send(Map.of("type", "cancel_handoff"));
            assertThat(customer.until(f -> "handoff".equals(f.path("type").asString())).getLast().path("status").asString())
                    .isEqualTo("cancelled");
            customer.message("k-3", "How long does shipping take?");
            assertThat(customer.until(f -> "bot".equals(f.path("type").asString())).getLast().path("articleId").asString())
                    .isEqualTo("t-en-shipping");
        }
    }

    @Test
    void askingForAPersonAgainWhilePendingFindsOneWhoCameOnline() {
        try (ChatClient customer = connect("lang=en")) {
            String id = customer.next("welcome").path("conversationId").asString();
            assertThat(askForAPerson(customer, "p-1").path("status").asString()).isEqualTo("offline");
            online("anna");
            JsonNode assigned = askForAPerson(customer, "p-2");
            assertThat(assigned.path("status").asString()).isEqualTo("assigned");
            assertThat(api.get("/api/agent/conversations/" + id, "anna").json().path("agent").asString()).isEqualTo("anna");
        }
    }

    @Test
    void cannedRepliesAreKeptSearchedAndChecked() {
        String reply = "{\"id\":\"greet-en\",\"title\":\"Greeting\",\"text\":\"Hello {customer}, I am {agent}.\",\"locale\":\"en\"}";
        assertThat(api.post("/api/agent/replies", "anna", reply).status()).isEqualTo(201);
        assertThat(api.post("/api/agent/replies", "ben", reply).json().path("code").asString()).isEqualTo("reply_exists");
        assertThat(api.get("/api/agent/replies?q=hello&locale=en", "ben").json().valueStream().map(r -> r.path("id").asString()))
                .containsExactly("greet-en");
        assertThat(api.get("/api/agent/replies?q=hello&locale=de", "ben").json()).isEmpty();
        assertThat(api.put("/api/agent/replies/greet-en", "ben",
                "{\"title\":\"Greeting\",\"text\":\"Hi {customer}!\",\"locale\":\"en\"}").json().path("text").asString())
                .isEqualTo("Hi {customer}!");
        assertThat(api.post("/api/agent/replies", "anna", "{\"id\":\"blank\",\"title\":\" \",\"text\":\"x\",\"locale\":\"en\"}")
                .json().path("code").asString()).isEqualTo("invalid_request");
        assertThat(api.post("/api/agent/replies", "anna",
                "{\"id\":\"long\",\"title\":\"t\",\"text\":\"" + "x".repeat(2001) + "\",\"locale\":\"en\"}").json().path("code").asString())
                .isEqualTo("message_too_long");
        Api.Response made = api.post("/api/agent/replies", "anna", "{\"title\":\"Bye\",\"text\":\"Goodbye!\",\"locale\":\"en\"}");
        assertThat(made.status()).isEqualTo(201);
        assertThat(made.json().path("id").asString()).as("an id made up").matches("r-[0-9a-f]{8}");
        assertThat(api.get("/api/agent/replies/" + made.json().path("id").asString(), "ben").json().path("text").asString())
                .isEqualTo("Goodbye!");
        assertThat(api.delete("/api/agent/replies/greet-en", "anna").status()).isEqualTo(204);
        assertThat(api.delete("/api/agent/replies/greet-en", "anna").json().path("code").asString()).isEqualTo("reply_not_found");

        JsonNode articles = api.get("/api/agent/articles?q=router&locale=en", "anna").json();
        assertThat(articles.get(0).path("id").asString()).isEqualTo("t-en-router");
        assertThat(articles.get(0).path("url").asString()).isEqualTo("/help/t-en-router");
    }

    @Test
    void anAdministratorSeesTheTeamAndMovesAConversation() {
        online("anna");
        online("ben");
        try (ChatClient customer = connect("lang=en")) {
            String id = customer.next("welcome").path("conversationId").asString();
            String first = askForAPerson(customer, "r-1").path("agent").asString();
            String other = first.equals("Anna") ? "ben" : "anna";

            JsonNode team = api.get("/api/admin/team", "ada").json();
            assertThat(team.path("agents").valueStream().filter(a -> a.path("active").asInt() == 1)).hasSize(1);
            assertThat(team.path("teams").valueStream().map(t -> t.path("team").isNull() ? "" : t.path("team").asString()))
                    .contains("", "technik");
            assertThat(api.get("/api/admin/team", "anna").status()).isEqualTo(403);

            assertThat(api.post("/api/agent/conversations/" + id + "/transfer", "ada", "{\"agent\":\"" + other + "\"}").status())
                    .isEqualTo(200);
            assertThat(api.get("/api/agent/conversations/" + id, "ada").json().path("agent").asString()).isEqualTo(other);
        }
    }

    private void online(String agent) {
        assertThat(api.put("/api/agent/presence", agent, "{\"status\":\"online\"}").status()).isEqualTo(200);
    }

    /**
     * Asks for a person and answers the last stored handoff frame that followed (offline, queued or
     * assigned): the server sends everything its message handling stored before it answers a ping.
     */
    private static JsonNode askForAPerson(ChatClient customer, String id) {
        customer.send(Map.of("type", "message", "id", id, "text", "I want to talk to a human", "payload", "human"));
        List<JsonNode> frames = customer.drain();
        return frames.reversed().stream().filter(f -> "handoff".equals(f.path("type").asString()) && f.has("seq")).findFirst()
                .orElseThrow(() -> new AssertionError("no handoff frame in " + frames));
    }

    private static JsonNode only(JsonNode list, String conversationId) {
        return list.valueStream().filter(e -> conversationId.equals(e.path("conversationId").asString())).findFirst()
                .orElseThrow(() -> new AssertionError(conversationId + " is not in " + list));
    }

    private static String identity(String sub, String name, String tier) {
        return signedIdentity(sub, name, sub + "@example.com", tier);
    }

    /**
     * The token with the first character of its signature changed. Not the last: that one carries
     * only four bits of the signature, so one in sixteen changes left the decoded signature as it was.
     */
    private static String forged(String token) {
        int signature = token.lastIndexOf('.') + 1;
        char first = token.charAt(signature);
        return token.substring(0, signature) + (first == 'A' ? 'B' : 'A') + token.substring(signature + 1);
    }
}

package io.lotse.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Two application nodes on one Redis: the shared test node and a second one started here with the
 * same settings. Customers on one, agents on the other; both nodes see every event and serve the
 * queue, and still each conversation goes to exactly one agent, never beyond capacity.
 */
class TwoNodesIT extends AppIT {

    private static ConfigurableApplicationContext second;

    @TempDir
    static Path secondDataDir;

    @BeforeEach
    void startTheSecondNodeAndResetTheHandoff() {
        if (second == null) {
            second = new SpringApplicationBuilder(LotseApplication.class).run(
                    "--server.port=0",
                    "--spring.data.redis.url=redis://127.0.0.1:6379",
                    "--chatbot.redis.key-prefix=" + KEY_PREFIX,
                    "--chatbot.data-dir=" + secondDataDir,
                    "--chatbot.knowledge.import-dir=" + testKnowledgeBase(),
                    "--chatbot.users.anna.password={noop}anna-secret", "--chatbot.users.anna.roles=AGENT",
                    "--chatbot.users.anna.display-name=Anna",
                    "--chatbot.users.ben.password={noop}ben-secret", "--chatbot.users.ben.roles=AGENT",
                    "--chatbot.users.ben.teams=technik",
                    "--chatbot.users.erik.password={noop}erik-secret", "--chatbot.users.erik.roles=EDITOR",
                    "--chatbot.users.ada.password={noop}ada-secret", "--chatbot.users.ada.roles=ADMIN",
                    "--chatbot.handoff.teams.technik.categories=technical",
                    "--chatbot.identity.secret=" + IDENTITY_SECRET,
                    "--chatbot.chat.new-conversations-per-minute=100000");
        }
        resetHandoff();
    }

    @AfterEach
    void reset() {
        resetHandoff();
    }

    @AfterAll
    static void stopTheSecondNode() {
        if (second != null) {
            second.close();
        }
    }

    private int secondPort() {
        return Integer.parseInt(second.getEnvironment().getProperty("local.server.port"));
    }

    @Test
    void aCustomerOnOneNodeIsAssignedOnceToAnAgentOnTheOtherAndTheyTalk() {
        Api first = api();
        assertThat(first.put("/api/agent/presence", "anna", "{\"status\":\"online\"}").status()).isEqualTo(200);
        try (ChatClient customer = ChatClient.connect(secondPort(), "lang=en")) {
            String id = customer.next("welcome").path("conversationId").asString();
            customer.send(Map.of("type", "message", "id", "h-1", "text", "I want to talk to a human", "payload", "human"));
            JsonNode assigned = customer.until(f -> "assigned".equals(f.path("status").asString())).getLast();
            assertThat(assigned.path("agent").asString()).isEqualTo("Anna");

            assertThat(first.post("/api/agent/conversations/" + id + "/messages", "anna", "{\"text\":\"Hello from the other node\"}")
                    .status()).isEqualTo(201);
            assertThat(customer.until(f -> "agent".equals(f.path("type").asString())).getLast().path("text").asString())
                    .isEqualTo("Hello from the other node");
            JsonNode frames = first.get("/api/agent/conversations/" + id, "anna").json().path("frames");
            assertThat(frames.valueStream().filter(f -> "assigned".equals(f.path("status").asString()))).hasSize(1);
        }
    }

    @Test
    void customersAskingOnBothNodesAtOnceAreEachAssignedOnceWithinCapacity() throws Exception {
        Api first = api();
        first.put("/api/agent/presence", "anna", "{\"status\":\"online\"}");
        new Api(secondPort()).put("/api/agent/presence", "ada", "{\"status\":\"online\"}");
        List<ChatClient> customers = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> asked = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                ChatClient customer = i % 2 == 0 ? connect("lang=en") : ChatClient.connect(secondPort(), "lang=en");
                customers.add(customer);
                int number = i;
                asked.add(pool.submit(() -> {
                    String id = customer.next("welcome").path("conversationId").asString();
                    customer.send(Map.of("type", "message", "id", "m-" + number, "text", "I want to talk to a human",
                            "payload", "human"));
                    customer.drain();
                    return id;
                }));
            }
            List<String> ids = new ArrayList<>();
            for (Future<String> future : asked) {
                ids.add(future.get());
            }
            JsonNode agents = first.get("/api/agent/agents", "anna").json();
            int active = 0;
            for (JsonNode agent : agents) {
                assertThat(agent.path("active").asInt()).isLessThanOrEqualTo(agent.path("capacity").asInt());
                active += agent.path("active").asInt();
            }
            assertThat(active).as("anna and ada take three each").isEqualTo(6);
            int assignedConversations = 0;
            for (String id : ids) {
                JsonNode frames = first.get("/api/agent/conversations/" + id, "anna").json().path("frames");
                long assigned = frames.valueStream().filter(f -> "assigned".equals(f.path("status").asString())).count();
                assertThat(assigned).as("assigned at most once: " + id).isLessThanOrEqualTo(1);
                assignedConversations += (int) assigned;
            }
            assertThat(assignedConversations).isEqualTo(6);
            assertThat(first.get("/api/agent/queue", "anna").json()).hasSize(2);
        } finally {
            pool.shutdownNow();
            customers.forEach(ChatClient::close);
        }
    }
}

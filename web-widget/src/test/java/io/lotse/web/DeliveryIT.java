package io.lotse.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.KillArgs;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lotse.handoff.Handoff;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Frames reach open sockets, and customers get their answers, when something went wrong on the way:
 * a lost pub/sub connection, a client's odd {@code after}, a node that died between storing a
 * message and answering it.
 */
class DeliveryIT extends AppIT {

    private static RedisClient redisClient;
    private static StatefulRedisConnection<String, String> redisConnection;

    /** The node's handoff, to store frames as another node (or a node that died next) would. */
    @Autowired
    Handoff handoff;

    @BeforeAll
    static void connectToRedis() {
        redisClient = RedisClient.create("redis://127.0.0.1:6379");
        redisConnection = redisClient.connect();
    }

    @AfterAll
    static void disconnect() {
        redisConnection.close();
        redisClient.shutdown();
    }

    @Test
    void aFrameStoredWhileTheNodeResubscribesReachesTheOpenSocket() {
        resetHandoff();
        Api api = api();
        RedisCommands<String, String> redis = redisConnection.sync();
        try (ChatClient customer = connect("lang=en")) {
            String conversationId = customer.next("welcome").path("conversationId").asString();
            customer.message("p-1", "I want to talk to a human");
            // Nobody is online: the conversation waits as pending, and the agent claims it from there.
            customer.until(f -> "offline".equals(f.path("status").asString()));
            assertThat(api.post("/api/agent/conversations/" + conversationId + "/claim", "anna", null).status()).isEqualTo(200);
            customer.until(f -> "assigned".equals(f.path("status").asString()));

            // The agent writes (on another node, say) just while this node's subscription is gone: its
            // announcement of the frame is lost. Retried until that is certain, that is until nobody
            // listened on the channel after the frame was stored.
            long seq = 0;
            for (int attempt = 1; attempt <= 5 && seq == 0; attempt++) {
                long pubSub = await().atMost(Duration.ofSeconds(10)).until(() -> handoffSubscriber(redis), id -> id > 0);
                redis.clientKill(KillArgs.Builder.id(pubSub));
                long stored = handoff.agentMessage(conversationId, "anna", "Anna", "Written while you were away " + attempt);
                if (redis.pubsubNumsub(KEY_PREFIX + ":events").get(KEY_PREFIX + ":events") == 0) {
                    seq = stored;
                } else {
                    customer.until(f -> f.path("seq").asLong() == stored);
                }
            }
            assertThat(seq).as("a frame stored while the node was not subscribed").isPositive();
            long lost = seq;
            JsonNode frame = customer.until(f -> f.path("seq").asLong() == lost).getLast();
            assertThat(frame.path("type").asString()).isEqualTo("agent");
            assertThat(frame.path("text").asString()).startsWith("Written while you were away");
        }
    }

    @Test
    void aResumeAfterMoreThanWasStoredStillGetsEveryLaterFrame() {
        String token;
        try (ChatClient customer = connect("lang=en")) {
            token = customer.next("welcome").path("token").asString();
            customer.message("a-1", "How long does shipping take?");
            assertThat(customer.drain()).extracting(f -> f.path("type").asString()).containsExactly("customer", "bot");
        }
        try (ChatClient resumed = connect("token=" + token + "&after=1000")) {
            assertThat(resumed.next("welcome").path("resumed").asBoolean()).isTrue();
            assertThat(resumed.drain()).isEmpty();
            resumed.message("a-2", "Where do I get a return label?");
            List<JsonNode> frames = resumed.drain();
            assertThat(frames).extracting(f -> f.path("type").asString()).containsExactly("customer", "bot");
            assertThat(frames).extracting(f -> f.path("seq").asLong()).containsExactly(3L, 4L);
            assertThat(frames.getLast().path("articleId").asString()).isEqualTo("t-en-returns");
        }
    }

    @Test
    void aMessageStoredButNeverAnsweredIsAnsweredOnceWhenSentAgain() {
        try (ChatClient customer = connect("lang=en")) {
            String conversationId = customer.next("welcome").path("conversationId").asString();
            // The node stored the message and died before the bot answered it.
            long seq = handoff.appendCustomerMessage(conversationId, "lost-1", "Where do I get a return label?").seq();
            customer.until(f -> f.path("seq").asLong() == seq);

            customer.message("lost-1", "Where do I get a return label?");
            List<JsonNode> answer = customer.drain();
            assertThat(answer).extracting(f -> f.path("type").asString()).containsExactly("bot");
            assertThat(answer.getFirst().path("articleId").asString()).isEqualTo("t-en-returns");

            customer.message("lost-1", "Where do I get a return label?");
            assertThat(customer.drain()).isEmpty();
        }
    }

    @Test
    void twoResendsAtOnceGetOneAnswer() {
        try (ChatClient first = connect("lang=en")) {
            JsonNode welcome = first.next("welcome");
            String conversationId = welcome.path("conversationId").asString();
            try (ChatClient second = connect("lang=en&token=" + welcome.path("token").asString())) {
                second.next("welcome");
                long seq = handoff.appendCustomerMessage(conversationId, "lost-2", "How long does shipping take?").seq();
                first.until(f -> f.path("seq").asLong() == seq);
                second.until(f -> f.path("seq").asLong() == seq);
                // Two tabs send the message again at the same moment.
                CompletableFuture.allOf(
                        CompletableFuture.runAsync(() -> first.message("lost-2", "How long does shipping take?")),
                        CompletableFuture.runAsync(() -> second.message("lost-2", "How long does shipping take?"))).join();
                first.until(f -> "bot".equals(f.path("type").asString()));
                first.drain();
                second.drain();
            }
            List<String> types = handoff.framesAfter(conversationId, 0).stream().map(f -> f.type()).toList();
            assertThat(types).containsExactly("customer", "bot");
        }
    }

    @Test
    void aMessageStoredButNeverAnsweredIsAnsweredOnResume() {
        String conversationId;
        String token;
        try (ChatClient customer = connect("lang=en")) {
            JsonNode welcome = customer.next("welcome");
            conversationId = welcome.path("conversationId").asString();
            token = welcome.path("token").asString();
            customer.message("r-1", "How long does shipping take?");
            assertThat(customer.drain()).hasSize(2);
        }
        // The node stored the next message and died before the bot answered; the client reconnects.
        long seq = handoff.appendCustomerMessage(conversationId, "r-2", "Where do I get a return label?").seq();
        try (ChatClient resumed = connect("lang=en&token=" + token + "&after=2")) {
            resumed.next("welcome");
            List<JsonNode> frames = resumed.until(f -> "bot".equals(f.path("type").asString()));
            assertThat(frames).extracting(f -> f.path("seq").asLong()).containsExactly(seq, seq + 1);
            assertThat(frames.getLast().path("articleId").asString()).isEqualTo("t-en-returns");
            assertThat(resumed.drain()).isEmpty();
        }
        try (ChatClient again = connect("lang=en&token=" + token + "&after=" + (seq + 1))) {
            again.next("welcome");
            assertThat(again.drain()).as("answered once, not on every resume").isEmpty();
        }
    }

    /** The id of this node's handoff subscriber among the clients of the shared Redis, or 0. */
    private static long handoffSubscriber(RedisCommands<String, String> redis) {
        String name = "name=" + KEY_PREFIX + ":handoff-events";
        return redis.clientList().lines()
                .map(line -> Arrays.asList(line.split(" ")))
                .filter(fields -> fields.contains(name) && fields.contains("sub=1"))
                .map(fields -> Long.parseLong(fields.getFirst().substring("id=".length())))
                .findFirst().orElse(0L);
    }
}

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
        Api api = api();
        RedisCommands<String, String> redis = redisConnection.sync();
        try (ChatClient customer = connect("lang=en")) {
            String conversationId = customer.next("welcome").path("conversationId").asString();
            customer.message("p-1", "I want to talk to a human");
            customer.until(f -> "queued".equals(f.path("status").asString()));
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

package io.lotse.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * A node whose Redis is gone tells customers so with the documented {@code unavailable} error, and
 * closes with 1013 (try again later) so that the client reconnects, instead of failing with 1011.
 * The node runs against a Redis server of its own, which the test stops.
 */
class RedisOutageIT {

    @TempDir
    Path dataDir;

    @Test
    void newAndResumedConnectionsGetUnavailableWhileRedisIsDown() throws IOException {
        int redisPort = freePort();
        try (ConfigurableApplicationContext app = start(redisPort)) {
            int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
            String token;
            try (ChatClient customer = ChatClient.connect(port, "lang=en")) {
                token = customer.next("welcome").path("token").asString();
                customer.message("o-1", "How long does shipping take?");
                assertThat(customer.drain()).hasSize(2);
            }

            stopRedis(redisPort);
            RedisClient probe = RedisClient.create("redis://127.0.0.1:" + redisPort);
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                try (StatefulRedisConnection<String, String> c = probe.connect()) {
                    return false;
                } catch (RuntimeException refused) {
                    return true;
                }
            });
            probe.shutdown();

            try (ChatClient fresh = ChatClient.connect(port, "lang=en")) {
                JsonNode error = fresh.next("error");
                assertThat(error.path("code").asString()).isEqualTo("unavailable");
                assertThat(error.path("message").asString()).isNotBlank();
                assertThat(fresh.closeCode()).isEqualTo(1013);
            }
            try (ChatClient resumed = ChatClient.connect(port, "token=" + token + "&after=2")) {
                JsonNode error = resumed.next("error");
                assertThat(error.path("code").asString()).isEqualTo("unavailable");
                assertThat(resumed.closeCode()).isEqualTo(1013);
            }
        }
    }

    private ConfigurableApplicationContext start(int redisPort) {
        // Without spring.data.redis.url the node starts its own Redis, here on a port the test knows.
        return new SpringApplicationBuilder(LotseApplication.class).run(
                "--server.port=0",
                "--chatbot.data-dir=" + dataDir,
                "--chatbot.redis.embedded-port=" + redisPort,
                "--chatbot.knowledge.import-dir=" + AppIT.testKnowledgeBase());
    }

    /** Stops the node's own Redis server (never the shared one). */
    private static void stopRedis(int redisPort) {
        RedisClient client = RedisClient.create("redis://127.0.0.1:" + redisPort);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            connection.sync().shutdown(false);
        } catch (RuntimeException expected) {
            // The server closes the connection instead of answering.
        } finally {
            client.shutdown();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}

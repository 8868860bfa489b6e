package io.lotse.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Two nodes without a configured token secret on a Redis of their own (the first node's embedded
 * one), which loses its data: a node restarted then signs with the same key as the node that kept
 * running, so customers moving between them keep their conversations. Also: tokens expire, and the
 * data folder with the embedded Redis's files is the service user's only.
 */
class TokenKeyIT {

    private static final String TTL = "6s";

    @TempDir
    Path firstDir;

    @TempDir
    Path secondDir;

    @Test
    void nodesAgreeOnTheTokenKeyAfterRedisLostItsData() throws Exception {
        int redisPort = freePort();
        try (ConfigurableApplicationContext first = start("--chatbot.data-dir=" + firstDir, "--chatbot.redis.embedded-port=" + redisPort)) {
            String url = "--spring.data.redis.url=redis://127.0.0.1:" + redisPort;
            ConfigurableApplicationContext second = start("--chatbot.data-dir=" + secondDir, url);
            try {
                assertMovesBetween(port(first), port(second));

                flushAll(redisPort);
                second.close();
                second = start("--chatbot.data-dir=" + secondDir, url);

                assertMovesBetween(port(first), port(second));
                assertMovesBetween(port(second), port(first));

                String token = newConversation(port(first));
                int other = port(second);
                // Valid for its lifetime, refused once it is over: asked again until then, never a blind wait.
                org.awaitility.Awaitility.await().pollInterval(java.time.Duration.ofMillis(500))
                        .atMost(java.time.Duration.parse("PT" + TTL).plusSeconds(5)).untilAsserted(() -> {
                            try (ChatClient expired = ChatClient.connect(other, "token=" + encode(token))) {
                                assertThat(expired.next().path("code").asString()).isEqualTo("invalid_token");
                                assertThat(expired.closeCode()).isEqualTo(1008);
                            }
                        });
            } finally {
                second.close();
            }
            assertPrivate(firstDir);
        }
    }

    /** A customer who starts on one node and comes back on the other gets their conversation. */
    private static void assertMovesBetween(int from, int to) {
        String token = newConversation(from);
        try (ChatClient back = ChatClient.connect(to, "token=" + encode(token) + "&after=0")) {
            JsonNode welcome = back.next("welcome");
            assertThat(welcome.path("resumed").asBoolean()).as("resumed on the other node").isTrue();
        }
    }

    private static String newConversation(int port) {
        try (ChatClient customer = ChatClient.connect(port, "lang=en")) {
            return customer.next("welcome").path("token").asString();
        }
    }

    /** Folders 700, files 600, the Redis binary 700: nothing for other users. */
    private static void assertPrivate(Path dir) throws IOException {
        try (Stream<Path> all = Stream.concat(Stream.of(dir, dir.resolve("redis"), dir.resolve("index")), Files.list(dir.resolve("redis")))) {
            for (Path path : all.toList()) {
                String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
                assertThat(mode).as(path.toString()).endsWith("------");
                if (Files.isRegularFile(path) && !Files.isExecutable(path)) {
                    assertThat(mode).as(path.toString()).isEqualTo("rw-------");
                }
            }
        }
        assertThat(Files.list(dir.resolve("redis")).map(p -> p.getFileName().toString()).toList()).contains("redis.log");
    }

    private static ConfigurableApplicationContext start(String... args) {
        List<String> all = new java.util.ArrayList<>(List.of(args));
        all.addAll(List.of("--server.port=0", "--chatbot.embeddings.model=none", "--chatbot.security.token-ttl=" + TTL,
                "--chatbot.knowledge.import-dir=" + AppIT.testKnowledgeBase()));
        return new SpringApplicationBuilder(LotseApplication.class).run(all.toArray(String[]::new));
    }

    private static int port(ConfigurableApplicationContext app) {
        return Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
    }

    private static void flushAll(int redisPort) {
        RedisClient client = RedisClient.create("redis://127.0.0.1:" + redisPort);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            connection.sync().flushall();
        } finally {
            client.shutdown();
        }
    }

    private static String encode(String token) {
        return URLEncoder.encode(token, StandardCharsets.UTF_8);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}

package io.lotse.web;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The one application context the integration tests share: a node on a random port against the
 * machine's Redis on 127.0.0.1:6379, under a key prefix of its own, with the small test knowledge
 * base imported and four users (agents anna and ben, editor erik, administrator ada); customer
 * identities are signed with {@link #IDENTITY_SECRET}.
 *
 * <p>The keys of the run are removed when the test JVM ends; the shared server is never flushed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.data.redis.url=redis://127.0.0.1:6379",
        "chatbot.users.anna.password={noop}anna-secret",
        "chatbot.users.anna.roles=AGENT",
        "chatbot.users.anna.display-name=Anna",
        "chatbot.users.ben.password={noop}ben-secret",
        "chatbot.users.ben.roles=AGENT",
        "chatbot.users.erik.password={noop}erik-secret",
        "chatbot.users.erik.roles=EDITOR",
        "chatbot.users.ada.password={noop}ada-secret",
        "chatbot.users.ada.roles=ADMIN",
        "chatbot.identity.secret=" + AppIT.IDENTITY_SECRET,
})
public abstract class AppIT {

    protected static final String KEY_PREFIX = "it-" + UUID.randomUUID();
    /** {@code chatbot.identity.secret} of the shared context: signs the customer identities of the tests. */
    protected static final String IDENTITY_SECRET = "lotse-it-identity-secret-0123456789abcdef";
    private static final Path DATA_DIR = createDataDir();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteKeys(KEY_PREFIX)));
    }

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("chatbot.data-dir", DATA_DIR::toString);
        registry.add("chatbot.redis.key-prefix", () -> KEY_PREFIX);
        registry.add("chatbot.knowledge.import-dir", AppIT::testKnowledgeBase);
    }

    protected Api api() {
        return new Api(port);
    }

    protected ChatClient connect(String query) {
        return ChatClient.connect(port, query);
    }

    static String testKnowledgeBase() {
        try {
            return Path.of(AppIT.class.getResource("/test-kb").toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path createDataDir() {
        try {
            return Files.createTempDirectory("lotse-it-");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Removes every key under a prefix from the shared Redis with SCAN, never FLUSHALL. */
    public static void deleteKeys(String prefix) {
        RedisClient client = RedisClient.create("redis://127.0.0.1:6379");
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            ScanCursor cursor = ScanCursor.INITIAL;
            do {
                KeyScanCursor<String> scan = connection.sync().scan(cursor, ScanArgs.Builder.matches(prefix + ":*").limit(500));
                if (!scan.getKeys().isEmpty()) {
                    connection.sync().del(scan.getKeys().toArray(String[]::new));
                }
                cursor = scan;
            } while (!cursor.isFinished());
        } finally {
            client.shutdown();
        }
    }
}

package io.lotse.web;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The one application context the integration tests share: a node on a random port against the
 * machine's Redis on 127.0.0.1:6379, under a key prefix of its own, with the small test knowledge
 * base imported and four users: agents anna and ben (ben in team technik, which takes the technical
 * articles' questions), editor erik and administrator ada; editor ivo is there for the tests of failed
 * sign-ins, which lock him out for {@link #LOGIN_LOCKOUT} after {@link #LOGIN_ATTEMPTS} failures. A
 * signed customer identity is keyed with {@link #IDENTITY_SECRET}.
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
        "chatbot.users.ben.teams=technik",
        "chatbot.users.erik.password={noop}erik-secret",
        "chatbot.users.erik.roles=EDITOR",
        "chatbot.users.ada.password={noop}ada-secret",
        "chatbot.users.ada.roles=ADMIN",
        "chatbot.users.ivo.password={noop}ivo-secret",
        "chatbot.users.ivo.roles=EDITOR",
        "chatbot.security.login-attempts=" + AppIT.LOGIN_ATTEMPTS,
        "chatbot.security.login-lockout=" + AppIT.LOGIN_LOCKOUT,
        "chatbot.handoff.teams.technik.categories=technical",
        "chatbot.identity.secret=" + AppIT.IDENTITY_SECRET,
        // Every test connects from this machine's address: the limit of new conversations per address
        // would hold them up. ChatLimitsIT checks the limit by using up the address's allowance.
        "chatbot.chat.new-conversations-per-minute=100000",
})
public abstract class AppIT {

    protected static final String KEY_PREFIX = "it-" + UUID.randomUUID();
    protected static final String IDENTITY_SECRET = "it-identity-secret-of-at-least-32-bytes";
    protected static final int LOGIN_ATTEMPTS = 5;
    protected static final String LOGIN_LOCKOUT = "3s";
    /** The agents of the shared context. */
    protected static final List<String> AGENTS = List.of("anna", "ben", "ada");
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

    /**
     * Leaves the handoff as a test found it: every agent's conversations closed, the queue empty,
     * every agent offline. The context and its Redis keys are shared by every test class, and an
     * agent left online would be given the next test's conversations.
     */
    protected void resetHandoff() {
        Api api = api();
        for (String agent : AGENTS) {
            for (JsonNode mine : api.get("/api/agent/conversations?mine=true", agent).json()) {
                api.post("/api/agent/conversations/" + mine.path("conversationId").asString() + "/close", agent, null);
            }
            api.put("/api/agent/presence", agent, "{\"status\":\"offline\"}");
        }
        // A page at a time: each page's conversations close, so the next page is the first again.
        for (int pages = 0; pages < 100; pages++) {
            JsonNode page = api.get("/api/agent/queue", "anna").json();
            if (page.isEmpty()) {
                break;
            }
            for (JsonNode waiting : page) {
                api.post("/api/agent/conversations/" + waiting.path("conversationId").asString() + "/close", "anna", null);
            }
        }
    }

    /** A customer identity as a site signs it: HS256 with the shared context's secret, valid for ten minutes. */
    protected static String signedIdentity(String sub, String name, String email, String tier) {
        try {
            JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(sub).claim("name", name).claim("email", email)
                    .claim("tier", tier).expirationTime(Date.from(Instant.now().plusSeconds(600))).build();
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new MACSigner(IDENTITY_SECRET.getBytes(StandardCharsets.UTF_8)));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
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
